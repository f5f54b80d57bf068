/**
 * The 17 sido (top-level regions) of the KTO TourAPI, by area code, with their names and the
 * colours of the drawn cover shown for them (bundled CSS art: no network images).
 */
import type { Language } from '../../i18n';

/** The shape drawn on a region's cover (see trips.css `.cover[data-motif]`). */
export type RegionMotif = 'city' | 'sea' | 'mountain' | 'island' | 'fields';

export interface Region {
  /** KTO area code, as stored in `trip.destination.regionCode`. */
  code: string;
  name: Record<Language, string>;
  motif: RegionMotif;
  /** Sky and ground colours of the cover. */
  colors: readonly [string, string];
}

export const regions: readonly Region[] = [
  { code: '1', name: { ko: '서울', en: 'Seoul' }, motif: 'city', colors: ['#4338ca', '#db2777'] },
  { code: '2', name: { ko: '인천', en: 'Incheon' }, motif: 'sea', colors: ['#0284c7', '#1e3a8a'] },
  { code: '3', name: { ko: '대전', en: 'Daejeon' }, motif: 'city', colors: ['#0891b2', '#4f46e5'] },
  { code: '4', name: { ko: '대구', en: 'Daegu' }, motif: 'mountain', colors: ['#ea580c', '#9f1239'] },
  { code: '5', name: { ko: '광주', en: 'Gwangju' }, motif: 'city', colors: ['#16a34a', '#0f766e'] },
  { code: '6', name: { ko: '부산', en: 'Busan' }, motif: 'sea', colors: ['#0ea5e9', '#0c4a6e'] },
  { code: '7', name: { ko: '울산', en: 'Ulsan' }, motif: 'sea', colors: ['#f59e0b', '#0e7490'] },
  { code: '8', name: { ko: '세종', en: 'Sejong' }, motif: 'fields', colors: ['#65a30d', '#0d9488'] },
  { code: '31', name: { ko: '경기', en: 'Gyeonggi' }, motif: 'fields', colors: ['#10b981', '#2563eb'] },
  { code: '32', name: { ko: '강원', en: 'Gangwon' }, motif: 'mountain', colors: ['#0d9488', '#1e3a8a'] },
  { code: '33', name: { ko: '충북', en: 'Chungbuk' }, motif: 'mountain', colors: ['#84cc16', '#166534'] },
  { code: '34', name: { ko: '충남', en: 'Chungnam' }, motif: 'sea', colors: ['#f97316', '#7c3aed'] },
  { code: '35', name: { ko: '경북', en: 'Gyeongbuk' }, motif: 'mountain', colors: ['#d97706', '#7c2d12'] },
  { code: '36', name: { ko: '경남', en: 'Gyeongnam' }, motif: 'sea', colors: ['#06b6d4', '#065f46'] },
  { code: '37', name: { ko: '전북', en: 'Jeonbuk' }, motif: 'fields', colors: ['#eab308', '#b45309'] },
  { code: '38', name: { ko: '전남', en: 'Jeonnam' }, motif: 'island', colors: ['#22c55e', '#0369a1'] },
  { code: '39', name: { ko: '제주', en: 'Jeju' }, motif: 'island', colors: ['#2dd4bf', '#f97316'] },
];

const byCode = new Map(regions.map((region) => [region.code, region]));

export function regionByCode(code: string | undefined): Region | undefined {
  return code === undefined ? undefined : byCode.get(code);
}

/** Cover of a trip without a known region: a calm default. */
export const defaultCover = { motif: 'fields' as RegionMotif, colors: ['#14b8a6', '#6366f1'] as const };
