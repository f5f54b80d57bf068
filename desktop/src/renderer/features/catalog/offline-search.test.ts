import { describe, expect, it } from 'vitest';
import { attractionSearchQuerySchema } from '@hamgaja/shared';
import { indexAttractions, searchOffline } from './offline-search';
import { samplePlaces } from './test-attractions';

const index = indexAttractions(samplePlaces());
const run = (query: Record<string, string>) => searchOffline(index, attractionSearchQuerySchema.parse(query));
const titles = (query: Record<string, string>) => run(query).items.map((a) => a.title);

describe('offline search over downloaded regions', () => {
  it('finds Korean words inside compounds', () => {
    expect(titles({ q: '해수욕장' })).toEqual(['광안리해수욕장', '송도해수욕장', '해운대해수욕장']);
    expect(titles({ q: '해수욕' })).toHaveLength(3);
    expect(titles({ q: '수욕' })).toHaveLength(3);
  });

  it('needs every word, in the title or the address (region names included)', () => {
    expect(titles({ q: '해운대 해수욕장' })).toEqual(['해운대해수욕장']);
    expect(titles({ q: '종로구 시장' })).toEqual(['광장시장']);
    expect(titles({ q: 'Haeundae-gu' }).sort()).toEqual(['파라다이스호텔 부산', '해운대해수욕장']);
    expect(titles({ q: '서울 해수욕장' })).toEqual([]);
  });

  it('matches English names case-insensitively and full-width letters after NFKC', () => {
    expect(titles({ q: 'gyeongbokgung' })).toEqual(['경복궁']);
    expect(titles({ q: 'ＢＥＡＣＨ' })).toHaveLength(3);
  });

  it('ranks title starts above title matches above address matches', () => {
    // "해운대" starts one title (3), and is only in the other's address (1).
    expect(titles({ q: '해운대' })).toEqual(['해운대해수욕장', '파라다이스호텔 부산']);
    expect(run({ q: '해운대', sort: 'name' }).items.map((a) => a.title)).toEqual([
      '파라다이스호텔 부산',
      '해운대해수욕장',
    ]);
  });

  it('filters by sido, gugun and content types, alone and combined', () => {
    expect(run({ sido: '1' }).total).toBe(2);
    expect(titles({ sido: '6', gugun: '16' })).toEqual(['파라다이스호텔 부산', '해운대해수욕장']);
    expect(titles({ type: '38' })).toEqual(['광장시장', '자갈치시장']);
    expect(titles({ sido: '6', type: '38,32' })).toEqual(['자갈치시장', '파라다이스호텔 부산']);
    expect(titles({ q: '시장', sido: '6' })).toEqual(['자갈치시장']);
  });

  it('orders by distance near a point and leaves out places beyond the radius', () => {
    const result = run({ near: '35.1587,129.1604', radiusKm: '10' });
    expect(result.items.map((a) => a.title)).toEqual([
      '해운대해수욕장',
      '파라다이스호텔 부산',
      '광안리해수욕장',
    ]);
    expect(result.items[0]?.distanceKm).toBeCloseTo(0, 5);
    expect(result.items[2]?.distanceKm).toBeGreaterThan(3.5);
  });

  it('pages stably with the total of every page', () => {
    const pages = [1, 2, 3].map((page) => run({ page: String(page), pageSize: '3' }));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    expect(pages[0]?.totalPages).toBe(3);
    const ids = pages.flatMap((p) => p.items.map((a) => a.id));
    expect(new Set(ids).size).toBe(7);
    expect(pages[2]?.items).toHaveLength(1);
  });

  it('treats query text as text (no pattern or injection semantics)', () => {
    expect(titles({ q: "' OR 1=1 --" })).toEqual([]);
    expect(titles({ q: '.*' })).toEqual([]);
    expect(titles({ q: '%' })).toEqual([]);
  });
});
