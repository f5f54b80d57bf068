/**
 * The downloaded regions as one searchable catalog: packs are decompressed and indexed once,
 * kept in memory, and rebuilt when a region is downloaded or removed. Listeners hear about
 * every change, so pages can show "downloaded" states live.
 */
import type { AttractionDetail, AttractionSearch, AttractionSearchResult } from '@hamgaja/shared';
import { indexAttractions, searchOffline, type IndexedAttraction } from './offline-search';
import { readPack, type PackInfo, type PackStore } from './region-packs';

export class OfflineCatalog {
  /** Indexed places per downloaded sido, read from the store on first use. */
  private readonly indexes = new Map<number, Promise<IndexedAttraction[]>>();
  private packs: Promise<PackInfo[]> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly store: PackStore) {}

  /** The downloaded regions (without their bytes). */
  list(): Promise<PackInfo[]> {
    this.packs ??= this.store.listPacks().catch((error: unknown) => {
      this.packs = undefined;
      throw error;
    });
    return this.packs;
  }

  private regionIndex(sido: number): Promise<IndexedAttraction[]> {
    let index = this.indexes.get(sido);
    if (!index) {
      index = (async () => {
        const pack = await this.store.getPack(sido);
        return pack ? indexAttractions((await readPack(pack.bytes)).attractions) : [];
      })();
      index.catch(() => this.indexes.delete(sido));
      this.indexes.set(sido, index);
    }
    return index;
  }

  private async load(): Promise<IndexedAttraction[]> {
    const infos = await this.list();
    const parts = await Promise.all(infos.map((info) => this.regionIndex(info.sido)));
    return parts.flat();
  }

  /** True when at least one region is on the device. */
  async hasRegions(): Promise<boolean> {
    return (await this.list()).length > 0;
  }

  /** True when the search is limited to one downloaded sido, or any region is downloaded. */
  async covers(search: Pick<AttractionSearch, 'sido'>): Promise<boolean> {
    const packs = await this.list();
    return search.sido === undefined ? packs.length > 0 : packs.some((p) => p.sido === search.sido);
  }

  async search(search: AttractionSearch): Promise<AttractionSearchResult> {
    const index =
      search.sido === undefined
        ? await this.load()
        : (await this.covers(search))
          ? await this.regionIndex(search.sido)
          : [];
    return searchOffline(index, search);
  }

  async find(id: string): Promise<AttractionDetail | null> {
    return (await this.load()).find((entry) => entry.attraction.id === id)?.attraction ?? null;
  }

  /** A region was (re)downloaded: index the places the download already checked, tell listeners. */
  added(sido: number, attractions: readonly AttractionDetail[]): void {
    this.indexes.set(sido, Promise.resolve(indexAttractions(attractions)));
    this.changed();
  }

  /** Re-read the list of regions and tell listeners. */
  changed(): void {
    this.packs = undefined;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async remove(sido: number): Promise<void> {
    await this.store.deletePack(sido);
    await this.store.deletePartial(sido);
    this.indexes.delete(sido);
    this.changed();
  }
}
