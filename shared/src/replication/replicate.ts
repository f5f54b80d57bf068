import {
  randomToken,
  type RxCollection,
  type RxReplicationPullStreamItem,
  type RxReplicationWriteToMasterRow,
  type WithDeleted,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import pLimit from 'p-limit';
import { BehaviorSubject, filter, firstValueFrom, merge, mergeMap, Subject, type Observable } from 'rxjs';
import {
  documentsEqual,
  isCollectionName,
  isRefusal,
  replicatedDocumentSchemas,
  RXDB_META_FIELDS,
} from '../sync/index.js';
import { SharedStreamApi, SyncApi, type PushRow, type WireDocument } from './api.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { isRejection, SyncHttpError, UpgradeRequiredError, type SyncRejection } from './errors.js';
import { OwnWrites } from './own-writes.js';
import { newAbortController, platformFetch, type Fetch } from './runtime.js';
import { liveStream, sharedLiveStream, type StreamEvent } from './stream.js';
import { AccessTokens, type AccessTokenProvider, type AuthErrorHandler } from './tokens.js';

/** Problem codes of a pull that make the replication start over from no checkpoint. */
const STALE_CHECKPOINT = new Set(['invalid_checkpoint', 'checkpoint_outdated']);

/** RxDB merges checkpoints with Object.assign, so the server's opaque string is wrapped. */
export interface PullCheckpoint {
  cp: string;
}

/** The server accepts at most this many rows per push (more is 413 batch_too_large). */
export const MAX_PUSH_BATCH_SIZE = 500;
/**
 * RxDB hands the push handler this many requests' worth of rows at once: it reads and
 * bookkeeps them together, and the handler sends them as requests of the push batch size.
 */
const PUSH_REQUESTS_PER_CALL = 4;
/**
 * Push requests one replication keeps in flight: while the server writes one batch, the next
 * one is on its way and the client is not waiting on a round trip between them.
 */
const PUSH_REQUESTS_IN_FLIGHT = 2;
/** The server answers at most this many documents per pull. */
export const MAX_PULL_BATCH_SIZE = 1000;
/**
 * "Pull again", as RxDB's stream takes it, sent twice. RxDB (17.6, replication-protocol
 * downstream.ts, addNewTask) batches the stream's queued tasks and stops a batch at a RESYNC,
 * but when that RESYNC is not the batch's first task it is taken off the queue and never run:
 * the documents before it are applied, the pull is lost, and a later event moves the checkpoint
 * past what only that pull would have brought. Tasks queue up whenever a push is running (the
 * stream waits for it), so a change event and a reconnect's RESYNC often arrive together. Only
 * our stream feeds tasks and it emits both RESYNCs in a row, so the second is always left for
 * the next batch, where it runs (or a pull that started later covers it).
 */
const RESYNC_TWICE = ['RESYNC', 'RESYNC'] as const;
/** Reads of a pull that our own pushes overtook before it gives up (RxDB retries it later). */
const PULL_READS = 5;

export interface ConnectionOptions {
  /** Server origin without `/api`, e.g. `https://hamgaja.example` ('' = same origin). */
  baseUrl: string;
  /** The current access token; called with `{forceRefresh: true}` after a 401. */
  getAccessToken: AccessTokenProvider;
  /** Told about a refused token before a new one is asked for (e.g. to refresh or log out). */
  onAuthError?: AuthErrorHandler;
  /** false = sync once, then stop. Default true. */
  live?: boolean;
  /** With several tabs on one database, only the leader replicates. Default true. */
  waitForLeadership?: boolean;
  /** Default true; otherwise call `start()`. */
  autoStart?: boolean;
  /** Documents per pull request (≤ 1000). Default 1000. */
  pullBatchSize?: number;
  /** Rows per push request (≤ 500). Default 500; up to two requests are in flight. */
  pushBatchSize?: number;
  /** Retry delays of failed requests and stream reconnects. */
  retry?: Partial<BackoffOptions>;
  /** Reconnect when the stream is silent this long (the server pings every 20 s). Default 65 s. */
  heartbeatTimeoutMs?: number;
  /** Defaults to the platform fetch. */
  fetch?: Fetch;
  /**
   * Names the replication's stored checkpoints (RxDB adds the collection name); defaults to
   * `hamgaja:<collection>:<baseUrl>`. Keep it stable to resume where the last run stopped.
   */
  replicationIdentifier?: string;
}

export interface StartReplicationOptions<T> extends ConnectionOptions {
  collection: RxCollection<T>;
  /** The collection's name on the server (trips, stops, checklistItems, expenses, reservations ...). */
  collectionName: string;
  /** Sent with every request; defaults to the collection's RxDB schema version. */
  schemaVersion?: number;
  /** Awaited before each push, e.g. until parent documents (trips) are on the server. */
  waitBeforePush?: () => Promise<unknown>;
  /** Shared by a device's replications so a refresh happens once (see replicateAll). */
  tokens?: AccessTokens;
  /** Names this replication to the server (X-Hamgaja-Client); random by default. */
  clientId?: string;
  /**
   * This collection's share of a stream shared with the device's other collections (see
   * replicateAll), instead of a connection of its own.
   */
  liveEvents?: Observable<StreamEvent>;
  /** Connection errors of that shared stream (reported on this replication's error$). */
  liveErrors$?: Observable<unknown>;
}

export type CollectionReplication<T> = RxReplicationState<T, PullCheckpoint> & {
  readonly collectionName: string;
  /** Local documents the server refused for good (not retried; the local copy stays). */
  readonly rejected$: Observable<SyncRejection>;
  /** Becomes true on a 426 answer: replication is paused until the app is updated. */
  readonly upgradeRequired$: BehaviorSubject<boolean>;
  /** Cancels the replication and closes its stream and requests. */
  stop(): Promise<void>;
};

const META = new Set(RXDB_META_FIELDS);

/** The document as it goes on the wire: RxDB's `_meta`, `_rev`, `_attachments` removed. */
export function toWireDocument(doc: object): WireDocument {
  const source = doc as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (!META.has(key)) out[key] = source[key];
  }
  out._deleted = Boolean(source._deleted);
  return out as WireDocument;
}

