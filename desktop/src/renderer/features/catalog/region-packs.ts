/**
 * Offline regions: download a region pack (gzip NDJSON, GET /api/regions/{sido}/pack) with
 * progress, resume a broken download where it stopped (Range + If-Range on the pack's ETag),
 * keep it on the device, and read it back for offline search and details.
 *
 * Storage: plain IndexedDB (through `idb`), not a replicated RxDB collection or the Cache API.
 * Packs are public catalog data shared by everyone on the device and must work signed out,
 * so they do not belong in the per-user RxDB database (whose open core also caps
 * collections); storing the compressed bytes keeps a 5,000-place region ~5x smaller than
 * documents; and the Cache API only exists in secure contexts, which a self-hosted server on
 * a plain-http LAN address is not.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { parseRegionPack, type AttractionDetail, type RegionPackHeader } from '@hamgaja/shared';
import type { FetchLike } from '../../api/http';

/** A downloaded region, as kept on the device. */
export type StoredPack = {
  sido: number;
  etag: string;
  version: string;
  header: RegionPackHeader;
  /** The gzip bytes exactly as the server sent them. */
  bytes: ArrayBuffer;
  size: number;
  count: number;
  downloadedAt: string;
};

/** The bytes of an unfinished download, kept so it can resume. */
export type PartialPack = { sido: number; etag: string; total: number; bytes: ArrayBuffer };

/** A downloaded region without its bytes (what lists show). */
export type PackInfo = Omit<StoredPack, 'bytes'>;

export interface PackStore {
  getPack(sido: number): Promise<StoredPack | undefined>;
  listPacks(): Promise<PackInfo[]>;
  putPack(pack: StoredPack): Promise<void>;
  deletePack(sido: number): Promise<void>;
  getPartial(sido: number): Promise<PartialPack | undefined>;
  putPartial(partial: PartialPack): Promise<void>;
  deletePartial(sido: number): Promise<void>;
}

interface PackDb extends DBSchema {
  packs: { key: number; value: StoredPack };
  partials: { key: number; value: PartialPack };
}

export const PACK_DB_NAME = 'hamgaja-region-packs';

/** The IndexedDB store of region packs (one per browser profile, shared by its users). */
export class IdbPackStore implements PackStore {
  private db: Promise<IDBPDatabase<PackDb>> | undefined;

  constructor(private readonly name = PACK_DB_NAME) {}

  private open(): Promise<IDBPDatabase<PackDb>> {
    this.db ??= openDB<PackDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('packs', { keyPath: 'sido' });
        db.createObjectStore('partials', { keyPath: 'sido' });
      },
    });
    return this.db;
  }

  async getPack(sido: number) {
    return (await this.open()).get('packs', sido);
  }
  async listPacks(): Promise<PackInfo[]> {
    const packs = await (await this.open()).getAll('packs');
    return packs.map(({ bytes: _bytes, ...info }) => info);
  }
  async putPack(pack: StoredPack) {
    await (await this.open()).put('packs', pack);
  }
  async deletePack(sido: number) {
    await (await this.open()).delete('packs', sido);
  }
  async getPartial(sido: number) {
    return (await this.open()).get('partials', sido);
  }
  async putPartial(partial: PartialPack) {
    await (await this.open()).put('partials', partial);
  }
  async deletePartial(sido: number) {
    await (await this.open()).delete('partials', sido);
  }
  async close() {
    if (this.db) (await this.db).close();
    this.db = undefined;
  }
}

export type DownloadProgress = { received: number; total: number };

/** Why a download stopped; `resumable` when the bytes so far were kept. */
export class PackDownloadError extends Error {
  constructor(
    readonly code: 'network' | 'not_found' | 'http' | 'corrupt',
    message: string,
    readonly resumable = false,
  ) {
    super(message);
    this.name = 'PackDownloadError';
  }
}

export function packUrl(baseUrl: string, sido: number): string {
  return `${baseUrl}/api/regions/${sido}/pack`;
}

/** Decompresses and checks a pack (every line through the shared zod schemas). */
export async function readPack(
  bytes: ArrayBuffer,
): Promise<{ header: RegionPackHeader; attractions: AttractionDetail[] }> {
  let text: string;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    text = await new Response(stream).text();
  } catch (error) {
    throw new PackDownloadError('corrupt', `the region pack is not valid gzip (${String(error)})`);
  }
  try {
    return parseRegionPack(text);
  } catch (error) {
    throw new PackDownloadError('corrupt', `the region pack is not valid (${String(error)})`);
  }
}

function concat(parts: readonly Uint8Array[], length: number): ArrayBuffer {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out.buffer;
}

/** "bytes 100-199/200" → {start: 100, total: 200}. */
export function parseContentRange(header: string | null): { start: number; total: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  return match ? { start: Number(match[1]), total: Number(match[3]) } : null;
}

