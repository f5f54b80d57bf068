import type { HamgajaDatabase, Trip, TripDocument } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import type { DocumentsApi } from './documents-api';
import { FileStore, type StoredFile, type StoredFileInfo } from './file-store';

/** Trips starting within this many days (or under way) keep their files on the device by default. */
export const KEEP_BY_DEFAULT_DAYS = 14;
/** How soon a missing file is asked for again, and the longest wait between tries. */
const RETRY_FIRST_MS = 3_000;
const RETRY_MAX_MS = 30_000;

/** Where one document's file is, as this device knows it. */
export type FileStatus =
  /** Added on this device, not on the server yet (the upload queue holds it). */
  | 'waiting'
  /** Being uploaded now. */
  | 'uploading'
  /** The server refused it (type, size, quota): it stays on this device only. */
  | 'refused'
  /** On this device (and on the server). */
  | 'onDevice'
  /** Being downloaded now. */
  | 'downloading'
  /** The server does not have it yet: it is on the device of whoever added it. */
  | 'notUploaded'
  /** On the server, not on this device (the trip is not kept here). */
  | 'onServer';

export type DeviceFilesSnapshot = {
  files: ReadonlyMap<string, StoredFileInfo>;
  /** Files the server said it does not have (404), by hash. */
  missing: ReadonlySet<string>;
  busy: ReadonlyMap<string, 'uploading' | 'downloading'>;
  /** Refusal codes of files the server will not take (unsupported_type, quota_exceeded…). */
  refused: ReadonlyMap<string, string>;
  /** Explicit "Keep on this device" choices per trip (absent: the default). */
  keep: Readonly<Record<string, boolean>>;
};

export type DeviceFilesOptions = {
  db: HamgajaDatabase;
  storeName: string;
  userId: string;
  /** Null for a local-only profile: nothing is uploaded or downloaded. */
  api: DocumentsApi | null;
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  storage?: Storage | null;
  online?: () => boolean;
  today?: () => string;
};

const keepKey = (userId: string) => `hamgaja.keepDocuments.${userId}`;

function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Whether a trip keeps its files on the device when nobody chose: it starts within 14 days or is under way. */
export function keptByDefault(trip: Pick<Trip, 'startDate' | 'endDate'>, today: string): boolean {
  return trip.endDate >= today && trip.startDate <= addDays(today, KEEP_BY_DEFAULT_DAYS);
}

/** The status of a document's file from a snapshot. */
export function fileStatus(snapshot: DeviceFilesSnapshot, sha256: string): FileStatus {
  const busy = snapshot.busy.get(sha256);
  if (busy) return busy;
  const local = snapshot.files.get(sha256);
  if (local) {
    if (local.uploaded) return 'onDevice';
    return snapshot.refused.has(sha256) ? 'refused' : 'waiting';
  }
  return snapshot.missing.has(sha256) ? 'notUploaded' : 'onServer';
}

/**
 * A user's document files on this device: added files are stored at once and queued for upload
 * (run whenever the device is online, after reloads too), files of trips kept on the device are
 * downloaded, and files no live document names any more (deleted, or of a trip this user lost)
 * are removed. One per open database.
 */
