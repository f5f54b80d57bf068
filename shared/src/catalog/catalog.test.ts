import { describe, expect, it } from 'vitest';
import { attractionSearchQueryString, attractionSearchQuerySchema } from './api.js';
import { distanceKm } from './geo.js';
import {
  matchesWords,
  normalizeText,
  queryWords,
  relevance,
  relevanceTitleKey,
  RELEVANCE_TITLE_KEY,
  searchableTitle,
} from './text.js';

describe('search query', () => {
  it('fills defaults: relevance with q, distance with near, name otherwise', () => {
    expect(attractionSearchQuerySchema.parse({ q: ' 해수욕 ' })).toEqual({
      q: '해수욕',
      page: 1,
      pageSize: 20,
      sort: 'relevance',
    });
    expect(attractionSearchQuerySchema.parse({ near: '37.5,127' })).toMatchObject({
      near: { lat: 37.5, lng: 127 },
      radiusKm: 20,
      sort: 'distance',
    });
    expect(attractionSearchQuerySchema.parse({ sido: '1', gugun: '23', type: '12,14,12' })).toMatchObject({
      sido: 1,
      gugun: 23,
      type: [12, 14],
      sort: 'name',
    });
  });

  it('round-trips through the query string builder', () => {
    const search = {
      q: '부산 해변',
      sido: 6,
      type: [12, 38],
      near: { lat: 35.1, lng: 129.1 },
      radiusKm: 5,
      page: 2,
      pageSize: 10,
      sort: 'distance' as const,
    };
    const query = Object.fromEntries(
      attractionSearchQueryString(search)
        .split('&')
        .map((kv) => kv.split('=').map(decodeURIComponent)),
    );
    expect(attractionSearchQuerySchema.parse(query)).toEqual(search);
  });

  it('refuses contradictions', () => {
    for (const q of [
      { gugun: '1' },
      { radiusKm: '3' },
      { sort: 'distance' },
      { sido: '9' },
      { type: '11' },
      { near: '100,1' },
    ]) {
      expect(attractionSearchQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });
});

describe('offline text rules', () => {
  it('match Korean words inside compounds and English case-insensitively', () => {
    const title = searchableTitle('해운대해수욕장', 'Haeundae Beach');
    expect(matchesWords(queryWords('해수욕'), title, '')).toBe(true);
    expect(matchesWords(queryWords('HAEUNDAE beach'), title, '')).toBe(true);
    expect(matchesWords(queryWords('해수욕 광안'), title, '')).toBe(false);
    expect(normalizeText(' Ａ\u200bB\n c ')).toBe('a b c');
    expect(relevance(['해운대'], title, '', '해운대')).toBeGreaterThan(
      relevance(['해수욕'], title, '', '해수욕'),
    );
  });

  it('measure distances by haversine', () => {
    // Seoul City Hall to Busan City Hall: about 325 km.
    expect(distanceKm({ lat: 37.5663, lng: 126.9779 }, { lat: 35.1798, lng: 129.075 })).toBeCloseTo(325, -1);
  });
});

describe('relevanceTitleKey', () => {
  it('keeps the first RELEVANCE_TITLE_KEY code points of a title, as SQL SUBSTR counts them', () => {
    expect(relevanceTitleKey('해운대해수욕장')).toBe('해운대해수욕장');
    const long = '가'.repeat(RELEVANCE_TITLE_KEY + 5);
    expect(relevanceTitleKey(long)).toBe('가'.repeat(RELEVANCE_TITLE_KEY));
    // A character outside the BMP counts once, not as two UTF-16 units.
    const astral = '😀'.repeat(RELEVANCE_TITLE_KEY + 1);
    expect([...relevanceTitleKey(astral)]).toHaveLength(RELEVANCE_TITLE_KEY);
  });
});
