import type { ServerResponse } from 'node:http';
import type { ChangeItem, ChangeMessage } from './changes.js';
import type { CheckpointCodec } from './checkpoint.js';

/** A slow reader whose unsent events pile up past this is dropped; it reconnects and pulls. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** setTimeout cannot wait longer than this. */
const MAX_TIMER_MS = 2_147_483_647;
const RESYNC_EVENT = 'data: "RESYNC"\n\n';

/** One open SSE connection: a user's live feed of one collection. */
export interface LiveStream {
  readonly userId: string;
  /** The session of the access token that opened it: ending the session ends the stream. */
  readonly sessionId: string | undefined;
  readonly collection: string;
  readonly res: ServerResponse;
  /** The trips the user may read, kept current by access announcements. */
  trips: Set<string>;
  /** The replication reading this stream (echoKey), when it named itself: its own pushes are not echoed. */
  readonly origin: string | undefined;
  /** Access events up to this key are known to the client (see Checkpoint.accessKey). */
  accessKey: number;
  /** Announcements that arrived while the stream was loading its trips; null once live. */
  queue: ChangeMessage[] | null;
  expiry: NodeJS.Timeout | undefined;
  closed: boolean;
}

type Pending = Map<LiveStream, string[]>;

/**
 * The open streams of this instance, indexed by user and by (collection, trip) so that an
 * announcement reaches exactly the streams allowed to see it, whatever the number of streams.
 */
export class StreamHub {
  private readonly all = new Set<LiveStream>();
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private readonly byTrip = new Map<string, Set<LiveStream>>();
  private readonly heartbeat: NodeJS.Timeout;
  private deliveredUpTo = 0;

  constructor(
    private readonly checkpoints: CheckpointCodec,
    heartbeatMs: number,
    private readonly onDocumentsSent: (collection: string, count: number) => void,
  ) {
    this.heartbeat = setInterval(() => {
      for (const stream of this.all) if (!stream.queue) this.write(stream, ': ping\n\n');
    }, heartbeatMs).unref();
  }

  get size(): number {
    return this.all.size;
  }

