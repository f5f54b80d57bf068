import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import {
  attractionDetailSchema,
  attractionSearchQuerySchema,
  attractionSearchResultSchema,
  distanceKm,
  ktoSido,
  matchesWords,
  queryWords,
  relevance,
  searchableAddress,
  searchableTitle,
  parseRegionPack,
  type AttractionSearchResult,
  type AttractionSummary,
} from '@hamgaja/shared';
import { client, expectProblem, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { catalogEngine } from './engine.js';
import { importFile } from './file-import.js';
import { ktoItemSchema, toAttractionRow } from './records.js';
import { buildSearchSql } from './search.js';
import { upsertAttractions } from './store.js';
import { DEV_ID_BASE } from './dev-catalog.js';

let server: TestServer;
let api: Client;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-catalog-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function search(query: string): Promise<AttractionSearchResult> {
  const res = await api.get(`/attractions?${query}`);
  expect(res.status, res.text).toBe(200);
  return attractionSearchResultSchema.parse(res.body);
}
const titles = (r: AttractionSearchResult) => r.items.map((i) => i.title);

/** Every page of a search, fetched one after another. */
async function allPages(query: string, pageSize: number) {
  const first = await search(`${query}&pageSize=${pageSize}&page=1`);
  const items: AttractionSummary[] = [...first.items];
  for (let page = 2; page <= first.totalPages; page += 1) {
    const next = await search(`${query}&pageSize=${pageSize}&page=${page}`);
    expect(next.total).toBe(first.total);
    items.push(...next.items);
  }
  return { total: first.total, items };
}

describe('keyword search', () => {
  it('finds a Korean word inside a compound name', async () => {
    const r = await search(`q=${encodeURIComponent('해수욕')}`);
    expect(titles(r)).toContain('해운대해수욕장');
    expect(titles(r)).toContain('광안리해수욕장');
    expect(r.total).toBe(r.items.length);
    for (const item of r.items) expect(`${item.title} ${item.addr1}`).toContain('해수욕');
  });

  it('finds two-letter and one-letter Korean words (the token index) and ranks title starts first', async () => {
    const busan = await search(`q=${encodeURIComponent('부산')}&pageSize=100`);
    expect(busan.items.length).toBeGreaterThanOrEqual(9);
    expect(busan.items.every((i) => i.sido === 6)).toBe(true);
    const palace = await search(`q=${encodeURIComponent('궁')}&pageSize=100`);
    expect(titles(palace)).toEqual(
      expect.arrayContaining(['경복궁', '창덕궁', '덕수궁', '해동용궁사', '수원 화성행궁']),
    );
    const gyeong = await search(`q=${encodeURIComponent('경복궁')}`);
    expect(gyeong.items[0]?.title).toBe('경복궁');
  });

  it('needs every word, in the title or the address', async () => {
    const r = await search(`q=${encodeURIComponent('부산 해수욕장')}`);
    expect(titles(r).sort()).toEqual(['광안리해수욕장', '송도해수욕장', '해운대해수욕장']);
  });

  it('finds English names and region names, ignoring case', async () => {
    expect(titles(await search('q=HAEUNDAE'))).toContain('해운대해수욕장');
    expect(titles(await search('q=palace&sido=1'))).toEqual(
      expect.arrayContaining(['경복궁', '창덕궁', '덕수궁']),
    );
    const jeju = await search('q=jeju&pageSize=100');
    expect(jeju.items.length).toBeGreaterThanOrEqual(10);
    expect(jeju.items.every((i) => i.sido === 39)).toBe(true);
  });

  it('ranks like the shared relevance rule the app uses offline', async () => {
    for (const q of ['해수욕장', '궁', 'park', '서울 시장', '사']) {
      const { items } = await allPages(`q=${encodeURIComponent(q)}`, 50);
      expect(items.length, q).toBeGreaterThan(0);
      const words = queryWords(q);
      const keyed = items.map((i) => {
        const sido = ktoSido.find((s) => s.code === i.sido)!;
        const gugun = sido.gugun.find((g) => g.code === i.gugun);
        const title = searchableTitle(i.title, i.titleEn);
        const address = searchableAddress([
          i.addr1,
          i.addr2,
          sido.name.ko,
          sido.name.en,
          gugun?.name.ko,
          gugun?.name.en,
        ]);
        expect(matchesWords(words, title, address), `${q}: ${i.title}`).toBe(true);
        return { id: i.id, score: relevance(words, title, address, q), title };
      });
      const expected = [...keyed].sort(
        (a, b) =>
          b.score - a.score ||
          (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
          Number(a.id) - Number(b.id),
      );
      expect(
        keyed.map((k) => k.id),
        q,
      ).toEqual(expected.map((k) => k.id));
    }
  });

  it('treats SQL and LIKE syntax as plain text', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '"', "경복궁'); DROP TABLE attractions; --", '\\']) {
      const r = await search(`q=${encodeURIComponent(q)}`);
      expect(r.total, q).toBe(0);
    }
    expect((await search(`q=${encodeURIComponent('경복궁')}`)).total).toBe(1);
  });
});

