// An RxDB storage for the browser and Electron: every collection lives in memory (RxDB's own memory
// storage does the indexes, queries and conflict checks) and persists to IndexedDB as an append-only
// log of write batches. A bulk write of 1,000 documents is one IndexedDB record, not 1,000 records
// and their index entries, so a first sync stores about as fast as the network delivers.
//
// Several tabs share one database safely: each write runs inside a readwrite IndexedDB transaction
// on the log, which IndexedDB serializes across tabs; in it the tab first applies the batches other
// tabs appended since it last looked, then checks its own write for conflicts against that state,
// and appends it. A BroadcastChannel tells the other tabs to read the new batch, so every tab sees
// every change. When the log holds far more batches than live documents need, it is rewritten as a
// snapshot in the background.
//
// Replication writes come in pairs: RxDB writes a pulled document (or a resolved conflict) to the
// collection, then, in a second write, its "assumed master" row to the replication's meta
// collection. A page that closes between the two would keep the document with no assumed master,
// and an edit made before the next pull would then be pushed with no base and lose to the server.
// So the first write of a pair is appended as pending (`p`), and the second one commits it (a
// `['~commit', token]` marker) in the same IndexedDB transaction as its own rows. At open, a pending
// batch that was never committed and whose tab is gone (its Web Lock is released) is skipped: the
// device is as before the pull, whose checkpoint was not saved either, so the pull fetches it again.
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  ensureRxStorageInstanceParamsAreCorrect,
  randomToken,
  RXDB_VERSION,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
  getPrimaryFieldOfPrimaryKey,
} from 'rxdb';
import {
  boundGTByIndexString,
  createMemoryStorageInstance,
  getMemoryIndexName,
  type RxStorageInstanceMemory,
  type RxStorageMemory,
} from 'rxdb/plugins/storage-memory';

const STORE = 'log';
/** Documents per record when the log is rewritten as a snapshot. */
const SNAPSHOT_CHUNK = 1000;

/** One appended write batch: its place in the collection's log and the documents as written. */
interface LogRecord<T> {
  s: number;
  d: RxDocumentData<T>[];
  /** The token of a replication write that counts only once its meta write committed it. */
  p?: string;
}

/** The first write of each RxDB replication pair, and the meta write that completes it. */
const PAIRED_WRITES: readonly { first: (context: string) => boolean; second: string }[] = [
  { first: (context) => context.startsWith('replication-downstream'), second: 'replication-down-write-meta' },
  {
    first: (context) => context === 'replication-up-write-conflict',
    second: 'replication-up-write-conflict-meta',
  },
];
/** Commit markers are keyed `[COMMIT_MARK, token]`, beside the collections' `[key, seq]` records. */
const COMMIT_MARK = '~commit';
const commitMarks = () => IDBKeyRange.bound([COMMIT_MARK, ''], [COMMIT_MARK, '\uffff']);

/**
 * This page's identity in pending tokens. It holds a Web Lock of the same name while it lives, so
 * another page can tell a pending write that is still on its way from one its page left unfinished.
 */
const TAB_ID = randomToken(12);
const tabLockName = (tabId: string) => `hamgaja-log-tab-${tabId}`;
let releaseTabLock: (() => void) | undefined;
const tabLock: Promise<void> =
  typeof navigator !== 'undefined' && navigator.locks
    ? new Promise<void>((granted) => {
        void navigator.locks
          .request(tabLockName(TAB_ID), () => {
            granted();
            return new Promise<void>((release) => (releaseTabLock = release));
          })
          .catch(() => granted());
      })
    : Promise.resolve();

/**
 * Ends this page's claim on its pending writes, as closing the page does (the browser releases its
 * locks). For tests that replay a closed page inside one process.
 */
export function releaseTab(): void {
  releaseTabLock?.();
}

/** The pages alive now, by their Web Locks; undefined when the platform has none (then only this page counts). */
async function livingTabs(): Promise<Set<string> | undefined> {
  if (typeof navigator === 'undefined' || !navigator.locks) return undefined;
  const { held = [], pending = [] } = await navigator.locks.query();
  const prefix = tabLockName('');
  return new Set(
    [...held, ...pending]
      .map((lock) => lock.name ?? '')
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length)),
  );
}

