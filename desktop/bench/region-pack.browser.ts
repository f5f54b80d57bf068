// Runs inside headless Chromium (bundled by sync-server's catalog benchmark): the app's own
// offline-region code — download with progress into IndexedDB, check every line, index —
// then the first offline search, and the same search after reopening from IndexedDB alone.
import { attractionSearchQuerySchema } from '@hamgaja/shared';
import { OfflineCatalog } from '../src/renderer/features/catalog/offline-catalog';
import { downloadRegionPack, IdbPackStore } from '../src/renderer/features/catalog/region-packs';

const storeName = `bench-region-packs-${Math.random().toString(36).slice(2, 10)}`;
const search = (sido: number, q: string) => attractionSearchQuerySchema.parse({ q, sido: String(sido) });

/** Download → stored → indexed → first search answered; the time and what it found. */
async function download(baseUrl: string, sido: number, q: string) {
  const store = new IdbPackStore(storeName);
  const start = performance.now();
  let progressEvents = 0;
  const pack = await downloadRegionPack({
    fetch: (input, init) => fetch(input, init),
    baseUrl,
    sido,
    store,
    onProgress: () => (progressEvents += 1),
  });
  const downloaded = performance.now() - start;
  const catalog = new OfflineCatalog(store);
  catalog.added(sido, pack.attractions);
  const result = await catalog.search(search(sido, q));
  const ms = performance.now() - start;
  await store.close();
  return { ms, downloaded, bytes: pack.size, count: pack.count, found: result.total, progressEvents };
}

/** With the network off: a fresh catalog reads the kept pack from IndexedDB and searches it. */
async function reopen(sido: number, q: string) {
  const store = new IdbPackStore(storeName);
  const start = performance.now();
  const result = await new OfflineCatalog(store).search(search(sido, q));
  const ms = performance.now() - start;
  await store.close();
  indexedDB.deleteDatabase(storeName);
  return { ms, found: result.total, first: result.items[0]?.title ?? null };
}

Object.assign(globalThis, { packBench: { download, reopen } });
