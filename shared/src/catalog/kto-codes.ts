import type { Category } from '../sync/documents.js';

/**
 * KTO TourAPI reference codes: the 17 sido (area codes), the sigungu (gugun) codes inside
 * each, and the content types, with Korean and English names. Gaps in the gugun numbering
 * (e.g. 충북 9, 경북 5) are districts TourAPI retired when they merged into others.
 */
export type Names = { ko: string; en: string };
export type KtoGugun = { code: number; name: Names };
export type KtoSido = { code: number; name: Names; gugun: KtoGugun[] };
export type KtoContentType = { id: number; name: Names; stopCategory: StopCategory };
/** The trip stop category an attraction of a content type gets. */
export type StopCategory = Category;

/** "1:강남구:Gangnam-gu;2:…" keeps 250 districts readable. */
function gugun(list: string): KtoGugun[] {
  return list
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [code, ko, en] = entry.split(':');
      return { code: Number(code), name: { ko: ko!, en: en! } };
    });
}

export const ktoSido: KtoSido[] = [
  {
    code: 1,
    name: { ko: '서울', en: 'Seoul' },
    gugun:
      gugun(`1:강남구:Gangnam-gu;2:강동구:Gangdong-gu;3:강북구:Gangbuk-gu;4:강서구:Gangseo-gu;5:관악구:Gwanak-gu;
      6:광진구:Gwangjin-gu;7:구로구:Guro-gu;8:금천구:Geumcheon-gu;9:노원구:Nowon-gu;10:도봉구:Dobong-gu;
      11:동대문구:Dongdaemun-gu;12:동작구:Dongjak-gu;13:마포구:Mapo-gu;14:서대문구:Seodaemun-gu;15:서초구:Seocho-gu;
      16:성동구:Seongdong-gu;17:성북구:Seongbuk-gu;18:송파구:Songpa-gu;19:양천구:Yangcheon-gu;20:영등포구:Yeongdeungpo-gu;
      21:용산구:Yongsan-gu;22:은평구:Eunpyeong-gu;23:종로구:Jongno-gu;24:중구:Jung-gu;25:중랑구:Jungnang-gu`),
  },
  {
    code: 2,
    name: { ko: '인천', en: 'Incheon' },
    gugun:
      gugun(`1:강화군:Ganghwa-gun;2:계양구:Gyeyang-gu;3:미추홀구:Michuhol-gu;4:남동구:Namdong-gu;5:동구:Dong-gu;
      6:부평구:Bupyeong-gu;7:서구:Seo-gu;8:연수구:Yeonsu-gu;9:옹진군:Ongjin-gun;10:중구:Jung-gu`),
  },
  {
    code: 3,
    name: { ko: '대전', en: 'Daejeon' },
    gugun: gugun(`1:대덕구:Daedeok-gu;2:동구:Dong-gu;3:서구:Seo-gu;4:유성구:Yuseong-gu;5:중구:Jung-gu`),
  },
  {
    code: 4,
    name: { ko: '대구', en: 'Daegu' },
    gugun:
      gugun(`1:남구:Nam-gu;2:달서구:Dalseo-gu;3:달성군:Dalseong-gun;4:동구:Dong-gu;5:북구:Buk-gu;6:서구:Seo-gu;
      7:수성구:Suseong-gu;8:중구:Jung-gu;9:군위군:Gunwi-gun`),
  },
  {
    code: 5,
    name: { ko: '광주', en: 'Gwangju' },
    gugun: gugun(`1:광산구:Gwangsan-gu;2:남구:Nam-gu;3:동구:Dong-gu;4:북구:Buk-gu;5:서구:Seo-gu`),
  },
  {
    code: 6,
    name: { ko: '부산', en: 'Busan' },
    gugun: gugun(`1:강서구:Gangseo-gu;2:금정구:Geumjeong-gu;3:기장군:Gijang-gun;4:남구:Nam-gu;5:동구:Dong-gu;
      6:동래구:Dongnae-gu;7:부산진구:Busanjin-gu;8:북구:Buk-gu;9:사상구:Sasang-gu;10:사하구:Saha-gu;11:서구:Seo-gu;
      12:수영구:Suyeong-gu;13:연제구:Yeonje-gu;14:영도구:Yeongdo-gu;15:중구:Jung-gu;16:해운대구:Haeundae-gu`),
  },
  {
    code: 7,
    name: { ko: '울산', en: 'Ulsan' },
    gugun: gugun(`1:중구:Jung-gu;2:남구:Nam-gu;3:동구:Dong-gu;4:북구:Buk-gu;5:울주군:Ulju-gun`),
  },
  {
    code: 8,
    name: { ko: '세종', en: 'Sejong' },
    gugun: gugun(`1:세종특별자치시:Sejong-si`),
  },
  {
    code: 31,
    name: { ko: '경기', en: 'Gyeonggi' },
    gugun:
      gugun(`1:가평군:Gapyeong-gun;2:고양시:Goyang-si;3:과천시:Gwacheon-si;4:광명시:Gwangmyeong-si;5:광주시:Gwangju-si;
      6:구리시:Guri-si;7:군포시:Gunpo-si;8:김포시:Gimpo-si;9:남양주시:Namyangju-si;10:동두천시:Dongducheon-si;
      11:부천시:Bucheon-si;12:성남시:Seongnam-si;13:수원시:Suwon-si;14:시흥시:Siheung-si;15:안산시:Ansan-si;
      16:안성시:Anseong-si;17:안양시:Anyang-si;18:양주시:Yangju-si;19:양평군:Yangpyeong-gun;20:여주시:Yeoju-si;
      21:연천군:Yeoncheon-gun;22:오산시:Osan-si;23:용인시:Yongin-si;24:의왕시:Uiwang-si;25:의정부시:Uijeongbu-si;
      26:이천시:Icheon-si;27:파주시:Paju-si;28:평택시:Pyeongtaek-si;29:포천시:Pocheon-si;30:하남시:Hanam-si;
      31:화성시:Hwaseong-si`),
  },
  {
    code: 32,
    name: { ko: '강원', en: 'Gangwon' },
    gugun:
      gugun(`1:강릉시:Gangneung-si;2:고성군:Goseong-gun;3:동해시:Donghae-si;4:삼척시:Samcheok-si;5:속초시:Sokcho-si;
      6:양구군:Yanggu-gun;7:양양군:Yangyang-gun;8:영월군:Yeongwol-gun;9:원주시:Wonju-si;10:인제군:Inje-gun;
      11:정선군:Jeongseon-gun;12:철원군:Cheorwon-gun;13:춘천시:Chuncheon-si;14:태백시:Taebaek-si;15:평창군:Pyeongchang-gun;
      16:홍천군:Hongcheon-gun;17:화천군:Hwacheon-gun;18:횡성군:Hoengseong-gun`),
  },
  {
    code: 33,
    name: { ko: '충북', en: 'Chungbuk' },
    gugun:
      gugun(`1:괴산군:Goesan-gun;2:단양군:Danyang-gun;3:보은군:Boeun-gun;4:영동군:Yeongdong-gun;5:옥천군:Okcheon-gun;
      6:음성군:Eumseong-gun;7:제천시:Jecheon-si;8:진천군:Jincheon-gun;10:청주시:Cheongju-si;11:충주시:Chungju-si;
      12:증평군:Jeungpyeong-gun`),
  },
  {
    code: 34,
    name: { ko: '충남', en: 'Chungnam' },
    gugun:
      gugun(`1:공주시:Gongju-si;2:금산군:Geumsan-gun;3:논산시:Nonsan-si;4:당진시:Dangjin-si;5:보령시:Boryeong-si;
      6:부여군:Buyeo-gun;7:서산시:Seosan-si;8:서천군:Seocheon-gun;9:아산시:Asan-si;11:예산군:Yesan-gun;12:천안시:Cheonan-si;
      13:청양군:Cheongyang-gun;14:태안군:Taean-gun;15:홍성군:Hongseong-gun;16:계룡시:Gyeryong-si`),
  },
  {
    code: 35,
    name: { ko: '경북', en: 'Gyeongbuk' },
    gugun:
      gugun(`1:경산시:Gyeongsan-si;2:경주시:Gyeongju-si;3:고령군:Goryeong-gun;4:구미시:Gumi-si;6:김천시:Gimcheon-si;
      7:문경시:Mungyeong-si;8:봉화군:Bonghwa-gun;9:상주시:Sangju-si;10:성주군:Seongju-gun;11:안동시:Andong-si;
      12:영덕군:Yeongdeok-gun;13:영양군:Yeongyang-gun;14:영주시:Yeongju-si;15:영천시:Yeongcheon-si;16:예천군:Yecheon-gun;
      17:울릉군:Ulleung-gun;18:울진군:Uljin-gun;19:의성군:Uiseong-gun;20:청도군:Cheongdo-gun;21:청송군:Cheongsong-gun;
      22:칠곡군:Chilgok-gun;23:포항시:Pohang-si`),
  },
  {
    code: 36,
    name: { ko: '경남', en: 'Gyeongnam' },
    gugun:
      gugun(`1:거제시:Geoje-si;2:거창군:Geochang-gun;3:고성군:Goseong-gun;4:김해시:Gimhae-si;5:남해군:Namhae-gun;
      7:밀양시:Miryang-si;8:사천시:Sacheon-si;9:산청군:Sancheong-gun;10:양산시:Yangsan-si;12:의령군:Uiryeong-gun;
      13:진주시:Jinju-si;15:창녕군:Changnyeong-gun;16:창원시:Changwon-si;17:통영시:Tongyeong-si;18:하동군:Hadong-gun;
      19:함안군:Haman-gun;20:함양군:Hamyang-gun;21:합천군:Hapcheon-gun`),
  },
  {
    code: 37,
    name: { ko: '전북', en: 'Jeonbuk' },
    gugun:
      gugun(`1:고창군:Gochang-gun;2:군산시:Gunsan-si;3:김제시:Gimje-si;4:남원시:Namwon-si;5:무주군:Muju-gun;
      6:부안군:Buan-gun;7:순창군:Sunchang-gun;8:완주군:Wanju-gun;9:익산시:Iksan-si;10:임실군:Imsil-gun;11:장수군:Jangsu-gun;
      12:전주시:Jeonju-si;13:정읍시:Jeongeup-si;14:진안군:Jinan-gun`),
  },
  {
    code: 38,
    name: { ko: '전남', en: 'Jeonnam' },
    gugun:
      gugun(`1:강진군:Gangjin-gun;2:고흥군:Goheung-gun;3:곡성군:Gokseong-gun;4:광양시:Gwangyang-si;5:구례군:Gurye-gun;
      6:나주시:Naju-si;7:담양군:Damyang-gun;8:목포시:Mokpo-si;9:무안군:Muan-gun;10:보성군:Boseong-gun;11:순천시:Suncheon-si;
      12:신안군:Sinan-gun;13:여수시:Yeosu-si;16:영광군:Yeonggwang-gun;17:영암군:Yeongam-gun;18:완도군:Wando-gun;
      19:장성군:Jangseong-gun;20:장흥군:Jangheung-gun;21:진도군:Jindo-gun;22:함평군:Hampyeong-gun;23:해남군:Haenam-gun;
      24:화순군:Hwasun-gun`),
  },
  {
    code: 39,
    name: { ko: '제주', en: 'Jeju' },
    gugun: gugun(`3:서귀포시:Seogwipo-si;4:제주시:Jeju-si`),
  },
];

export const ktoContentTypes: KtoContentType[] = [
  { id: 12, name: { ko: '관광지', en: 'Tourist attraction' }, stopCategory: 'sightseeing' },
  { id: 14, name: { ko: '문화시설', en: 'Cultural facility' }, stopCategory: 'sightseeing' },
  { id: 15, name: { ko: '축제공연행사', en: 'Festival, performance, event' }, stopCategory: 'activity' },
  { id: 25, name: { ko: '여행코스', en: 'Travel course' }, stopCategory: 'sightseeing' },
  { id: 28, name: { ko: '레포츠', en: 'Leisure sports' }, stopCategory: 'activity' },
  { id: 32, name: { ko: '숙박', en: 'Accommodation' }, stopCategory: 'lodging' },
  { id: 38, name: { ko: '쇼핑', en: 'Shopping' }, stopCategory: 'shopping' },
  { id: 39, name: { ko: '음식점', en: 'Restaurant' }, stopCategory: 'food' },
];

/** The category a trip stop gets when it is added from an attraction of this content type. */
export function stopCategoryOf(contentTypeId: number): StopCategory {
  return ktoContentTypes.find((t) => t.id === contentTypeId)?.stopCategory ?? 'other';
}