/** A first write of a pair, in memory and in the log, whose meta write has not committed it yet. */
interface PendingWrite {
  token: string;
  /** The collection log it was appended to. */
  key: string;
  ids: ReadonlySet<string>;
  /** When it was appended (ms since the epoch). */
  at: number;
}
/** A pending write still open after this long will not be completed by RxDB (a stopped replication). */
const PENDING_GIVE_UP_MS = 30_000;
let pendingCounter = 0;
/** This page's pending writes, by RxDB database name (every collection's log is in one IndexedDB database). */
const pendingByDatabase = new Map<string, PendingWrite[]>();

export interface LogStorageSettings {
  /** Rewrite the log once it holds more than this many records (and more than twice the live documents). */
  compactAfterRecords?: number;
  /** How long after opening the background rewrite waits, so it never competes with the first screen. */
  compactDelayMs?: number;
}

interface LogInternals {
  idb: IDBDatabase;
  memory: RxStorageInstanceMemory<unknown>;
}

type Bulk<T> = EventBulk<RxStorageChangeEvent<RxDocumentData<T>>, RxStorageDefaultCheckpoint>;

/** The IndexedDB database holding an RxDB database's log (one per RxDB database, all collections). */
export function logDatabaseName(databaseName: string): string {
  return `hamgaja-log-${databaseName}`;
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

const result = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/** One connection per log database in this tab, shared by its collections; closed when another tab deletes it. */
const connections = new Map<string, Promise<IDBDatabase>>();
function openLog(name: string): Promise<IDBDatabase> {
  let open = connections.get(name);
  if (!open) {
    open = new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => {
        const idb = req.result;
        idb.onversionchange = () => {
          idb.close();
          connections.delete(name);
        };
        resolve(idb);
      };
      req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
      req.onblocked = () => reject(new Error(`${name} is blocked by an older version open elsewhere`));
    });
    connections.set(name, open);
    open.catch(() => connections.delete(name));
  }
  return open;
}