  /**
   * Registers a stream before its trips are known: announcements delivered from now on are
   * queued, so none is lost between reading the trips and going live.
   */
  open(
    userId: string,
    collection: string,
    res: ServerResponse,
    expiresAtMs: number,
    origin?: string,
  ): LiveStream {
    const stream: LiveStream = {
      userId,
      sessionId: sessionOf(res),
      collection,
      res,
      origin,
      trips: new Set(),
      accessKey: 0,
      queue: [],
      expiry: undefined,
      closed: false,
    };
    stream.expiry = setTimeout(
      () => this.close(stream),
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAtMs - Date.now())),
    );
    stream.expiry.unref();
    this.all.add(stream);
    addTo(this.byUser, userId, stream);
    res.on('close', () => this.close(stream));
    return stream;
  }

  /** Sets the trips read from the database, replays what was queued meanwhile, and goes live. */
  goLive(stream: LiveStream, trips: readonly string[], accessKey: number): void {
    if (stream.closed) return;
    stream.trips = new Set(trips);
    stream.accessKey = accessKey;
    for (const trip of trips) addTo(this.byTrip, tripKey(stream.collection, trip), stream);
    const queued = stream.queue ?? [];
    stream.queue = null;
    for (const message of queued)
      this.route(
        message,
        this.deliveredUpTo,
        (item) => (this.visibleTo(stream, item) ? [stream] : []),
        (userId) => (userId === stream.userId ? [stream] : []),
      );
  }

  /** Delivers one announcement (called in change-key order by the bus). */
  deliver(message: ChangeMessage, deliveredUpTo: number): void {
    this.deliveredUpTo = deliveredUpTo;
    for (const stream of this.all) if (stream.queue) stream.queue.push(message);
    this.route(
      message,
      deliveredUpTo,
      (item) => this.byTrip.get(tripKey(item.collection, item.tripId)) ?? [],
      (userId) => this.byUser.get(userId) ?? [],
    );
  }

  /** Every live stream RESYNCs (announcements may have been lost). */
  resyncAll(): void {
    for (const stream of this.all) if (!stream.queue) this.write(stream, RESYNC_EVENT);
  }

  /** The sessions of the open streams (rechecked when ended-session announcements may have been lost). */
  *sessions(): Iterable<{ userId: string; sessionId: string }> {
    for (const stream of this.all) {
      if (stream.sessionId !== undefined) yield { userId: stream.userId, sessionId: stream.sessionId };
    }
  }

  /** Ends the streams of these sessions of a user (logout, password change, reuse, deletion). */
  closeSessions(userId: string, sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const stream of [...(this.byUser.get(userId) ?? [])]) {
      if (stream.sessionId !== undefined && ended.has(stream.sessionId)) this.close(stream);
    }
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const stream of [...this.all]) this.close(stream);
  }

  private route(
    message: ChangeMessage,
    deliveredUpTo: number,
    streamsOfDocument: (item: Extract<ChangeItem, { kind: 'document' }>) => Iterable<LiveStream>,
    streamsOfUser: (userId: string) => Iterable<LiveStream>,
  ): void {
    const pending: Pending = new Map();
    const resynced = new Set<LiveStream>();
    for (const item of message.items) {
      if (item.kind === 'document') {
        for (const stream of streamsOfDocument(item)) {
          // The pusher's own replication holds this state already: no echo.
          if (stream.queue || (item.origin !== undefined && item.origin === stream.origin)) continue;
          const docs = pending.get(stream);
          if (docs) docs.push(item.json);
          else pending.set(stream, [item.json]);
        }
        continue;
      }
      for (const stream of [...streamsOfUser(item.userId)]) {
        if (stream.queue) continue;
        // What was collected before this access change goes out first, with its own checkpoint.
        const flushed = this.flush(stream, pending, item.seq - 1);
        this.setTripAccess(stream, item.tripId, item.gained);
        stream.accessKey = Math.max(stream.accessKey, item.seq);
        // One RESYNC covers consecutive access changes; it must precede any later checkpoint.
        if (flushed || !resynced.has(stream)) this.write(stream, RESYNC_EVENT);
        resynced.add(stream);
      }
    }
    for (const stream of pending.keys()) this.flush(stream, pending, message.last ?? deliveredUpTo);
    for (const userId of message.resync) {
      for (const stream of streamsOfUser(userId)) if (!stream.queue) this.write(stream, RESYNC_EVENT);
    }
  }

  /** Sends the documents collected for a stream; true when there were any. */
  private flush(stream: LiveStream, pending: Pending, changeKey: number): boolean {
    const docs = pending.get(stream);
    if (!docs) return false;
    pending.delete(stream);
    const checkpoint = this.checkpoints.encode(stream.userId, stream.collection, {
      changeKey,
      accessKey: stream.accessKey,
    });
    this.write(stream, `data: {"documents":[${docs.join(',')}],"checkpoint":"${checkpoint}"}\n\n`);
    this.onDocumentsSent(stream.collection, docs.length);
    return true;
  }

  private visibleTo(stream: LiveStream, item: Extract<ChangeItem, { kind: 'document' }>): boolean {
    return item.collection === stream.collection && stream.trips.has(item.tripId);
  }

  private setTripAccess(stream: LiveStream, tripId: string, gained: boolean): void {
    const key = tripKey(stream.collection, tripId);
    if (gained) {
      stream.trips.add(tripId);
      addTo(this.byTrip, key, stream);
    } else {
      stream.trips.delete(tripId);
      removeFrom(this.byTrip, key, stream);
    }
  }

  private write(stream: LiveStream, chunk: string): void {
    if (stream.closed) return;
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) {
      this.close(stream);
      return;
    }
    stream.res.write(chunk);
  }

  /** Ends a stream (token expiry, client gone, shutdown) and forgets it; `end: false` leaves the response to the caller. */
  close(stream: LiveStream, end = true): void {
    if (stream.closed) return;
    stream.closed = true;
    clearTimeout(stream.expiry);
    this.all.delete(stream);
    removeFrom(this.byUser, stream.userId, stream);
    for (const trip of stream.trips) removeFrom(this.byTrip, tripKey(stream.collection, trip), stream);
    stream.queue = null;
    if (end && !stream.res.writableEnded) stream.res.end();
  }
}

/** The session requireAuth read from the request's access token (req.auth). */
function sessionOf(res: ServerResponse): string | undefined {
  const auth = (res.req as { auth?: { sessionId?: unknown } } | undefined)?.auth;
  return typeof auth?.sessionId === 'string' ? auth.sessionId : undefined;
}

function tripKey(collection: string, tripId: string): string {
  return `${collection}\u0000${tripId}`;
}

function addTo<K>(index: Map<K, Set<LiveStream>>, key: K, stream: LiveStream): void {
  const set = index.get(key);
  if (set) set.add(stream);
  else index.set(key, new Set([stream]));
}

function removeFrom<K>(index: Map<K, Set<LiveStream>>, key: K, stream: LiveStream): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(stream);
  if (set.size === 0) index.delete(key);
}
