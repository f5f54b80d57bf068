import { describe, expect, it } from 'vitest';
import { ktoSido } from '@hamgaja/shared';
import { DEV_ID_BASE } from './dev-catalog.js';
import {
  homepageUrl,
  ktoItemSchema,
  ktoTimeToIso,
  RecordError,
  sanitizeOverview,
  toAttractionRow,
} from './records.js';
import { devCatalogRows } from './seed.js';
import { indexTokens, prefixUpperBound, wordBigrams } from './text.js';

describe('overview sanitizer', () => {
  it('keeps text formatting and http(s) links, drops scripts, styles, handlers and other schemes', () => {
    const html = sanitizeOverview(
      '<p style="color:red" onmouseover="x()">가<b>나</b><script>alert(1)</script><iframe src="https://e.vil"></iframe>' +
        '<a href="javascript:alert(1)">j</a><a href="https://ok.example">ok</a><img src=x onerror=alert(1)></p><br>',
    );
    expect(html).toBe(
      '<p>가<b>나</b><a rel="noopener noreferrer nofollow" target="_blank">j</a><a href="https://ok.example" rel="noopener noreferrer nofollow" target="_blank">ok</a></p><br />',
    );
    expect(sanitizeOverview('<script>only()</script>')).toBeNull();
    expect(sanitizeOverview(undefined)).toBeNull();
  });
});

describe('homepage', () => {
  it.each([
    [
      '<a href="http://www.visitseoul.net" target="_blank" title="새창">www.visitseoul.net</a>',
      'http://www.visitseoul.net/',
    ],
    ['https://royal.khs.go.kr', 'https://royal.khs.go.kr/'],
    ['www.example.org', 'http://www.example.org/'],
    ['<a href="javascript:alert(1)">x</a>', null],
    ['전화 문의', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(homepageUrl(input)).toBe(expected);
  });
});

describe('KTO records', () => {
  const base = {
    contentid: '126508',
    contenttypeid: '12',
    title: ' 경복궁 ',
    areacode: '1',
    sigungucode: '23',
    mapx: '126.9770',
    mapy: '37.5796',
  };

  it('reads TourAPI strings into a row with search text in both languages', () => {
    const row = toAttractionRow(
      ktoItemSchema.parse({
        ...base,
        addr1: '서울특별시 종로구 사직로 161',
        modifiedtime: '20250102030405',
        tel: '',
      }),
      { source: 'kto', attribution: 'KTO' },
    );
    expect(row).toMatchObject({
      id: 126508,
      title: '경복궁',
      sido_code: 1,
      gugun_code: 23,
      lat: 37.5796,
      lng: 126.977,
      tel: null,
      attribution: 'KTO',
    });
    expect(row.search_address).toBe('서울특별시 종로구 사직로 161 서울 seoul 종로구 jongno-gu');
    expect(ktoTimeToIso(row.kto_modified)).toBe('2025-01-02T03:04:05+09:00');
  });

  it('treats 0,0 as no coordinates and an unknown sigungucode as no gugun', () => {
    const row = toAttractionRow(ktoItemSchema.parse({ ...base, mapx: '0', mapy: '0', sigungucode: '99' }), {
      source: 'kto',
      attribution: null,
    });
    expect(row).toMatchObject({ lat: null, lng: null, geo_band: null, gugun_code: null });
  });

  it('refuses an unknown areacode and bad values', () => {
    expect(() =>
      toAttractionRow(ktoItemSchema.parse({ ...base, areacode: '77' }), {
        source: 'file',
        attribution: null,
      }),
    ).toThrow(RecordError);
    expect(ktoItemSchema.safeParse({ ...base, contenttypeid: '13' }).success).toBe(false);
    expect(ktoItemSchema.safeParse({ ...base, mapy: '91' }).success).toBe(false);
    expect(ktoItemSchema.safeParse({ ...base, title: '' }).success).toBe(false);
  });
});

describe('bigram tokens', () => {
  it('index every bigram and the last character of each piece', () => {
    expect(indexTokens('해운대해수욕장').sort()).toEqual(
      ['대해', '수욕', '운대', '욕장', '장', '해수', '해운'].sort(),
    );
    expect(indexTokens('N 서울').sort()).toEqual(['n', '서울', '울'].sort());
    expect(wordBigrams('해수욕')).toEqual(['해수', '수욕']);
    expect(prefixUpperBound('가')).toBe('각');
  });
});

describe('dev catalog', () => {
  const rows = devCatalogRows();

  it('has 80 to 150 places, several in every sido, with unique ids and titles', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.length).toBeLessThanOrEqual(150);
    for (const sido of ktoSido)
      expect(rows.filter((r) => r.sido_code === sido.code).length, sido.name.en).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
    expect(rows.every((r) => r.id > DEV_ID_BASE && r.gugun_code !== null && r.source === 'dev')).toBe(true);
  });

  it('places every attraction in Korea, with an address naming its sido', () => {
    const prefixes: Record<number, string> = {
      1: '서울',
      2: '인천',
      3: '대전',
      4: '대구',
      5: '광주',
      6: '부산',
      7: '울산',
      8: '세종',
      31: '경기',
      32: '강원',
      33: '충청북도',
      34: '충청남도',
      35: '경상북도',
      36: '경상남도',
      37: '전북',
      38: '전라남도',
      39: '제주',
    };
    for (const r of rows) {
      expect(r.lat!, r.title).toBeGreaterThan(33);
      expect(r.lat!, r.title).toBeLessThan(38.7);
      expect(r.lng!, r.title).toBeGreaterThan(124.5);
      expect(r.lng!, r.title).toBeLessThan(132);
      expect(r.addr1!.startsWith(prefixes[r.sido_code]!), r.title).toBe(true);
    }
  });
});