/**
 * What a device takes as the master state of a row the server refused: the state it last knew
 * from the server, or, for a document the server never had, its tombstone. Either way the
 * device stops offering the refused state and the next pull settles the rest.
 */
function settledMaster(row: PushRow): WireDocument {
  return row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true };
}

/** Client-side check with the same zod schema the server applies; returns a message or undefined. */
function localProblem(collectionName: string, doc: WireDocument): string | undefined {
  if (!isCollectionName(collectionName)) return undefined;
  const result = replicatedDocumentSchemas[collectionName].safeParse(doc);
  if (result.success) return undefined;
  return result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Replicates one RxDB collection with the Hamgaja sync server (pull, push, live stream). */
export function startReplication<T>(options: StartReplicationOptions<T>): CollectionReplication<T> {
  const { collection, collectionName } = options;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.retry };
  const tokens = options.tokens ?? new AccessTokens(options.getAccessToken, options.onAuthError);
  const api = new SyncApi({
    baseUrl: options.baseUrl,
    collectionName,
    // Names this replication to the server, whose stream then does not echo our own pushes.
    clientId: options.clientId ?? randomToken(16),
    schemaVersion: options.schemaVersion ?? collection.schema.version,
    tokens,
    fetch: options.fetch ?? platformFetch,
  });
  const lifetime = newAbortController();
  const rejected$ = new Subject<SyncRejection>();
  const upgradeRequired$ = new BehaviorSubject<boolean>(false);
  // Set right below; the handlers only run once the replication has started.
  const current: { state?: RxReplicationState<T, PullCheckpoint> } = {};
  let failures = 0;
  const reportError = (error: unknown) => {
    (current.state?.subjects.error as Subject<unknown> | undefined)?.next(error);
  };
  const upgradeRequired = (error: UpgradeRequiredError) => {
    if (upgradeRequired$.getValue()) return;
    upgradeRequired$.next(true);
    reportError(error);
    void current.state?.pause();
  };
  /** Every handler goes through here: backoff grows with consecutive failures, resets on success. */
  const guarded = async <R>(work: () => Promise<R>): Promise<R> => {
    if (upgradeRequired$.getValue()) throw new UpgradeRequiredError();
    try {
      const result = await work();
      failures = 0;
      if (current.state) current.state.retryTime = backoff.initialDelayMs;
      return result;
    } catch (error) {
      if (error instanceof UpgradeRequiredError) upgradeRequired(error);
      const retryAfter = error instanceof SyncHttpError ? (error.retryAfterMs ?? 0) : 0;
      if (current.state) current.state.retryTime = Math.max(retryAfter, backoffDelay(failures, backoff));
      failures += 1;
      throw error;
    }
  };

  /** Reports a refused row (once: `reported` collects the ids of one push request) and settles it. */
  const reject = (
    row: PushRow,
    error: SyncHttpError | { status: number; code: string; message: string },
    reported: Set<string>,
  ): WireDocument => {
    reported.add(String(row.newDocumentState.id));
    rejected$.next({
      collection: collectionName,
      id: String(row.newDocumentState.id),
      status: error.status,
      code: error.code,
      message: error.message,
      document: row.newDocumentState,
    });
    return settledMaster(row);
  };

  /**
   * Pushes rows; the answer holds a master state for every row that was not written as sent.
   * A refused row is never recorded as written: it is answered with the state the device last
   * knew from the server (or, for a new document, its tombstone), so the device converges and
   * the next pull brings whatever the server holds. On 400/422 validation_failed the rows are
   * checked with the zod schemas the server uses: invalid ones are refused, the rest is sent
   * again; if all are valid, the refusal means version skew, so it is retried later. Any other
   * refusal (403, 413, 422 invalid_reference) is split until the refused rows are isolated.
   */
  const pushIsolating = async (
    rows: PushRow[],
    reported: Set<string>,
    echo: boolean,
  ): Promise<WireDocument[]> => {
    try {
      return await api.push(rows, lifetime.signal, echo);
    } catch (error) {
      if (!isRejection(error)) throw error;
      if (error.code === 'validation_failed' && (error.status === 400 || error.status === 422)) {
        const refused: WireDocument[] = [];
        const valid = rows.filter((row) => {
          const problem = localProblem(collectionName, row.newDocumentState);
          if (problem)
            refused.push(reject(row, { status: error.status, code: error.code, message: problem }, reported));
          return !problem;
        });
        if (valid.length === rows.length) throw error;
        return valid.length > 0 ? [...refused, ...(await pushIsolating(valid, reported, echo))] : refused;
      }
      if (rows.length === 1) return [reject(rows[0]!, error, reported)];
      const half = Math.ceil(rows.length / 2);
      const first = await pushIsolating(rows.slice(0, half), reported, echo);
      const second = await pushIsolating(rows.slice(half), reported, echo);
      return [...first, ...second];
    }
  };

  /** Reports the rows whose local state the server's answer discards (rule 11: the app shows them). */
  const reportDiscarded = (
    rows: readonly PushRow[],
    conflicts: readonly WireDocument[],
    reported: ReadonlySet<string>,
  ) => {
    if (conflicts.length === 0) return;
    const byId = new Map(rows.map((row) => [String(row.newDocumentState.id), row]));
    for (const master of conflicts) {
      const row = byId.get(String(master.id));
      if (!row || reported.has(String(master.id))) continue;
      const refusal = isRefusal({ assumedMasterState: row.assumedMasterState, realMasterState: master });
      const deleted = master._deleted && !row.newDocumentState._deleted;
      if (!refusal && !deleted) continue; // an ordinary conflict: the merge keeps what it overwrites
      rejected$.next({
        collection: collectionName,
        id: String(master.id),
        status: 409,
        code: refusal ? 'refused' : 'deleted_on_server',
        message: refusal
          ? 'The server kept its state: you may not make this change now'
          : 'The document was deleted on the server while it was changed here',
        document: row.newDocumentState,
      });
    }
  };

  const requestSize = Math.min(options.pushBatchSize ?? MAX_PUSH_BATCH_SIZE, MAX_PUSH_BATCH_SIZE);
  /** Ids whose master state the device took from a conflict answer, not from the feed (see the push). */
  const learnedFromConflict = new Set<string>();
  /** Our unechoed pushes: no state the server read before them may take the device back. */
  const own = new OwnWrites();
  const inFlight = pLimit(PUSH_REQUESTS_IN_FLIGHT);
  const pushHandler = (rows: RxReplicationWriteToMasterRow<T>[]) =>
    guarded(async () => {
      await options.waitBeforePush?.();
      const wire = rows.map((row): PushRow => {
        const pushRow: PushRow = { newDocumentState: toWireDocument(row.newDocumentState) };
        if (row.assumedMasterState) pushRow.assumedMasterState = toWireDocument(row.assumedMasterState);
        return pushRow;
      });
      // A row equal to its assumed master is RxDB re-checking a resolved conflict: the device
      // already holds the master's state, so there is nothing to write (and a refused row must
      // not be sent again only to be refused again).
      const toSend = wire.filter(
        (row) => !row.assumedMasterState || !documentsEqual(row.assumedMasterState, row.newDocumentState),
      );
      // Rows based on a master learned from a conflict answer go out unnamed, so the stream echoes
      // them: the device's checkpoint is still before that master, so the feed will bring it, and
      // RxDB may apply it after this push; only the echo, later in the same feed, settles it.
      const requests: { rows: PushRow[]; echo: boolean }[] = [];
      for (const echo of [false, true]) {
        const rows = toSend.filter(
          (row) => learnedFromConflict.has(String(row.newDocumentState.id)) === echo,
        );
        for (let i = 0; i < rows.length; i += requestSize)
          requests.push({ rows: rows.slice(i, i + requestSize), echo });
      }
      // The rows are distinct documents, so their requests may land in any order; if one fails,
      // RxDB retries the whole call and the server takes the rows it already has as no-ops.
      const conflicts = (
        await Promise.all(
          requests.map(({ rows, echo }) =>
            inFlight(async () => {
              const reported = new Set<string>();
              const send = () => pushIsolating(rows, reported, echo);
              const ids = rows.map((row) => String(row.newDocumentState.id));
              const answer = echo
                ? await send()
                : await own.push(ids, send, (masters) => {
                    const notWritten = new Set(masters.map((master) => String(master.id)));
                    return ids.filter((id) => !notWritten.has(id));
                  });
              reportDiscarded(rows, answer, reported);
              return answer;
            }),
          ),
        )
      ).flat();
      // Only once the call succeeded: RxDB retries a failed call with the same rows.
      for (const row of wire) learnedFromConflict.delete(String(row.newDocumentState.id));
      for (const master of conflicts) learnedFromConflict.add(String(master.id));
      return conflicts as unknown as WithDeleted<T>[];
    });

  const pullOnce = async (checkpoint: PullCheckpoint | undefined, batchSize: number) => {
    try {
      return await api.pull(checkpoint?.cp, batchSize, lifetime.signal);
    } catch (error) {
      // The server no longer understands our checkpoint (its data was reset, or it was issued by
      // an older server: checkpoint_outdated): start over. The device keeps its documents; RxDB
      // compares what comes with what it holds, so nothing is lost or duplicated.
      if (
        !(error instanceof SyncHttpError && STALE_CHECKPOINT.has(error.code ?? '')) ||
        checkpoint === undefined
      )
        throw error;
      return api.pull(undefined, batchSize, lifetime.signal);
    }
  };

  const pullHandler = (checkpoint: PullCheckpoint | undefined, batchSize: number) =>
    guarded(async () => {
      let answer;
      // An answer naming a document we pushed meanwhile may hold the state before our push
      // (see OwnWrites): read it again once our pushes are answered.
      for (let read = 1; ; read += 1) {
        const start = own.beginRead();
        answer = await pullOnce(checkpoint, batchSize);
        if (
          !own.overtaken(
            start,
            answer.documents.map((doc) => String(doc.id)),
          )
        )
          break;
        if (read === PULL_READS)
          throw new SyncHttpError(0, 'pull_overtaken', 'Our own pushes kept overtaking the pull');
        await own.settled();
      }
      return {
        documents: answer.documents as unknown as WithDeleted<T>[],
        checkpoint: answer.checkpoint !== null ? { cp: answer.checkpoint } : checkpoint,
      };
    });

  const live = options.live ?? true;
  const liveErrors = options.liveErrors$?.subscribe((error) =>
    error instanceof UpgradeRequiredError ? upgradeRequired(error) : reportError(error),
  );
  const events$ =
    options.liveEvents ??
    liveStream({
      api,
      backoff,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 65_000,
      onError: reportError,
      onUpgradeRequired: upgradeRequired,
    });
  const stream$: Observable<RxReplicationPullStreamItem<T, PullCheckpoint>> = events$.pipe(
    mergeMap((event): readonly RxReplicationPullStreamItem<T, PullCheckpoint>[] =>
      // An event naming a document we pushed may be older than our push (see OwnWrites): a
      // pull reads it fresh instead.
      event === 'RESYNC' || own.unsure(event.documents.map((doc) => String(doc.id)))
        ? RESYNC_TWICE
        : [
            {
              documents: event.documents as unknown as WithDeleted<T>[],
              checkpoint: { cp: event.checkpoint },
            },
          ],
    ),
  );

  const replication = replicateRxCollection<T, PullCheckpoint>({
    replicationIdentifier: options.replicationIdentifier ?? `hamgaja:${collectionName}:${options.baseUrl}`,
    collection,
    pull: {
      handler: pullHandler,
      batchSize: Math.min(options.pullBatchSize ?? MAX_PULL_BATCH_SIZE, MAX_PULL_BATCH_SIZE),
      ...(live ? { stream$ } : {}),
    },
    push: {
      handler: pushHandler,
      batchSize: PUSH_REQUESTS_PER_CALL * requestSize,
    },
    live,
    retryTime: backoff.initialDelayMs,
    waitForLeadership: options.waitForLeadership ?? true,
    autoStart: options.autoStart ?? true,
  });
  current.state = replication;

  return Object.assign(replication, {
    collectionName,
    rejected$: rejected$.asObservable(),
    upgradeRequired$,
    async stop() {
      await replication.cancel();
      liveErrors?.unsubscribe();
      lifetime.abort();
      rejected$.complete();
    },
  });
}

