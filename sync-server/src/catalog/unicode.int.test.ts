import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attractionSearchResultSchema, type AttractionSearchResult } from '@hamgaja/shared';
import { anyText, TRICKY_TEXT } from '../../test/any-text.js';
import {
  client,
  startTestServer,
  type ApiResponse,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { ktoItemSchema, toAttractionRow } from './records.js';
import { upsertAttractions } from './store.js';

/** Catalog search and import handle every code point: never a 500, and odd text is still found. */
let server: TestServer;
let api: Client;

beforeAll(async () => {
  // No result cache: every request below reaches the database.
  server = await startTestServer({ CATALOG_SEARCH_CACHE: '0' });
  api = client(server.url);
});
afterAll(async () => {
  await server?.stop();
});

/** A 200 search result, or a 4xx problem+json: never anything else. */
function expectAnswered(res: ApiResponse, what: string) {
  if (res.status === 200) {
    attractionSearchResultSchema.parse(res.body);
    return;
  }
  expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
}

async function search(query: string): Promise<AttractionSearchResult> {
  const res = await api.get(`/attractions?${query}`);
  expect(res.status, res.text).toBe(200);
  return attractionSearchResultSchema.parse(res.body);
}

describe('catalog search for any text', () => {
  it('answers a search for U+10FFFF (it was a 500: RangeError in the prefix bound)', async () => {
    expect((await api.get('/attractions?q=%F4%8F%BF%BF')).status).toBe(200);
    for (const q of [
      '\u{10FFFF}\u{10FFFF}',
      '\uFFFF',
      '\uD7FF',
      'a\u0000b',
      '\u0000',
      '$1',
      ':name',
      "'",
      '\\',
    ]) {
      const res = await api.get(`/attractions?${new URLSearchParams({ q })}`);
      expect(res.status, `${JSON.stringify(q)}: ${res.text}`).toBe(200);
    }
  });

  it('finds imported places whose text holds NUL, U+10FFFF, emoji, quotes and backslashes', async () => {
    const title = `끝\u{10FFFF}별 it's a\u0000b \\"'😀 마을`;
    const rows = [
      toAttractionRow(
        ktoItemSchema.parse({
          contentid: 7100001,
          contenttypeid: 12,
          title,
          addr1: `주소\u0000 $1 :name %_`,
          // A lone surrogate and a pair cut at the column's length: both made well-formed.
          overview: `<p>개요 \uD800 ${'가'.repeat(10)}</p>`,
          areacode: 39,
          sigungucode: 4,
          mapx: 126.6,
          mapy: 33.4,
        }),
        { source: 'file', attribution: "it's \\ ok" },
      ),
    ];
    await upsertAttractions(server.ctx.db, rows);
    for (const q of ['\u{10FFFF}', '\u{10FFFF}별', '끝\u{10FFFF}', "it's", '😀', '$1', ':name', '%_']) {
      const found = await search(new URLSearchParams({ q }).toString());
      expect(
        found.items.map((i) => i.id),
        JSON.stringify(q),
      ).toContain('7100001');
    }
    const detail = await api.get('/attractions/7100001');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ title, addr1: `주소\u0000 $1 :name %_`, attribution: "it's \\ ok" });
    expect(detail.body.overview).toContain('개요 \uFFFD 가');
  });

  it('never answers 500 to any query parameters (property, real HTTP)', async () => {
    const value = fc.oneof(
      anyText(12),
      fc.constantFrom(...TRICKY_TEXT),
      fc.constantFrom('1', '6', '39', '12,14'),
    );
    const params = fc.record(
      {
        q: anyText(20),
        sido: value,
        gugun: value,
        type: value,
        near: fc.oneof(value, fc.constant('37.5,127')),
        radiusKm: value,
        page: value,
        pageSize: value,
        sort: fc.oneof(value, fc.constantFrom('relevance', 'name', 'distance')),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        // URLSearchParams writes a lone surrogate as the UTF-8 of U+FFFD, as any browser does.
        const query = new URLSearchParams(p as Record<string, string>).toString();
        expectAnswered(await api.get(`/attractions?${query}`), query);
      }),
      { numRuns: 100 },
    );
  });

  it('never answers 500 to malformed percent-encoding', async () => {
    for (const raw of ['%ED%A0%80', '%FF', '%', '%E0%A4%A', '%F4%90%80%80', '%C0%80', '%00', 'q=%00&q=%01']) {
      const query = raw.includes('=') ? raw : `q=${raw}`;
      expectAnswered(await api.get(`/attractions?${query}`), query);
    }
  });
});
