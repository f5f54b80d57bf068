// Region pack download, resume and offline search against a real local HTTP server that
// answers like GET /api/regions/{sido}/pack (ETag, Range/If-Range → 206), storing into
// IndexedDB (fake-indexeddb, the same API the browser has).
import 'fake-indexeddb/auto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  attractionSearchQuerySchema,
  ktoContentTypes,
  ktoSido,
  REGION_PACK_FORMAT,
  type AttractionDetail,
  type RegionPackHeader,
} from '@hamgaja/shared';
import { OfflineCatalog } from './offline-catalog';
import {
  downloadRegionPack,
  IdbPackStore,
  packIsCurrent,
  PackDownloadError,
  packSize,
  readPack,
  type DownloadProgress,
} from './region-packs';
import { samplePlaces } from './test-attractions';

function buildPack(sido: number, version: string, attractions: AttractionDetail[]): Buffer {
  const region = ktoSido.find((s) => s.code === sido)!;
  const header: RegionPackHeader = {
    format: REGION_PACK_FORMAT,
    region: { code: sido, name: region.name, gugun: region.gugun, attractionCount: attractions.length },
    contentTypes: ktoContentTypes.map(({ id, name, stopCategory }) => ({ id, name, stopCategory })),
    count: attractions.length,
    version,
    attributions: ['Hamgaja sample catalog'],
  };
  return gzipSync([header, ...attractions].map((l) => JSON.stringify(l)).join('\n') + '\n');
}

type Pack = { etag: string; body: Buffer };