describe('filters', () => {
  it('filters by sido, gugun and content types, alone and combined', async () => {
    const busan = await allPages('sido=6', 4);
    expect(busan.total).toBe(9);
    expect(busan.items.every((i) => i.sido === 6)).toBe(true);
    const jung = await search('sido=6&gugun=15');
    expect(titles(jung)).toEqual(['자갈치시장']);
    const markets = await search('type=38&pageSize=100');
    expect(markets.items.every((i) => i.contentTypeId === 38)).toBe(true);
    expect(titles(markets)).toEqual(expect.arrayContaining(['광장시장', '자갈치시장', '동문재래시장']));
    const two = await search('type=14,32&sido=1');
    expect(titles(two).sort()).toEqual(['국립중앙박물관', '동대문디자인플라자', '웨스틴 조선 서울'].sort());
    const combined = await search(`q=${encodeURIComponent('시장')}&sido=39&type=38`);
    expect(titles(combined)).toEqual(['동문재래시장']);
  });

  it('sorts by name by default without a keyword', async () => {
    const r = await search('sido=39&pageSize=100');
    const sorted = [...titles(r)].sort();
    expect(titles(r)).toEqual(sorted);
  });
});

describe('near a point', () => {
  const gyeongbokgung = { lat: 37.5796, lng: 126.977 };

  it('keeps places within the radius, nearest first, with exact distances', async () => {
    const r = await search(`near=${gyeongbokgung.lat},${gyeongbokgung.lng}&radiusKm=3&pageSize=100`);
    expect(r.sort).toBe('distance');
    expect(r.items[0]?.title).toBe('경복궁');
    expect(titles(r)).toEqual(expect.arrayContaining(['창덕궁', '북촌한옥마을', '덕수궁', '인사동']));
    expect(titles(r)).not.toContain('N서울타워'); // about 3.2 km away
    let previous = 0;
    for (const item of r.items) {
      const d = distanceKm(gyeongbokgung, { lat: item.lat!, lng: item.lng! });
      expect(item.distanceKm).toBeCloseTo(d, 2);
      expect(d).toBeLessThanOrEqual(3);
      expect(item.distanceKm!).toBeGreaterThanOrEqual(previous);
      previous = item.distanceKm!;
    }
  });

  it('combines a keyword with near, and sorts by name on request', async () => {
    const r = await search(
      `q=${encodeURIComponent('해수욕장')}&near=35.1587,129.1604&radiusKm=10&sort=distance`,
    );
    expect(titles(r)).toEqual(['해운대해수욕장', '광안리해수욕장']);
    const byName = await search(`near=35.1587,129.1604&radiusKm=10&sort=name`);
    expect(titles(byName)).toEqual([...titles(byName)].sort());
  });
});