class LogStorageInstance<T>
  implements RxStorageInstance<T, LogInternals, LogStorageSettings, RxStorageDefaultCheckpoint>
{
  readonly primaryPath: string;
  closed = false;
  private readonly key: string;
  /** The newest log record this tab has applied. */
  private lastSeq = 0;
  /** Records in this collection's log as far as this tab knows, for deciding when to rewrite it. */
  private recordCount = 0;
  /** Pending tokens of the records in this collection's log as far as this tab knows (their markers go with them). */
  private readonly tokens = new Set<string>();
  private readonly changes$ = new Subject<Bulk<T>>();
  /** While a write is in flight its events wait here until IndexedDB committed it. */
  private held: Bulk<T>[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscription: Subscription;
  private readonly channel: BroadcastChannel;
  private compactTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly storage: RxStorageLog,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<T>>>,
    readonly internals: LogInternals,
    readonly options: Readonly<LogStorageSettings>,
  ) {
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
    this.key = `${collectionName}-${schema.version}`;
    this.subscription = this.memory.changeStream().subscribe((bulk) => {
      if (this.held) this.held.push(bulk as Bulk<T>);
      else this.changes$.next(bulk as Bulk<T>);
    });
    this.channel = new BroadcastChannel(logDatabaseName(databaseName));
    this.channel.onmessage = (event: MessageEvent<{ key: string; seq: number }>) => {
      if (event.data?.key === this.key && event.data.seq > this.lastSeq)
        void this.enqueue(() => this.catchUp()).catch((error: unknown) =>
          console.warn('Could not read what another tab wrote', error),
        );
    };
  }

  private get memory(): RxStorageInstanceMemory<T> {
    return this.internals.memory as RxStorageInstanceMemory<T>;
  }

  /**
   * Memory's documents by id, current: the memory storage applies a write to its maps lazily
   * (before its next read or write), so reading them directly could miss the latest write.
   */
  private documents(): Map<string, RxDocumentData<T>> {
    this.memory.ensurePersistence();
    return this.memory.internals.documents;
  }

  /** Runs tasks one after another: writes, catch-ups and rewrites never interleave in this tab. */
  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private range(after: number): IDBKeyRange {
    return IDBKeyRange.bound([this.key, after + 1], [this.key, Infinity]);
  }

  /**
   * Applies log records (oldest first) to memory: each document's newest state wins, and states
   * memory already holds are skipped, so reading a record twice (or a snapshot) changes nothing.
   */
  private apply(records: LogRecord<T>[]): Promise<unknown> {
    if (records.length === 0) return Promise.resolve();
    this.lastSeq = Math.max(this.lastSeq, records[records.length - 1]!.s);
    this.recordCount += records.length;
    for (const record of records) if (record.p !== undefined) this.tokens.add(record.p);
    const newest = new Map<string, RxDocumentData<T>>();
    for (const record of records)
      for (const doc of record.d) newest.set(doc[this.primaryPath as keyof typeof doc] as string, doc);
    const inMemory = this.documents();
    const rows: BulkWriteRow<T>[] = [];
    for (const [id, doc] of newest) {
      const current = inMemory.get(id);
      if (current?._rev === doc._rev) continue;
      rows.push(current ? { document: doc, previous: current } : { document: doc });
    }
    if (rows.length === 0) return Promise.resolve();
    return this.memory.bulkWrite(rows, 'hamgaja-log-apply').then(({ error }) => {
      // Each row names the state memory holds as its previous one, so none can conflict.
      if (error.length > 0) throw new Error(`log storage: ${error.length} records did not apply`);
    });
  }

  /**
   * Reads the whole log of this collection into memory (at open). A pending batch counts when its
   * meta write committed it or its page still lives (it may be committing right now); otherwise
   * that page closed between the two writes of a pair, and the batch is left out.
   */
  async load(): Promise<void> {
    const tx = this.internals.idb.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const [records, marks] = await Promise.all([
      result(store.getAll(this.range(0)) as IDBRequest<LogRecord<T>[]>),
      result(store.getAllKeys(commitMarks())),
    ]);
    const committed = new Set(marks.map((key) => String((key as [string, string])[1])));
    const unfinished = records.filter((record) => record.p !== undefined && !committed.has(record.p));
    let live = records;
    if (unfinished.length > 0) {
      const tabs = await livingTabs();
      const alive = (token: string) => {
        const tab = token.slice(0, token.indexOf('.'));
        return tab === TAB_ID || (tabs?.has(tab) ?? false);
      };
      const left = new Set(unfinished.filter((record) => !alive(record.p!)));
      live = records.filter((record) => !left.has(record));
      for (const record of left) this.tokens.add(record.p!);
      this.lastSeq = Math.max(this.lastSeq, records.at(-1)!.s);
    }
    this.recordCount = 0;
    await this.apply(live);
    this.recordCount = records.length;
    this.compactWhenLong();
  }

  /**
   * Schedules a rewrite once the log holds many more records than a snapshot of the live
   * documents would (each small edit appends one), a while later so it never competes with
   * what the traveller is doing.
   */
  private compactWhenLong(): void {
    if (this.compactTimer !== undefined || this.closed) return;
    const snapshotRecords = Math.ceil(this.documents().size / SNAPSHOT_CHUNK);
    const threshold = this.options.compactAfterRecords ?? 64;
    if (this.recordCount <= threshold || this.recordCount <= 2 * snapshotRecords) return;
    this.compactTimer = setTimeout(() => {
      if (this.closed) return;
      void this.enqueue(() => this.compact())
        .catch(() => undefined)
        .finally(() => (this.compactTimer = undefined));
    }, this.options.compactDelayMs ?? 3000);
  }

  /** Applies what other tabs appended since this tab last looked. */
  private async catchUp(): Promise<void> {
    if (this.closed) return;
    const tx = this.internals.idb.transaction(STORE, 'readonly');
    const records = await result(
      tx.objectStore(STORE).getAll(this.range(this.lastSeq)) as IDBRequest<LogRecord<T>[]>,
    );
    await this.apply(records);
  }

  /**
   * What a write does to the replication pairs of this page: the first write of a pair opens a
   * pending write; its meta write completes the pending writes whose documents it covers; and any
   * other write of a document still pending completes that write first, so a later edit never
   * rests on a batch that could be left out.
   */
  private pairs(context: string, rows: BulkWriteRow<T>[], written: RxDocumentData<T>[]) {
    const pending = pendingByDatabase.get(this.databaseName) ?? [];
    const pair = PAIRED_WRITES.find((p) => p.first(context));
    // Only what was written: RxDB writes meta rows for those alone (a conflicting row gets none).
    const ids =
      pair || pending.length > 0
        ? written.map((doc) => String((doc as Record<string, unknown>)[this.primaryPath]))
        : [];
    let completes: PendingWrite[] = [];
    if (pending.length === 0) {
      // the common case: nothing to complete
    } else if (PAIRED_WRITES.some((p) => p.second === context)) {
      const items = new Set(rows.map((row) => String((row.document as { itemId?: unknown }).itemId)));
      completes = pending.filter((write) => [...write.ids].every((id) => items.has(id)));
    } else {
      completes = pending.filter((write) => ids.some((id) => write.ids.has(id)));
    }
    const opens: PendingWrite | undefined = pair
      ? { token: `${TAB_ID}.${(pendingCounter += 1)}`, key: this.key, ids: new Set(ids), at: Date.now() }
      : undefined;
    return {
      opens,
      completes,
      /** After the transaction committed: the registry follows what is on disk. */
      settle: (wroteRecord: boolean) => {
        if (completes.length === 0 && !(opens && wroteRecord)) return;
        // Read again: other collections' writes may have changed the list meanwhile.
        let list = (pendingByDatabase.get(this.databaseName) ?? []).filter(
          (write) => !completes.includes(write),
        );
        if (opens && wroteRecord) list = [...list, opens];
        if (list.length > 0) pendingByDatabase.set(this.databaseName, list);
        else pendingByDatabase.delete(this.databaseName);
      },
    };
  }

  bulkWrite(rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> {
    return this.enqueue(async () => {
      const tx = this.internals.idb.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const committed = done(tx);
      let response: RxStorageBulkWriteResponse<T>;
      try {
        // Inside the transaction, so no other tab can append between this check and this append.
        await this.apply(await result(store.getAll(this.range(this.lastSeq)) as IDBRequest<LogRecord<T>[]>));
        this.held = [];
        response = await this.memory.bulkWrite(rows, context);
        const failed = new Set(response.error.map((e) => e.documentId));
        const written = rows
          .map((row) => row.document)
          .filter((doc) => !failed.has(doc[this.primaryPath as keyof typeof doc] as string));
        const pairs = this.pairs(context, rows, written);
        if (written.length > 0) {
          const seq = this.lastSeq + 1;
          const record: LogRecord<T> = { s: seq, d: written };
          if (pairs.opens) {
            record.p = pairs.opens.token;
            this.tokens.add(record.p);
          }
          store.put(record, [this.key, seq]);
          this.lastSeq = seq;
          this.recordCount += 1;
        }
        for (const pending of pairs.completes) store.put(1, [COMMIT_MARK, pending.token]);
        await committed;
        pairs.settle(written.length > 0);
      } catch (error) {
        this.held = null;
        try {
          tx.abort();
        } catch {
          // already finished
        }
        await committed.catch(() => undefined);
        // Memory may hold what IndexedDB refused: start over from what is on disk.
        await this.reload();
        throw error;
      }
      const events = this.held;
      this.held = null;
      for (const bulk of events) this.changes$.next(bulk);
      if (this.lastSeq > 0) this.channel.postMessage({ key: this.key, seq: this.lastSeq });
      this.compactWhenLong();
      return response;
    });
  }

  /** Rebuilds memory from the log after a failed write (quota, a closed connection). */
  private async reload(): Promise<void> {
    this.memory.ensurePersistence();
    const inMemory = this.memory.internals;
    inMemory.documents.clear();
    for (const index of inMemory.byIndexArray) index.docsWithIndex.length = 0;
    this.lastSeq = 0;
    await this.load();
  }

  /** Rewrites the log as a snapshot of the live documents (deleted-and-purged ones drop out). */
  private async compact(): Promise<void> {
    if (this.closed) return;
    // A snapshot would make a pending batch permanent: wait until its meta write has committed it,
    // unless RxDB has stopped and never will.
    const pending = (pendingByDatabase.get(this.databaseName) ?? []).filter(
      (write) => write.key === this.key,
    );
    if (pending.some((write) => Date.now() - write.at < PENDING_GIVE_UP_MS)) {
      setTimeout(() => this.compactWhenLong(), 1000);
      return;
    }
    const tx = this.internals.idb.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const committed = done(tx);
    await this.apply(await result(store.getAll(this.range(this.lastSeq)) as IDBRequest<LogRecord<T>[]>));
    store.delete(IDBKeyRange.bound([this.key, 0], [this.key, this.lastSeq]));
    // The pending batches are gone from the log, and so may their commit markers be.
    const tokens = [...this.tokens, ...pending.map((write) => write.token)];
    for (const token of tokens) store.delete([COMMIT_MARK, token]);
    const docs = [...this.documents().values()];
    let seq = this.lastSeq;
    for (let i = 0; i < docs.length; i += SNAPSHOT_CHUNK) {
      seq += 1;
      store.put({ s: seq, d: docs.slice(i, i + SNAPSHOT_CHUNK) } satisfies LogRecord<T>, [this.key, seq]);
    }
    await committed;
    for (const token of tokens) this.tokens.delete(token);
    if (pending.length > 0) {
      const list = (pendingByDatabase.get(this.databaseName) ?? []).filter(
        (write) => !pending.includes(write),
      );
      if (list.length > 0) pendingByDatabase.set(this.databaseName, list);
      else pendingByDatabase.delete(this.databaseName);
    }
    this.recordCount = seq - this.lastSeq;
    this.lastSeq = seq;
    this.channel.postMessage({ key: this.key, seq });
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<T>[]> {
    return this.memory.findDocumentsById(ids, withDeleted);
  }

  query(preparedQuery: PreparedQuery<T>): Promise<RxStorageQueryResult<T>> {
    return this.memory.query(preparedQuery);
  }

  /**
   * The documents written after a checkpoint, oldest first (what the push reads), straight off
   * memory's ['_meta.lwt', id] index. RxDB's generic query for this cannot bound its scan by
   * the id: a bulk write gives all its documents one lwt, so each page of a 10,000-document
   * push would scan every document of the write again.
   */
  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<T>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    this.memory.ensurePersistence();
    const index = this.memory.internals.byIndex[getMemoryIndexName(['_meta.lwt', this.primaryPath])];
    if (!index) throw new Error(`log storage: ${this.collectionName} has no ['_meta.lwt', id] index`);
    const from = checkpoint
      ? boundGTByIndexString(
          index.docsWithIndex,
          index.getIndexableString({
            [this.primaryPath]: checkpoint.id,
            _meta: { lwt: checkpoint.lwt },
          } as unknown as RxDocumentData<T>),
        )
      : 0;
    const documents = index.docsWithIndex.slice(from, from + limit).map(([, doc]) => doc);
    const last = documents.at(-1);
    return Promise.resolve({
      documents,
      checkpoint: last
        ? { id: String((last as Record<string, unknown>)[this.primaryPath]), lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    });
  }

  count(preparedQuery: PreparedQuery<T>): Promise<RxStorageCountResult> {
    return this.memory.count(preparedQuery);
  }

  getAttachmentData(): Promise<Blob> {
    return Promise.reject(new Error('the log storage keeps no attachments'));
  }

  changeStream(): Observable<Bulk<T>> {
    return this.changes$.asObservable();
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    await this.memory.cleanup(minimumDeletedTime);
    // Purged documents leave the log with the next rewrite.
    return this.enqueue(() => this.compact()).then(() => true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.compactTimer);
    await this.queue;
    this.channel.close();
    this.subscription.unsubscribe();
    this.changes$.complete();
    await this.memory.remove();
  }

  async remove(): Promise<void> {
    await this.enqueue(async () => {
      const tx = this.internals.idb.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(this.range(0));
      await done(tx);
    });
    await this.close();
  }
}

export type RxStorageLog = RxStorage<LogInternals, LogStorageSettings>;

/** The app's RxDB storage: memory for reading, an IndexedDB log for keeping (see the top of this file). */
export function getRxStorageLog(settings: LogStorageSettings = {}): RxStorageLog {
  // A private memory storage: its states are this storage's alone and are dropped on close.
  const memoryStorage: RxStorageMemory = {
    name: 'memory',
    rxdbVersion: RXDB_VERSION,
    collectionStates: new Map(),
    createStorageInstance(params) {
      return createMemoryStorageInstance(this, params, {});
    },
  };
  return {
    name: 'hamgaja-log',
    rxdbVersion: RXDB_VERSION,
    async createStorageInstance<T>(
      params: RxStorageInstanceCreationParams<T, LogStorageSettings>,
    ): Promise<RxStorageInstance<T, LogInternals, LogStorageSettings, RxStorageDefaultCheckpoint>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      // Held before any pending write exists, so no other page takes this one's writes for a closed page's.
      await tabLock;
      const idb = await openLog(logDatabaseName(params.databaseName));
      const memory = await createMemoryStorageInstance<T>(
        memoryStorage,
        { ...params, databaseName: `${params.databaseName}--${randomToken(10)}`, multiInstance: false },
        {},
      );
      const instance = new LogStorageInstance<T>(
        this,
        params.databaseName,
        params.collectionName,
        params.schema,
        { idb, memory: memory as RxStorageInstanceMemory<unknown> },
        { ...settings, ...params.options },
      );
      await instance.load();
      return instance;
    },
  };
}