export type DownloadOptions = {
  fetch: FetchLike;
  baseUrl: string;
  sido: number;
  store: PackStore;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Keep the bytes so far at least every this many bytes (default 512 KiB), so a crash loses little. */
  checkpointBytes?: number;
};

/**
 * Downloads (or resumes) a region pack and keeps it. Resuming sends the kept byte count as
 * Range with If-Range on the ETag: a 206 continues, a 200 (the pack changed) starts over.
 * A connection lost midway keeps the bytes so far and throws a resumable error.
 */
export async function downloadRegionPack(
  options: DownloadOptions,
): Promise<StoredPack & { attractions: AttractionDetail[] }> {
  const { store, sido } = options;
  const checkpoint = options.checkpointBytes ?? 512 * 1024;
  const partial = await options.store.getPartial(sido);
  const headers: Record<string, string> = {};
  if (partial && partial.bytes.byteLength > 0) {
    headers.range = `bytes=${partial.bytes.byteLength}-`;
    headers['if-range'] = partial.etag;
  }
  let response: Response;
  try {
    response = await options.fetch(packUrl(options.baseUrl, sido), { headers, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new PackDownloadError('network', `the server is unreachable (${String(error)})`, Boolean(partial));
  }
  if (response.status === 404) throw new PackDownloadError('not_found', `region ${sido} does not exist`);
  if (response.status === 416) {
    // The kept bytes do not fit the pack any more: start over next time.
    await store.deletePartial(sido);
    throw new PackDownloadError('http', 'the download could not resume; try again', true);
  }
  if (response.status !== 200 && response.status !== 206)
    throw new PackDownloadError('http', `the server answered HTTP ${response.status}`);
  const etag = response.headers.get('etag') ?? '';
  const range = response.status === 206 ? parseContentRange(response.headers.get('content-range')) : null;
  const resuming = Boolean(
    partial && range && range.start === partial.bytes.byteLength && partial.etag === etag,
  );
  if (response.status === 206 && !resuming) {
    await store.deletePartial(sido);
    throw new PackDownloadError('http', 'the server sent an unexpected part of the pack; try again', true);
  }
  const parts: Uint8Array[] = resuming && partial ? [new Uint8Array(partial.bytes)] : [];
  let received = resuming && partial ? partial.bytes.byteLength : 0;
  const total = range ? range.total : Number(response.headers.get('content-length') ?? 0);
  if (!resuming && partial) await store.deletePartial(sido);
  options.onProgress?.({ received, total });

  const keep = async () => {
    if (etag && received > 0) await store.putPartial({ sido, etag, total, bytes: concat(parts, received) });
  };
  const reader = response.body?.getReader();
  if (!reader) throw new PackDownloadError('http', 'the answer has no body');
  let sinceCheckpoint = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      sinceCheckpoint += value.length;
      options.onProgress?.({ received, total });
      if (sinceCheckpoint >= checkpoint) {
        sinceCheckpoint = 0;
        await keep();
      }
    }
  } catch (error) {
    await keep().catch(() => undefined);
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new PackDownloadError(
      'network',
      `the connection was lost (${String(error)})`,
      received > 0 && Boolean(etag),
    );
  }
  if (total > 0 && received < total) {
    await keep();
    throw new PackDownloadError(
      'network',
      `the connection was lost after ${received} of ${total} bytes`,
      Boolean(etag),
    );
  }
  const bytes = concat(parts, received);
  let header: RegionPackHeader;
  let attractions: AttractionDetail[];
  try {
    ({ header, attractions } = await readPack(bytes));
  } catch (error) {
    await store.deletePartial(sido);
    throw error;
  }
  const pack: StoredPack = {
    sido,
    etag,
    version: header.version,
    header,
    bytes,
    size: received,
    count: header.count,
    downloadedAt: new Date().toISOString(),
  };
  await store.putPack(pack);
  await store.deletePartial(sido);
  // The checked places come back too, so the offline index need not unpack them again.
  return { ...pack, attractions };
}

/** True when the server has a newer pack than the kept one (If-None-Match → 304 means current). */
export async function packIsCurrent(
  fetchFn: FetchLike,
  baseUrl: string,
  pack: Pick<StoredPack, 'sido' | 'etag'>,
): Promise<boolean> {
  const response = await fetchFn(packUrl(baseUrl, pack.sido), {
    method: 'HEAD',
    headers: { 'if-none-match': pack.etag },
  });
  return response.status === 304;
}

/** The download size of a region pack in bytes (a HEAD request), or null when unknown. */
export async function packSize(fetchFn: FetchLike, baseUrl: string, sido: number): Promise<number | null> {
  const response = await fetchFn(packUrl(baseUrl, sido), { method: 'HEAD' });
  const length = Number(response.headers.get('content-length'));
  return response.ok && Number.isFinite(length) && length > 0 ? length : null;
}