describe('paging', () => {
  it('is stable: the pages together hold every match exactly once, with the same total', async () => {
    const whole = await search('pageSize=100&page=1');
    const all = await allPages('sort=name', 7);
    expect(all.total).toBe(whole.total);
    const ids = all.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(all.total);
    const near = await allPages('near=36.5,127.5&radiusKm=200', 5);
    const nearIds = near.items.map((i) => i.id);
    expect(new Set(nearIds).size).toBe(near.total);
    const pageBeyond = await search('page=1000&pageSize=20');
    expect(pageBeyond.items).toEqual([]);
    expect(pageBeyond.total).toBe(all.total);
  });
});

describe('detail, regions, content types', () => {
  it('answers one attraction with its fields', async () => {
    const res = await api.get(`/attractions/${DEV_ID_BASE + 1}`);
    expect(res.status).toBe(200);
    const a = attractionDetailSchema.parse(res.body);
    expect(a).toMatchObject({
      title: '경복궁',
      titleEn: 'Gyeongbokgung Palace',
      sido: 1,
      gugun: 23,
      contentTypeId: 12,
      source: 'dev',
    });
    expect(a.overview).toMatch(/^<p>.+<\/p>$/);
    expect(a.overviewEn).toMatch(/^<p>The main royal palace of the Joseon dynasty.+<\/p>$/);
    expect(a.attribution).toBeTruthy();
  });

  it('says 404 for an unknown or malformed id', async () => {
    expectProblem(await api.get('/attractions/123'), 404, 'not_found');
    expectProblem(await api.get('/attractions/abc'), 404, 'not_found');
  });

  it('lists 17 sido with their gugun and counts, and 8 content types in two languages', async () => {
    const regions = (await api.get('/regions')).body as {
      code: number;
      name: { ko: string; en: string };
      gugun: unknown[];
      attractionCount: number;
    }[];
    expect(regions).toHaveLength(17);
    const seoul = regions.find((r) => r.code === 1)!;
    expect(seoul.name).toEqual({ ko: '서울', en: 'Seoul' });
    expect(seoul.gugun).toHaveLength(25);
    expect(seoul.attractionCount).toBe(16);
    expect(regions.every((r) => r.attractionCount >= 3)).toBe(true);
    const types = (await api.get('/content-types')).body as {
      id: number;
      name: { ko: string; en: string };
      stopCategory: string;
    }[];
    expect(types.map((t) => t.id)).toEqual([12, 14, 15, 25, 28, 32, 38, 39]);
    expect(types.find((t) => t.id === 39)).toEqual({
      id: 39,
      name: { ko: '음식점', en: 'Restaurant' },
      stopCategory: 'food',
    });
  });
});

describe('bad input', () => {
  it.each([
    'page=0',
    'pageSize=101',
    'page=abc',
    'near=abc',
    'near=91,127',
    'radiusKm=5',
    'near=37,127&radiusKm=500',
    'sort=distance',
    'sort=rating',
    'sido=99',
    'gugun=1',
    'sido=1&gugun=99',
    'type=13',
    'type=12;14',
    'q=a&q=b',
    `q=${'가'.repeat(101)}`,
  ])('answers 400 problem+json for %s', async (query) => {
    expectProblem(await api.get(`/attractions?${query}`), 400, 'validation_failed');
  });
});

describe('overview HTML', () => {
  it('is sanitized on import: scripts, handlers and javascript: links are gone', async () => {
    const file = path.join(dir, 'unsafe.ndjson');
    writeFileSync(
      file,
      JSON.stringify({
        contentid: '7000001',
        contenttypeid: '12',
        title: '위험한 설명',
        areacode: '1',
        sigungucode: '23',
        overview:
          '<p onclick="steal()">좋은 곳<script>alert(1)</script><br><a href="javascript:alert(2)">x</a> <a href="https://example.com">site</a></p><style>p{}</style><img src=x onerror=alert(3)>',
        overview_en: '<p>A nice place<script>alert(4)</script><img src=x onerror=alert(5)></p>',
        homepage: '<a href="http://www.example.org" target="_blank">www.example.org</a>',
      }) + '\n',
    );
    expect(await importFile(server.ctx.db, file)).toEqual({ imported: 1, rejected: [] });
    const a = (await api.get('/attractions/7000001')).body as {
      overview: string;
      overviewEn: string;
      homepage: string;
    };
    expect(a.overview).not.toMatch(/script|onclick|onerror|javascript|style|<img/i);
    expect(a.overviewEn).toBe('<p>A nice place</p>');
    expect(a.overview).toContain('좋은 곳');
    expect(a.overview).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
    expect(a.homepage).toBe('http://www.example.org/');
  });
});