export class DeviceFiles {
  readonly store: FileStore;
  private snapshot: DeviceFilesSnapshot;
  private readonly listeners = new Set<() => void>();
  /** Files being added: stored before their document exists, so the sweep must not take them. */
  private readonly adding = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = RETRY_FIRST_MS;
  private stopped = false;
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly options: DeviceFilesOptions) {
    this.store = new FileStore(options.storeName);
    this.snapshot = {
      files: new Map(),
      missing: new Set(),
      busy: new Map(),
      refused: new Map(),
      keep: this.readKeep(),
    };
  }

  /** Starts watching the documents and the network. */
  start(): void {
    const subscription = this.options.db.documents.$.subscribe(() => this.poke());
    this.cleanup.push(() => subscription.unsubscribe());
    const trips = this.options.db.trips.$.subscribe(() => this.poke());
    this.cleanup.push(() => trips.unsubscribe());
    if (typeof window !== 'undefined') {
      const online = () => {
        this.retryMs = RETRY_FIRST_MS;
        this.poke();
      };
      window.addEventListener('online', online);
      this.cleanup.push(() => window.removeEventListener('online', online));
    }
    // Ask the browser not to evict the files under storage pressure.
    void globalThis.navigator?.storage?.persist?.().catch(() => false);
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const undo of this.cleanup.splice(0)) undo();
    await this.running?.catch(() => undefined);
    await this.store.close();
  }

  getSnapshot = (): DeviceFilesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<DeviceFilesSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private setBusy(sha256: string, what: 'uploading' | 'downloading' | null): void {
    const busy = new Map(this.snapshot.busy);
    if (what) busy.set(sha256, what);
    else busy.delete(sha256);
    this.update({ busy });
  }

  // --- Keep on this device ----------------------------------------------------------------

  private readKeep(): Record<string, boolean> {
    try {
      const raw = this.options.storage?.getItem(keepKey(this.options.userId));
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'),
      );
    } catch {
      return {};
    }
  }

  /** Whether the trip keeps its files here: the user's choice, else the default. */
  keeps(trip: Pick<Trip, 'id' | 'startDate' | 'endDate'>): boolean {
    return this.snapshot.keep[trip.id] ?? keptByDefault(trip, (this.options.today ?? todayIso)());
  }

  setKeep(tripId: string, keep: boolean): void {
    const next = { ...this.snapshot.keep, [tripId]: keep };
    this.options.storage?.setItem(keepKey(this.options.userId), JSON.stringify(next));
    this.update({ keep: next });
    this.poke();
  }

  /** Removes the trip's files that are safe on the server from this device, and stops keeping them. */
  async freeTrip(tripId: string): Promise<void> {
    this.setKeep(tripId, false);
    const docs = await this.liveDocuments();
    const inTrip = new Set(docs.filter((d) => d.tripId === tripId).map((d) => d.sha256));
    // Still needed elsewhere: a document of a kept trip names the same bytes.
    const trips = new Map((await this.options.db.trips.find().exec()).map((t) => [t.id, t.toJSON() as Trip]));
    for (const doc of docs) {
      const trip = trips.get(doc.tripId);
      if (doc.tripId !== tripId && trip && this.keeps(trip)) inTrip.delete(doc.sha256);
    }
    const removable = [...inTrip].filter((sha) => this.snapshot.files.get(sha)?.uploaded);
    await this.store.remove(removable);
    await this.refreshFiles();
  }

  // --- Adding and opening -----------------------------------------------------------------

  /** Stores a checked file on the device and creates its document; the upload queue does the rest. */
  async add(input: {
    tripId: string;
    reservationId: string | null;
    name: string;
    bytes: ArrayBuffer;
    sha256: string;
    mimeType: TripDocument['mimeType'];
  }): Promise<TripDocument> {
    const { sha256 } = input;
    this.adding.add(sha256);
    try {
      const existing = await this.store.get(sha256);
      if (!existing) {
        const file: StoredFile = {
          sha256,
          blob: new Blob([input.bytes], { type: input.mimeType }),
          mimeType: input.mimeType,
          size: input.bytes.byteLength,
          uploaded: false,
          storedAt: Date.now(),
        };
        await this.store.put(file);
      } else if (existing.uploaded) {
        // The same bytes, maybe for another trip: upload again so this trip holds them too.
        await this.store.put({ ...existing, uploaded: false });
      }
      const doc: TripDocument = {
        id: crypto.randomUUID(),
        tripId: input.tripId,
        reservationId: input.reservationId,
        name: input.name.slice(0, 255).trim() || 'document',
        mimeType: input.mimeType,
        size: input.bytes.byteLength,
        sha256,
        addedBy: this.options.userId,
      };
      await this.options.db.documents.insert(doc);
      await this.refreshFiles();
      return doc;
    } finally {
      this.adding.delete(sha256);
      this.poke();
    }
  }

  /** The file's bytes: from the device, else downloaded (and kept). Null when the server does not have it yet. */
  async open(doc: Pick<TripDocument, 'tripId' | 'sha256'>): Promise<Blob | null> {
    const local = await this.store.get(doc.sha256);
    if (local) return local.blob;
    return this.fetchFile(doc.tripId, doc.sha256);
  }

  /** Removes a document (its file goes from this device once nothing names it). */
  async remove(documentId: string): Promise<void> {
    await this.options.db.documents.findOne(documentId).remove();
  }

  // --- The loop ---------------------------------------------------------------------------

  /** Runs the loop soon (once more if it is running). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce().catch((error: unknown) => console.error('Document files', error));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  private async liveDocuments(): Promise<TripDocument[]> {
    return (await this.options.db.documents.find().exec()).map((d) => d.toJSON() as TripDocument);
  }

  private async refreshFiles(): Promise<StoredFileInfo[]> {
    const list = await this.store.list();
    this.update({ files: new Map(list.map((f) => [f.sha256, f])) });
    return list;
  }

  private online(): boolean {
    return (this.options.online ?? (() => globalThis.navigator?.onLine ?? true))();
  }

  private async runOnce(): Promise<void> {
    const docs = await this.liveDocuments();
    const named = new Set(docs.map((d) => d.sha256));
    const files = await this.refreshFiles();
    // Files nothing names any more: deleted documents, trips deleted or lost (a removed member).
    const orphans = files
      .filter((f) => !named.has(f.sha256) && !this.adding.has(f.sha256))
      .map((f) => f.sha256);
    if (orphans.length > 0) {
      await this.store.remove(orphans);
      await this.refreshFiles();
    }
    const { api } = this.options;
    if (!api || !this.online() || this.stopped) return;

    let unfinished = false;
    // Uploads: every trip that names a waiting file gets it.
    for (const file of this.snapshot.files.values()) {
      if (file.uploaded || this.snapshot.refused.has(file.sha256)) continue;
      const trips = [...new Set(docs.filter((d) => d.sha256 === file.sha256).map((d) => d.tripId))];
      if (trips.length === 0) continue;
      const done = await this.upload(file.sha256, trips);
      if (done === 'network') return this.retryLater();
      if (done === 'later') unfinished = true;
    }
    // Downloads: files of trips kept here.
    const trips = new Map((await this.options.db.trips.find().exec()).map((t) => [t.id, t.toJSON() as Trip]));
    for (const doc of docs) {
      if (this.snapshot.files.has(doc.sha256) || this.stopped) continue;
      const trip = trips.get(doc.tripId);
      if (!trip || !this.keeps(trip)) continue;
      try {
        const blob = await this.fetchFile(doc.tripId, doc.sha256);
        if (!blob) unfinished = true;
      } catch (error) {
        if (error instanceof ApiError && error.isNetworkError) return this.retryLater();
        unfinished = true;
      }
    }
    if (unfinished) this.retryLater();
    else this.retryMs = RETRY_FIRST_MS;
  }

  /** 'done', 'later' (the server cannot take it yet: its trip is not synced), or 'network'. */
  private async upload(sha256: string, tripIds: string[]): Promise<'done' | 'later' | 'network'> {
    const stored = await this.store.get(sha256);
    if (!stored) return 'done';
    this.setBusy(sha256, 'uploading');
    try {
      for (const tripId of tripIds) {
        await this.options.authorized((token) =>
          this.options.api!.upload(token, tripId, sha256, stored.blob),
        );
      }
      await this.store.markUploaded(sha256);
      await this.refreshFiles();
      return 'done';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.isNetworkError) return 'network';
      if ([413, 415, 422].includes(error.status)) {
        this.update({ refused: new Map(this.snapshot.refused).set(sha256, error.code) });
        return 'done';
      }
      return 'later';
    } finally {
      this.setBusy(sha256, null);
    }
  }

  private async fetchFile(tripId: string, sha256: string): Promise<Blob | null> {
    if (!this.options.api) return null;
    this.setBusy(sha256, 'downloading');
    try {
      const blob = await this.options.authorized((token) =>
        this.options.api!.download(token, tripId, sha256),
      );
      const stored = this.snapshot.files.get(sha256);
      await this.store.put({
        sha256,
        blob,
        mimeType: blob.type as StoredFile['mimeType'],
        size: blob.size,
        uploaded: true,
        storedAt: stored?.storedAt ?? Date.now(),
      });
      const missing = new Set(this.snapshot.missing);
      missing.delete(sha256);
      this.update({ missing });
      await this.refreshFiles();
      return blob;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this.update({ missing: new Set(this.snapshot.missing).add(sha256) });
        return null;
      }
      throw error;
    } finally {
      this.setBusy(sha256, null);
    }
  }

  private retryLater(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.poke(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
