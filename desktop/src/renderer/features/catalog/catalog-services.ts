/**
 * The catalog's long-lived objects: the downloaded regions and the downloads in progress.
 * One per page load, created on first use (the catalog pages load on demand).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PackInfo } from './region-packs';
import {
  downloadRegionPack,
  IdbPackStore,
  packIsCurrent,
  PackDownloadError,
  type DownloadProgress,
} from './region-packs';
import { OfflineCatalog } from './offline-catalog';

let catalog: OfflineCatalog | undefined;

export function offlineCatalog(): OfflineCatalog {
  catalog ??= new OfflineCatalog(new IdbPackStore());
  return catalog;
}

export type DownloadState =
  | { status: 'downloading'; progress: DownloadProgress }
  | { status: 'failed'; code: PackDownloadError['code']; resumable: boolean }
  | { status: 'checking' }
  /** "Update" found the kept pack is the server's current one. */
  | { status: 'current' };

/** Downloads in progress (or failed) by sido; survives navigation between pages. */
class Downloads {
  private states = new Map<number, DownloadState>();
  private readonly listeners = new Set<() => void>();
  private controllers = new Map<number, AbortController>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = () => this.states;

  private set(sido: number, state: DownloadState | null) {
    const next = new Map(this.states);
    if (state) next.set(sido, state);
    else next.delete(sido);
    this.states = next;
    for (const listener of this.listeners) listener();
  }

  async start(baseUrl: string, sido: number): Promise<void> {
    if (this.states.get(sido)?.status === 'downloading') return;
    const controller = new AbortController();
    this.controllers.set(sido, controller);
    this.set(sido, { status: 'downloading', progress: { received: 0, total: 0 } });
    const catalog = offlineCatalog();
    try {
      const { attractions } = await downloadRegionPack({
        fetch: (input, init) => fetch(input, init),
        baseUrl,
        sido,
        store: catalog.store,
        signal: controller.signal,
        onProgress: (progress) => this.set(sido, { status: 'downloading', progress }),
      });
      this.set(sido, null);
      catalog.added(sido, attractions);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        this.set(sido, { status: 'failed', code: 'network', resumable: true });
        return;
      }
      console.warn('Region download failed', error);
      const known = error instanceof PackDownloadError ? error : null;
      this.set(sido, {
        status: 'failed',
        code: known?.code ?? 'network',
        resumable: known?.resumable ?? false,
      });
    } finally {
      this.controllers.delete(sido);
    }
  }

  /** Downloads the region again only when the server's pack differs from the kept one (ETag). */
  async update(baseUrl: string, sido: number, etag: string): Promise<void> {
    if (this.states.get(sido)?.status === 'downloading') return;
    this.set(sido, { status: 'checking' });
    const current = await packIsCurrent((input, init) => fetch(input, init), baseUrl, { sido, etag }).catch(
      () => false,
    );
    if (current) this.set(sido, { status: 'current' });
    else await this.start(baseUrl, sido);
  }

  cancel(sido: number): void {
    this.controllers.get(sido)?.abort();
  }

  dismiss(sido: number): void {
    const status = this.states.get(sido)?.status;
    if (status === 'failed' || status === 'current') this.set(sido, null);
  }
}

export const downloads = new Downloads();

export function useDownloads(): ReadonlyMap<number, DownloadState> {
  return useSyncExternalStore(downloads.subscribe, downloads.snapshot);
}

/** The downloaded regions, live. */
export function useDownloadedRegions(): PackInfo[] | null {
  const [packs, setPacks] = useState<PackInfo[] | null>(null);
  useEffect(() => {
    const catalog = offlineCatalog();
    let active = true;
    const load = () =>
      void catalog
        .list()
        .then((list) => active && setPacks([...list].sort((a, b) => a.sido - b.sido)))
        .catch(() => active && setPacks([]));
    load();
    const unsubscribe = catalog.subscribe(load);
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);
  return packs;
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}