describe('region pack', () => {
  it('downloads a sido as gzip NDJSON with an ETag, answers 304 and resumes with Range', async () => {
    const res = await fetch(`${server.url}/api/regions/39/pack`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"39-/);
    const body = Buffer.from(await res.arrayBuffer());
    const pack = parseRegionPack(gunzipSync(body).toString('utf8'));
    expect(pack.header.region.code).toBe(39);
    expect(pack.header.count).toBe(10);
    expect(pack.attractions.map((a) => a.title)).toContain('성산일출봉');
    expect(pack.attractions.every((a) => a.sido === 39)).toBe(true);

    // The app asks for the size before downloading.
    const size = await fetch(`${server.url}/api/regions/39/pack`, { method: 'HEAD' });
    expect(size.headers.get('content-length')).toBe(String(body.length));
    expect(size.headers.get('x-attraction-count')).toBe('10');

    const again = await fetch(`${server.url}/api/regions/39/pack`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const cut = Math.floor(body.length / 3);
    const head = await fetch(`${server.url}/api/regions/39/pack`, {
      headers: { range: `bytes=0-${cut - 1}` },
    });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-${cut - 1}/${body.length}`);
    const rest = await fetch(`${server.url}/api/regions/39/pack`, {
      headers: { range: `bytes=${cut}-`, 'if-range': etag },
    });
    expect(rest.status).toBe(206);
    const joined = Buffer.concat([
      Buffer.from(await head.arrayBuffer()),
      Buffer.from(await rest.arrayBuffer()),
    ]);
    expect(joined.equals(body)).toBe(true);

    const stale = await fetch(`${server.url}/api/regions/39/pack`, {
      headers: { range: `bytes=${cut}-`, 'if-range': '"39-old"' },
    });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).equals(body)).toBe(true);

    const beyond = await api.get('/regions/39/pack', { headers: { range: `bytes=${body.length + 10}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${body.length}`);
    expectProblem(await api.get('/regions/99/pack'), 404, 'not_found');
  });

  it('gets a new ETag when the catalog changes', async () => {
    const before = (await fetch(`${server.url}/api/regions/39/pack`)).headers.get('etag');
    const row = toAttractionRow(
      ktoItemSchema.parse({
        contentid: 7000002,
        contenttypeid: 12,
        title: '새 오름',
        areacode: 39,
        sigungucode: 4,
        mapx: 126.6,
        mapy: 33.4,
      }),
      { source: 'file', attribution: null },
    );
    await upsertAttractions(server.ctx.db, [row]);
    const after = await fetch(`${server.url}/api/regions/39/pack`, { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(after.headers.get('x-attraction-count')).toBe('11');
  });
});

describe('the text index', () => {
  it('drives keyword searches (no full scan of attractions)', async () => {
    const db = server.ctx.db;
    // Enough rows that a scan would look cheap to no planner.
    const rows = Array.from({ length: 3000 }, (_, i) =>
      toAttractionRow(
        ktoItemSchema.parse({
          contentid: 8_000_000 + i,
          contenttypeid: 12,
          title: `생성된 장소 ${i} 공원`,
          addr1: `경기도 어딘가 ${i}번길`,
          areacode: 31,
          sigungucode: (i % 31) + 1,
          mapx: 126.5 + (i % 100) / 100,
          mapy: 37 + (i % 50) / 100,
        }),
        { source: 'file', attribution: null },
      ),
    );
    await upsertAttractions(db, rows);
    const engine = await catalogEngine(db);
    if (engine.kind !== 'sqlite') await db.sequelize.query('ANALYZE TABLE attractions, attraction_tokens');
    for (const q of ['해수욕', '부산', '궁', '해수욕 부산', 'haeundae']) {
      for (const extra of ['', '&sido=6', '&sort=name', '&near=35.1,129.1&radiusKm=30']) {
        const s = attractionSearchQuerySchema.parse(
          Object.fromEntries(new URLSearchParams(`q=${encodeURIComponent(q)}${extra}`)),
        );
        const sql = buildSearchSql(engine, s);
        for (const [statement, bind] of [
          [sql.select, sql.bind],
          [sql.count, sql.countBind],
        ] as const) {
          if (engine.kind === 'sqlite') {
            const plan = await db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${statement}`, {
              bind,
              type: QueryTypes.SELECT,
            });
            const details = plan.map((p) => p.detail);
            expect(
              details.some((d) => /attractions_fts|attraction_tokens|SEARCH t\d USING PRIMARY KEY/.test(d)),
              details.join(' | '),
            ).toBe(true);
            expect(
              details.filter((d) => /^SCAN a\b/.test(d)),
              details.join(' | '),
            ).toEqual([]);
            expect(
              details.filter((d) => /^SCAN o\b/.test(d)),
              details.join(' | '),
            ).toEqual([]);
          } else {
            const plan = await db.sequelize.query<{ table: string; type: string; key: string | null }>(
              `EXPLAIN ${statement}`,
              { bind, type: QueryTypes.SELECT },
            );
            const onAttractions = plan.filter((p) => p.table === 'a');
            expect(onAttractions.length, JSON.stringify(plan)).toBe(1);
            expect(onAttractions[0]!.type, JSON.stringify(plan)).not.toBe('ALL');
            // Only the page (at most 20 rows) reads the wide attraction rows, by primary key.
            for (const outer of plan.filter((p) => p.table === 'o'))
              expect(outer.type, JSON.stringify(plan)).toBe('eq_ref');
            const tokens = plan.filter((p) => p.table === 'attraction_tokens' || /^t\d$/.test(p.table));
            expect(tokens.length, JSON.stringify(plan)).toBeGreaterThan(0);
            expect(
              tokens.every((p) => p.type !== 'ALL' && p.type !== 'index'),
              JSON.stringify(plan),
            ).toBe(true);
          }
        }
      }
    }
    // And the generated rows are found through the same index.
    expect((await search(`q=${encodeURIComponent('생성된 장소 2999')}`)).total).toBe(1);
  });
});

describe('recent search results', () => {
  it('are served again only while the catalog is unchanged', async () => {
    const query = `q=${encodeURIComponent('캐시확인용명소')}`;
    expect((await search(query)).total).toBe(0);
    // The same search again (now from the cache) still finds nothing…
    expect((await search(query)).total).toBe(0);
    const row = (i: number) =>
      toAttractionRow(
        ktoItemSchema.parse({
          contentid: 8_100_000 + i,
          contenttypeid: 12,
          title: `캐시확인용명소 ${i}`,
          addr1: '제주특별자치도 제주시',
          areacode: 39,
          sigungucode: 4,
          mapx: 126.5,
          mapy: 33.5,
        }),
        { source: 'file', attribution: null },
      );
    // …but an import moves the catalog version on, and the next search sees it.
    await upsertAttractions(server.ctx.db, [row(1)]);
    expect(titles(await search(query))).toEqual(['캐시확인용명소 1']);
    await upsertAttractions(server.ctx.db, [row(2)]);
    expect(titles(await search(query))).toEqual(['캐시확인용명소 1', '캐시확인용명소 2']);
    expect((await search(`${query}&pageSize=1&page=2`)).items.map((i) => i.title)).toEqual([
      '캐시확인용명소 2',
    ]);
  });
});
