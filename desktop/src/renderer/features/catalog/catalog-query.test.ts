import { describe, expect, it } from 'vitest';
import {
  filterChips,
  hasFilters,
  paramsFromQuery,
  queryFromParams,
  searchOf,
  withoutChip,
  type CatalogQuery,
} from './catalog-query';

const parse = (qs: string) => queryFromParams(new URLSearchParams(qs));

describe('search query ↔ address', () => {
  it('reads every filter from the address', () => {
    expect(parse('q=해수욕장&sido=6&gugun=16&type=39,12&page=2&sort=name')).toEqual({
      q: '해수욕장',
      sido: 6,
      gugun: 16,
      type: [12, 39],
      page: 2,
      sort: 'name',
    });
  });

  it('round-trips: address → query → address → the same query', () => {
    const queries: CatalogQuery[] = [
      { q: '', type: [], page: 1 },
      { q: '해운대 해수욕장', sido: 6, gugun: 16, type: [12, 32], page: 3, sort: 'relevance' },
      { q: 'a&b=c?#', sido: 39, type: [39], page: 1, sort: 'name' },
    ];
    for (const query of queries) {
      const params = paramsFromQuery(query);
      expect(queryFromParams(new URLSearchParams(params.toString()))).toEqual({
        ...query,
        gugun: query.gugun,
        sido: query.sido,
        sort: query.sort,
      });
    }
  });

  it('drops invalid values one by one and keeps the rest', () => {
    expect(parse('q=궁&sido=99&gugun=1&type=12,77&page=-1&sort=distance')).toEqual({
      q: '궁',
      sido: undefined,
      gugun: undefined,
      // The known type stays, the unknown one goes.
      type: [12],
      page: 1,
      sort: undefined,
    });
    // A gugun of another sido, and a gugun without sido, are dropped.
    expect(parse('sido=1&gugun=99').gugun).toBeUndefined();
    expect(parse('gugun=3').gugun).toBeUndefined();
    // relevance without words means nothing.
    expect(parse('sort=relevance').sort).toBeUndefined();
  });

  it('writes a minimal address and keeps the trip context', () => {
    const current = new URLSearchParams('trip=t1&day=2&q=old&junk=1');
    const params = paramsFromQuery({ q: '  경복궁 ', type: [39, 12], page: 1, gugun: 5 }, current);
    expect(params.toString()).toBe('q=%EA%B2%BD%EB%B3%B5%EA%B6%81&type=12%2C39&trip=t1&day=2');
  });

  it('turns a query into the checked search the server runs', () => {
    expect(searchOf({ q: '해수욕장', sido: 6, type: [12], page: 2 }, 10)).toEqual({
      q: '해수욕장',
      sido: 6,
      type: [12],
      page: 2,
      pageSize: 10,
      sort: 'relevance',
      radiusKm: undefined,
    });
    expect(searchOf({ q: ' ', type: [], page: 1 }).sort).toBe('name');
  });

  it('lists removable chips; removing the sido removes its gugun and goes back to page 1', () => {
    const query: CatalogQuery = { q: '시장', sido: 1, gugun: 23, type: [38, 39], page: 4, sort: 'relevance' };
    const chips = filterChips(query);
    expect(chips).toEqual([
      { kind: 'q', value: '시장' },
      { kind: 'sido', value: 1 },
      { kind: 'gugun', value: 23 },
      { kind: 'type', value: 38 },
      { kind: 'type', value: 39 },
    ]);
    expect(withoutChip(query, { kind: 'sido', value: 1 })).toMatchObject({
      sido: undefined,
      gugun: undefined,
      page: 1,
      q: '시장',
    });
    expect(withoutChip(query, { kind: 'type', value: 38 }).type).toEqual([39]);
    expect(withoutChip(query, { kind: 'q', value: '시장' })).toMatchObject({ q: '', sort: undefined });
    expect(hasFilters({ q: '', type: [], page: 1 })).toBe(false);
    expect(hasFilters({ q: '', type: [32], page: 1 })).toBe(true);
  });
});

describe('"search this area" in the address', () => {
  it('keeps a point, its radius and the distance sort', () => {
    const query = parse('near=35.15871234,129.1604&radiusKm=12.5&sort=distance&type=12');
    expect(query).toMatchObject({
      near: { lat: 35.15871234, lng: 129.1604 },
      radiusKm: 12.5,
      sort: 'distance',
      type: [12],
    });
    expect(paramsFromQuery(query).toString()).toBe(
      'type=12&near=35.15871%2C129.1604&radiusKm=12.5&sort=distance',
    );
    expect(searchOf(query)).toMatchObject({
      near: { lat: 35.15871, lng: 129.1604 },
      radiusKm: 12.5,
      sort: 'distance',
    });
  });

  it('drops a bad point, a radius without a point and a distance sort without a point', () => {
    expect(parse('near=95,10&radiusKm=5&sort=distance')).toMatchObject({
      near: undefined,
      radiusKm: undefined,
      sort: undefined,
    });
    expect(parse('near=abc&radiusKm=5')).toMatchObject({ near: undefined, radiusKm: undefined });
    expect(parse('near=37.5,127&radiusKm=900').radiusKm).toBeUndefined();
  });

  it('shows the area as a chip whose removal also drops the distance sort', () => {
    const query = parse('near=37.5,127&radiusKm=3&sort=distance');
    expect(filterChips(query)).toEqual([{ kind: 'near', value: 3 }]);
    expect(withoutChip(query, { kind: 'near', value: 3 })).toMatchObject({
      near: undefined,
      radiusKm: undefined,
      sort: undefined,
    });
    // Without an explicit radius the server's default applies, and the chip says so.
    expect(filterChips(parse('near=37.5,127'))).toEqual([{ kind: 'near', value: 20 }]);
  });
});