/** Resolves once everything written locally so far has been pushed (or set aside). */
export async function awaitPushed<T>(replication: RxReplicationState<T, PullCheckpoint>): Promise<void> {
  await replication.startPromise;
  const internal = replication.internalReplicationState;
  if (!internal) return;
  await firstValueFrom(internal.firstSyncDone.up.pipe(filter(Boolean)));
  for (;;) {
    const queue = internal.streamQueue.up;
    await queue;
    if (queue === internal.streamQueue.up) return;
  }
}

/** Every synced collection of a database, replicated together. */
export interface DatabaseReplication {
  readonly replications: Readonly<Record<string, CollectionReplication<unknown>>>;
  /** Errors of all collections (look for UpgradeRequiredError / isUpgradeRequired). */
  readonly error$: Observable<unknown>;
  readonly rejected$: Observable<SyncRejection>;
  /** Resolves when every collection is in sync with the server. */
  awaitInSync(): Promise<void>;
  /** Pull everything new now (e.g. after the app was told that access changed). */
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * What each collection's pushes wait for: the server checks that what a document points at is
 * on the server (its trip; an expense's stop), so those go first.
 */
const PUSHED_AFTER: Readonly<Record<string, readonly string[]>> = {
  stops: ['trips'],
  checklistItems: ['trips'],
  expenses: ['trips', 'stops'],
  /** A reservation may point at the expense made for its cost. */
  reservations: ['trips', 'stops', 'expenses'],
  /** A travel document's metadata names its trip and maybe a reservation. */
  documents: ['trips', 'reservations'],
};

/**
 * Replicates every collection of `db` (created by createDatabase) with one shared token
 * source, pushing trips (and stops) before the documents that point at them.
 */
export function replicateAll(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any collection of createDatabase fits
  db: { collections: Record<string, RxCollection<any>> },
  options: ConnectionOptions,
): DatabaseReplication {
  const tokens = new AccessTokens(options.getAccessToken, options.onAuthError);
  const names = Object.keys(db.collections);
  // Dependencies first, so each replication can name those it waits for.
  // Depth in the dependency graph (not the number of dependencies: a reservation waits for
  // expenses, which wait for stops, and a document may wait for reservations).
  const rank = (name: string): number =>
    Math.max(0, ...(PUSHED_AFTER[name] ?? []).map((dependency) => rank(dependency) + 1));
  names.sort((a, b) => rank(a) - rank(b));
  const replications: Record<string, CollectionReplication<unknown>> = {};
  // One connection for every collection's live changes: a browser holds only 6 HTTP/1.1
  // connections per server, and a stream per collection would take them all.
  const clientIds = new Map(names.map((name) => [name, randomToken(16)]));
  const liveErrors$ = new Subject<unknown>();
  const shared = sharedLiveStream({
    api: new SharedStreamApi({
      baseUrl: options.baseUrl,
      tokens,
      fetch: options.fetch ?? platformFetch,
      parts: names.map((name) => ({
        collection: name,
        schemaVersion: db.collections[name]!.schema.version,
        clientId: clientIds.get(name)!,
      })),
    }),
    backoff: { ...DEFAULT_BACKOFF, ...options.retry },
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 65_000,
    onError: (error) => liveErrors$.next(error),
    onUpgradeRequired: (error) => liveErrors$.next(error),
  });
  for (const name of names) {
    const before = (PUSHED_AFTER[name] ?? []).flatMap((n) => replications[n] ?? []);
    replications[name] = startReplication<unknown>({
      ...options,
      collection: db.collections[name]!,
      collectionName: name,
      tokens,
      clientId: clientIds.get(name)!,
      liveEvents: shared.events(name),
      liveErrors$,
      ...(before.length > 0 ? { waitBeforePush: () => Promise.all(before.map((r) => awaitPushed(r))) } : {}),
    });
  }
  const all = Object.values(replications);
  return {
    replications,
    error$: merge(...all.map((r) => r.error$)),
    rejected$: merge(...all.map((r) => r.rejected$)),
    async awaitInSync() {
      await Promise.all(all.map((r) => r.awaitInSync()));
    },
    reSync() {
      // Twice, as the stream does (RESYNC_TWICE): RxDB may drop one that queues behind changes.
      for (const r of all) for (const _ of RESYNC_TWICE) r.reSync();
    },
    async stop() {
      await Promise.all(all.map((r) => r.stop()));
    },
  };
}
