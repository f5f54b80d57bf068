import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { REGION_PACK_FORMAT, type RegionPackHeader } from '@hamgaja/shared';
import type { Database } from '../db/database.js';
import { listContentTypes, listRegions } from './regions.js';
import { attractionsOfSido, catalogVersion } from './store.js';

const gzipAsync = promisify(gzip);

export type RegionPack = { sido: number; version: string; etag: string; body: Buffer; count: number };

/**
 * Region packs for offline use: gzip of NDJSON (a RegionPackHeader line, then one
 * AttractionDetail per line). The ETag hashes the uncompressed text, so every instance
 * cuts the same tag for the same catalog; packs are kept until the catalog version moves.
 */
export class RegionPacks {
  private readonly cache = new Map<number, Promise<RegionPack>>();

  constructor(private readonly db: Database) {}

  /** The pack of a sido, or null when the sido does not exist. */
  async get(sido: number): Promise<RegionPack | null> {
    const version = await catalogVersion(this.db);
    const cached = this.cache.get(sido);
    if (cached) {
      const pack = await cached.catch(() => undefined);
      if (pack?.version === version) return pack;
    }
    const building = this.build(sido, version);
    this.cache.set(sido, building as Promise<RegionPack>);
    const pack = await building.catch((err: unknown) => {
      this.cache.delete(sido);
      throw err;
    });
    if (!pack) this.cache.delete(sido);
    return pack;
  }

  private async build(sido: number, version: string): Promise<RegionPack | null> {
    const region = (await listRegions(this.db)).find((r) => r.code === sido);
    if (!region) return null;
    const [attractions, contentTypes] = await Promise.all([
      attractionsOfSido(this.db, sido),
      listContentTypes(this.db),
    ]);
    const header: RegionPackHeader = {
      format: REGION_PACK_FORMAT,
      region: { ...region, attractionCount: attractions.length },
      contentTypes,
      count: attractions.length,
      version,
      attributions: [
        ...new Set(attractions.map((a) => a.attribution).filter((a): a is string => !!a)),
      ].sort(),
    };
    const text = [header, ...attractions].map((line) => JSON.stringify(line)).join('\n') + '\n';
    const hash = createHash('sha256').update(text).digest('base64url').slice(0, 27);
    return {
      sido,
      version,
      etag: `"${sido}-${hash}"`,
      // Off the event loop: a big sido takes a while to compress.
      body: await gzipAsync(text, { level: 9 }),
      count: attractions.length,
    };
  }
}