describe('region packs', () => {
  let server: Server;
  let baseUrl: string;
  const packs = new Map<number, Pack>();
  const requests: IncomingMessage['headers'][] = [];
  /** Cut the next answer after this many body bytes (a lost connection). */
  let cutAfter: number | null = null;
  let store: IdbPackStore;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.headers);
      const sido = Number(/^\/api\/regions\/(\d+)\/pack$/.exec(req.url ?? '')?.[1]);
      const pack = packs.get(sido);
      if (!pack) {
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"code":"not_found"}');
        return;
      }
      const headers = { etag: pack.etag, 'accept-ranges': 'bytes', 'content-type': 'application/gzip' };
      if (req.headers['if-none-match'] === pack.etag) {
        res.writeHead(304, headers).end();
        return;
      }
      let body = pack.body;
      let status = 200;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range && (!req.headers['if-range'] || req.headers['if-range'] === pack.etag)) {
        const start = Number(range[1]);
        if (start >= pack.body.length) {
          res.writeHead(416, { 'content-range': `bytes */${pack.body.length}` }).end();
          return;
        }
        body = pack.body.subarray(start);
        status = 206;
        Object.assign(headers, {
          'content-range': `bytes ${start}-${pack.body.length - 1}/${pack.body.length}`,
        });
      }
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      if (cutAfter !== null) {
        const keep = cutAfter;
        cutAfter = null;
        res.write(body.subarray(0, keep), () => setTimeout(() => res.destroy(), 20));
        return;
      }
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    store = new IdbPackStore(`packs-${crypto.randomUUID()}`);
    packs.clear();
    requests.length = 0;
    cutAfter = null;
    const places = samplePlaces();
    packs.set(6, {
      etag: '"6-v1"',
      body: buildPack(
        6,
        'v1',
        places.filter((p) => p.sido === 6),
      ),
    });
    packs.set(1, {
      etag: '"1-v1"',
      body: buildPack(
        1,
        'v1',
        places.filter((p) => p.sido === 1),
      ),
    });
  });

  afterEach(async () => {
    await store.close();
  });

  const download = (sido: number, onProgress?: (p: DownloadProgress) => void) =>
    downloadRegionPack({
      fetch: (input, init) => fetch(input, init),
      baseUrl,
      sido,
      store,
      onProgress,
      checkpointBytes: 64,
    });

  it('downloads a region with progress and keeps it', async () => {
    const progress: DownloadProgress[] = [];
    const pack = await download(6, (p) => progress.push(p));
    const size = packs.get(6)!.body.length;
    expect(pack).toMatchObject({ sido: 6, etag: '"6-v1"', version: 'v1', count: 5, size });
    expect(progress.at(-1)).toEqual({ received: size, total: size });
    expect(progress.every((p, i) => i === 0 || p.received >= progress[i - 1]!.received)).toBe(true);
    expect((await store.listPacks()).map((p) => p.sido)).toEqual([6]);
    const kept = await store.getPack(6);
    expect(Buffer.from(kept!.bytes).equals(packs.get(6)!.body)).toBe(true);
    expect((await readPack(kept!.bytes)).attractions.map((a) => a.title)).toContain('해운대해수욕장');
  });

  it('resumes a lost connection where it stopped (Range + If-Range)', async () => {
    const full = packs.get(6)!.body;
    cutAfter = Math.floor(full.length / 2);
    const error = await download(6).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackDownloadError);
    expect(error).toMatchObject({ code: 'network', resumable: true });
    expect((await store.getPartial(6))?.bytes.byteLength).toBe(cutAfter ?? Math.floor(full.length / 2));
    expect(await store.getPack(6)).toBeUndefined();

    const pack = await download(6);
    expect(requests.at(-1)).toMatchObject({
      range: `bytes=${Math.floor(full.length / 2)}-`,
      'if-range': '"6-v1"',
    });
    expect(Buffer.from(pack.bytes).equals(full)).toBe(true);
    expect(await store.getPartial(6)).toBeUndefined();
  });

  it('starts over when the pack changed since the broken download', async () => {
    cutAfter = 100;
    await expect(download(6)).rejects.toMatchObject({ resumable: true });
    packs.set(6, {
      etag: '"6-v2"',
      body: buildPack(
        6,
        'v2',
        samplePlaces()
          .filter((p) => p.sido === 6)
          .slice(0, 2),
      ),
    });
    const pack = await download(6);
    expect(requests.at(-1)?.['if-range']).toBe('"6-v1"');
    expect(pack).toMatchObject({ etag: '"6-v2"', version: 'v2', count: 2 });
    expect(Buffer.from(pack.bytes).equals(packs.get(6)!.body)).toBe(true);
  });

  it('refuses a corrupt pack and keeps nothing', async () => {
    packs.set(6, { etag: '"6-bad"', body: gzipSync('{"format":"something else"}\n') });
    await expect(download(6)).rejects.toMatchObject({ code: 'corrupt' });
    packs.set(6, { etag: '"6-bad2"', body: Buffer.from('not gzip at all') });
    await expect(download(6)).rejects.toMatchObject({ code: 'corrupt' });
    expect(await store.listPacks()).toEqual([]);
    expect(await store.getPartial(6)).toBeUndefined();
  });

  it('says when a region does not exist or the server is unreachable', async () => {
    await expect(download(77)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      downloadRegionPack({
        fetch: (i, init) => fetch(i, init),
        baseUrl: 'http://127.0.0.1:1',
        sido: 6,
        store,
      }),
    ).rejects.toMatchObject({ code: 'network' });
  });

  it('knows when a kept pack is still the current one (If-None-Match → 304)', async () => {
    const pack = await download(6);
    const fetchFn = (i: string, init?: RequestInit) => fetch(i, init);
    expect(await packIsCurrent(fetchFn, baseUrl, pack)).toBe(true);
    packs.set(6, { etag: '"6-v2"', body: buildPack(6, 'v2', []) });
    expect(await packIsCurrent(fetchFn, baseUrl, pack)).toBe(false);
  });

  it('tells the size before downloading', async () => {
    expect(await packSize((i, init) => fetch(i, init), baseUrl, 6)).toBe(packs.get(6)!.body.length);
  });

  it('searches and opens details over downloaded regions only; removal forgets them', async () => {
    const catalog = new OfflineCatalog(store);
    expect(await catalog.hasRegions()).toBe(false);
    const busan = await download(6);
    catalog.added(6, busan.attractions);
    const search = (q: Record<string, string>) => catalog.search(attractionSearchQuerySchema.parse(q));
    expect((await search({ q: '해수욕장' })).items.map((a) => a.title)).toEqual([
      '광안리해수욕장',
      '송도해수욕장',
      '해운대해수욕장',
    ]);
    expect((await search({ q: '경복궁' })).total).toBe(0);
    await download(1);
    catalog.changed();
    // Seoul was not primed: its places are read back from the store.
    expect((await search({ q: '경복궁' })).total).toBe(1);
    const id = (await search({ q: '경복궁' })).items[0]!.id;
    expect((await catalog.find(id))?.addr1).toBe('서울특별시 종로구 사직로 161');
    expect(await catalog.covers({ sido: 1 })).toBe(true);

    await catalog.remove(1);
    expect(await catalog.covers({ sido: 1 })).toBe(false);
    expect((await search({ q: '경복궁' })).total).toBe(0);
    expect((await search({ q: '해운대' })).total).toBe(2);
    // A fresh catalog (a reload) reads everything back from the store.
    const reloaded = new OfflineCatalog(store);
    expect((await reloaded.search(attractionSearchQuerySchema.parse({ q: '해운대', sido: '6' }))).total).toBe(
      2,
    );
    expect((await reloaded.search(attractionSearchQuerySchema.parse({ q: '해운대', sido: '1' }))).total).toBe(
      0,
    );
  });
});
