// Real places (dev-catalog style) as the server's detail JSON, for the catalog's unit tests.
import type { AttractionDetail } from '@hamgaja/shared';

let next = 900_000_001;

export function attraction(
  fields: Partial<AttractionDetail> & Pick<AttractionDetail, 'title' | 'sido'>,
): AttractionDetail {
  return {
    id: String(next++),
    titleEn: null,
    contentTypeId: 12,
    gugun: null,
    addr1: null,
    addr2: null,
    lat: null,
    lng: null,
    firstImage: null,
    firstImage2: null,
    zipcode: null,
    tel: null,
    telName: null,
    homepage: null,
    images: [],
    overview: null,
    cat1: null,
    cat2: null,
    cat3: null,
    source: 'dev',
    attribution: 'Hamgaja sample catalog',
    license: null,
    modifiedAt: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}

/** Busan (sido 6) and Seoul (sido 1) places with true coordinates. */
export function samplePlaces(): AttractionDetail[] {
  return [
    attraction({
      title: '해운대해수욕장',
      titleEn: 'Haeundae Beach',
      sido: 6,
      gugun: 16,
      addr1: '부산광역시 해운대구 해운대해변로 264',
      lat: 35.1587,
      lng: 129.1604,
    }),
    attraction({
      title: '광안리해수욕장',
      titleEn: 'Gwangalli Beach',
      sido: 6,
      gugun: 12,
      addr1: '부산광역시 수영구 광안해변로 219',
      lat: 35.1532,
      lng: 129.1186,
    }),
    attraction({
      title: '송도해수욕장',
      titleEn: 'Songdo Beach',
      sido: 6,
      gugun: 11,
      addr1: '부산광역시 서구 송도해변로 100',
      lat: 35.076,
      lng: 129.017,
    }),
    attraction({
      title: '자갈치시장',
      titleEn: 'Jagalchi Market',
      sido: 6,
      gugun: 15,
      contentTypeId: 38,
      addr1: '부산광역시 중구 자갈치해안로 52',
      lat: 35.0966,
      lng: 129.0306,
    }),
    attraction({
      title: '파라다이스호텔 부산',
      titleEn: 'Paradise Hotel Busan',
      sido: 6,
      gugun: 16,
      contentTypeId: 32,
      addr1: '부산광역시 해운대구 해운대해변로 296',
      lat: 35.1596,
      lng: 129.164,
    }),
    attraction({
      title: '경복궁',
      titleEn: 'Gyeongbokgung Palace',
      sido: 1,
      gugun: 23,
      addr1: '서울특별시 종로구 사직로 161',
      lat: 37.5796,
      lng: 126.977,
    }),
    attraction({
      title: '광장시장',
      titleEn: 'Gwangjang Market',
      sido: 1,
      gugun: 23,
      contentTypeId: 38,
      addr1: '서울특별시 종로구 창경궁로 88',
      lat: 37.57,
      lng: 126.9996,
    }),
  ];
}
