import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TripPosition } from '../trips/membership.js';
import type { CatchUpReason, ChangeListener } from './bus.js';
import type { ChangeItem, ChangeMessage, TripRange } from './changes.js';
import type { CheckpointCodec } from './checkpoint.js';
import { upgradeStoredJson } from './collections.js';

/** A slow reader whose unsent events pile up past this is dropped; it reconnects and pulls. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** setTimeout cannot wait longer than this. */
const MAX_TIMER_MS = 2_147_483_647;
/** Trips per query when streams compare their trips with the database. */
const CHECK_CHUNK = 500;
const RESYNC_EVENT = 'data: "RESYNC"\n\n';

/** One trip's part of an announcement: its range and its items, in key order. */
interface TripPart {
  tripId: string;
  range: TripRange;
  items: ChangeItem[];
}

/** One open SSE connection: a user's live feed of one collection. */
export interface LiveStream {
  readonly userId: string;
  /** The session of the access token that opened it: ending the session ends the stream. */
  readonly sessionId: string | undefined;
  readonly collection: string;
  readonly res: ServerResponse;
  /** The trips the user may read, each with the last key of its sequence this stream accounted for. */
  positions: Map<string, number>;
  /** Trip numbers, for checkpoints. */
  nos: Map<string, number>;
  /** Parts that came before the ones they follow (announcements travel in any order), per trip. */
  waiting: Map<string, TripPart[]>;
  /** The replication reading this stream (echoKey), when it named itself: its own pushes are not echoed. */
  readonly origin: string | undefined;
  /** Access events up to this key are known to the client (see Checkpoint.accessKey). */
  accessKey: number;
  /**
   * Set when the stream shares its connection with the user's other collections (one SSE
   * response for all, GET /sync/stream): each event then names its collection (`event:`).
   */
  readonly event: string | undefined;
  /** Announcements that arrived while the stream was loading its trips; null once live. */
  queue: ChangeMessage[] | null;
  expiry: NodeJS.Timeout | undefined;
  closed: boolean;
}

/** What the hub reads back from the database when announcements went missing. */
export interface CatchUpSource {
  /** The newest key of each of these trips. */
  tripValues(tripIds: readonly string[]): Promise<Map<string, number>>;
  /** The changes of a trip with keys in (after, upTo], in key order. */
  tripRange(tripId: string, after: number, upTo: number): Promise<ChangeItem[]>;
}

export interface StreamHubOptions {
  heartbeatMs: number;
  /** How long a stream waits for a missing announcement of a trip before reading it back. */
  gapMs: number;
  onDocumentsSent(collection: string, count: number): void;
  /** A trip's streams read back its changes (one per trip and occasion). */
  onCatchUp(reason: CatchUpReason): void;
  logger: Logger;
}

/**
 * The open streams of this instance, indexed by user and by trip so that an announcement
 * reaches exactly the streams allowed to see it, whatever the number of streams.
 *
 * Every trip has its own sequence of keys, and each stream keeps, per trip, the last key it
 * accounted for. An announcement continuing a trip's sequence is delivered at once; one that
 * skips ahead waits for the missing one, and after `gapMs` the streams of that trip (and only
 * those) read the missing range back from the database. The same read-back serves a reconnect,
 * a failed publish and polling while announcements are down: no stream ever RESYNCs because a
 * message was lost, and the streams of other trips see nothing of it.
 */
export class StreamHub implements ChangeListener {
  private readonly all = new Set<LiveStream>();
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private readonly byTrip = new Map<string, Set<LiveStream>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly gapTimers = new Map<string, NodeJS.Timeout>();
  /** Trips being read back: a second occasion waits for the read in flight. */
  private readonly catchingUp = new Map<string, Promise<void>>();

  constructor(
    private readonly checkpoints: CheckpointCodec,
    private readonly source: CatchUpSource,
    private readonly options: StreamHubOptions,
  ) {
    this.heartbeat = setInterval(() => {
      // One ping per connection, however many collections share it.
      const pinged = new Set<ServerResponse>();
      for (const stream of this.all) {
        if (stream.queue || pinged.has(stream.res)) continue;
        pinged.add(stream.res);
        this.write(stream, ': ping\n\n');
      }
    }, options.heartbeatMs).unref();
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
    shared = false,
  ): LiveStream {
    const stream: LiveStream = {
      userId,
      sessionId: sessionOf(res),
      collection,
      res,
      origin,
      event: shared ? collection : undefined,
      positions: new Map(),
      nos: new Map(),
      waiting: new Map(),
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

  /** Sets the trips read from the database (with their newest keys), replays what was queued meanwhile, and goes live. */
  goLive(stream: LiveStream, trips: readonly TripPosition[], accessKey: number): void {
    if (stream.closed) return;
    for (const trip of trips) this.subscribe(stream, trip.tripId, trip.no, trip.value);
    stream.accessKey = accessKey;
    const queued = stream.queue ?? [];
    stream.queue = null;
    for (const message of queued) this.route(message, stream);
  }

  /** Delivers one announcement to the streams of its trips and users. */
  deliver(message: ChangeMessage): void {
    for (const stream of this.all) if (stream.queue) stream.queue.push(message);
    this.route(message);
  }

  /**
   * Compares the streams' trips (or these ones) with the database and reads back what they
   * missed. A trip nobody streams costs nothing.
   */
  catchUp(reason: CatchUpReason, trips?: readonly string[]): void {
    const watched = (trips ?? [...this.byTrip.keys()]).filter((t) => this.byTrip.has(t));
    void this.check(reason, watched).catch((err: unknown) =>
      this.options.logger.error({ err }, 'streams could not catch up from the database'),
    );
  }

  private async check(reason: CatchUpReason, trips: readonly string[]): Promise<void> {
    for (let i = 0; i < trips.length; i += CHECK_CHUNK) {
      const values = await this.source.tripValues(trips.slice(i, i + CHECK_CHUNK));
      for (const [tripId, value] of values) {
        const streams = this.byTrip.get(tripId);
        if (!streams) continue;
        const behind = [...streams].some((s) => (s.positions.get(tripId) ?? value) < value);
        if (behind) await this.readBack(tripId, value, reason);
      }
    }
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
    for (const timer of this.gapTimers.values()) clearTimeout(timer);
    this.gapTimers.clear();
    for (const stream of [...this.all]) this.close(stream);
  }

  /** Routes an announcement to every stream concerned, or to one stream replaying its queue. */
  private route(message: ChangeMessage, only?: LiveStream): void {
    const pending = new Map<LiveStream, string[]>();
    const partsByTrip = new Map<string, TripPart>();
    for (const [tripId, range] of Object.entries(message.trips))
      partsByTrip.set(tripId, { tripId, range, items: [] });
    for (const item of message.items) partsByTrip.get(item.tripId)?.items.push(item);
    for (const part of partsByTrip.values()) {
      part.items.sort((a, b) => a.seq - b.seq);
      const streams = new Set(only ? [only] : (this.byTrip.get(part.tripId) ?? []));
      // A user who gains the trip here has streams that do not follow it yet.
      for (const item of part.items) {
        if (item.kind !== 'access' || !item.gained) continue;
        for (const stream of only ? [only] : (this.byUser.get(item.userId) ?? [])) {
          if (stream.userId === item.userId) streams.add(stream);
        }
      }
      for (const stream of streams) if (!stream.queue && !stream.closed) this.receive(stream, part, pending);
    }
    for (const [stream, docs] of pending) this.flush(stream, docs);
    for (const userId of message.resync) {
      for (const stream of only ? [only] : (this.byUser.get(userId) ?? [])) {
        if (!stream.queue && stream.userId === userId) this.write(stream, RESYNC_EVENT);
      }
    }
  }

  /** One trip's part for one stream: applied when it continues the stream's position, else held. */
  private receive(stream: LiveStream, part: TripPart, pending: Map<LiveStream, string[]>): void {
    const { tripId, range } = part;
    const position = stream.positions.get(tripId);
    if (position === undefined) {
      // Not followed: only a gain of this user (not known to the stream yet) makes it followed.
      const gain = part.items.find(
        (i) =>
          i.kind === 'access' && i.gained && i.userId === stream.userId && i.accessSeq > stream.accessKey,
      );
      if (!gain || gain.kind !== 'access') return;
      this.flush(stream, pending.get(stream));
      pending.delete(stream);
      this.subscribe(stream, tripId, range.no, gain.seq);
      stream.accessKey = Math.max(stream.accessKey, gain.accessSeq);
      this.write(stream, RESYNC_EVENT);
      this.apply(stream, part, pending);
      return;
    }
    if (range.last <= position) return; // accounted for already (a pull covered it, or a read-back)
    if (range.first > position + 1) {
      const list = stream.waiting.get(tripId) ?? [];
      list.push(part);
      stream.waiting.set(tripId, list);
      this.expectGap(tripId);
      return;
    }
    this.apply(stream, part, pending);
  }

  /** Applies the items after the stream's position, then whatever was waiting behind them. */
  private apply(stream: LiveStream, part: TripPart, pending: Map<LiveStream, string[]>): void {
    const { tripId } = part;
    for (const item of part.items) {
      const position = stream.positions.get(tripId);
      if (position === undefined) return; // the trip was lost on the way
      if (item.seq <= position) continue;
      if (item.kind === 'document') {
        stream.positions.set(tripId, item.seq);
        // The pusher's own replication holds this state already: no echo.
        if (
          item.collection !== stream.collection ||
          (item.origin !== undefined && item.origin === stream.origin)
        )
          continue;
        // An older server instance (a rolling update) may announce a document in an older shape.
        const json = upgradeStoredJson(item.collection, item.json);
        const docs = pending.get(stream);
        if (docs) docs.push(json);
        else pending.set(stream, [json]);
        continue;
      }
      stream.positions.set(tripId, item.seq);
      if (item.userId !== stream.userId || item.accessSeq <= stream.accessKey) continue;
      // What was collected before this access change goes out first, with its own checkpoint.
      this.flush(stream, pending.get(stream));
      pending.delete(stream);
      stream.accessKey = item.accessSeq;
      if (!item.gained) this.unsubscribe(stream, tripId);
      this.write(stream, RESYNC_EVENT);
    }
    if (!stream.positions.has(tripId)) return;
    stream.positions.set(tripId, Math.max(stream.positions.get(tripId) ?? 0, part.range.last));
    const waiting = stream.waiting.get(tripId);
    if (!waiting) return;
    waiting.sort((a, b) => a.range.first - b.range.first);
    const position = stream.positions.get(tripId) ?? 0;
    const next = waiting.findIndex((w) => w.range.first <= position + 1);
    if (next === -1) return;
    const [ready] = waiting.splice(next, 1);
    if (waiting.length === 0) stream.waiting.delete(tripId);
    if (ready) this.apply(stream, ready, pending);
  }

  /** Starts the trip's gap timer: when it fires, the trip's streams read the missing range back. */
  private expectGap(tripId: string): void {
    if (this.gapTimers.has(tripId)) return;
    const timer = setTimeout(() => {
      this.gapTimers.delete(tripId);
      const streams = [...(this.byTrip.get(tripId) ?? [])].filter((s) => s.waiting.has(tripId));
      if (streams.length === 0) return;
      const upTo = Math.max(
        ...streams.map((s) => Math.min(...(s.waiting.get(tripId) ?? []).map((w) => w.range.first)) - 1),
      );
      this.options.logger.warn(
        { tripId },
        "a change announcement is missing; the trip's streams read it back",
      );
      void this.readBack(tripId, upTo, 'gap').catch((err: unknown) =>
        this.options.logger.error({ err, tripId }, 'streams could not read back a missing change'),
      );
    }, this.options.gapMs);
    timer.unref();
    this.gapTimers.set(tripId, timer);
  }

  /** Reads the trip's changes up to `upTo` from the database and gives each stream of the trip what it lacks. */
  private async readBack(tripId: string, upTo: number, reason: CatchUpReason): Promise<void> {
    const previous = this.catchingUp.get(tripId);
    if (previous) await previous.catch(() => undefined);
    const streams = [...(this.byTrip.get(tripId) ?? [])].filter(
      (s) => !s.queue && (s.positions.get(tripId) ?? upTo) < upTo,
    );
    if (streams.length === 0) return;
    const after = Math.min(...streams.map((s) => s.positions.get(tripId) ?? upTo));
    const run = (async () => {
      const items = await this.source.tripRange(tripId, after, upTo);
      this.options.onCatchUp(reason);
      const pending = new Map<LiveStream, string[]>();
      for (const stream of streams) {
        const position = stream.positions.get(tripId);
        const no = stream.nos.get(tripId);
        if (stream.closed || position === undefined || no === undefined || position >= upTo) continue;
        const part: TripPart = {
          tripId,
          range: { no, first: position + 1, last: upTo },
          items: items.filter((i) => i.seq > position),
        };
        this.apply(stream, part, pending);
      }
      for (const [stream, docs] of pending) this.flush(stream, docs);
    })();
    this.catchingUp.set(tripId, run);
    try {
      await run;
    } finally {
      if (this.catchingUp.get(tripId) === run) this.catchingUp.delete(tripId);
    }
  }

  /** Sends the documents collected for a stream, with the checkpoint of everything accounted for. */
  private flush(stream: LiveStream, docs: string[] | undefined): void {
    if (!docs || docs.length === 0) return;
    const trips = new Map<number, number>();
    for (const [tripId, position] of stream.positions) {
      const no = stream.nos.get(tripId);
      if (no !== undefined) trips.set(no, position);
    }
    const checkpoint = this.checkpoints.encode(stream.userId, stream.collection, {
      accessKey: stream.accessKey,
      trips,
      lost: new Map(),
    });
    this.write(stream, `data: {"documents":[${docs.join(',')}],"checkpoint":"${checkpoint}"}\n\n`);
    this.options.onDocumentsSent(stream.collection, docs.length);
  }

  private subscribe(stream: LiveStream, tripId: string, no: number, position: number): void {
    stream.positions.set(tripId, position);
    stream.nos.set(tripId, no);
    addTo(this.byTrip, tripId, stream);
  }

  private unsubscribe(stream: LiveStream, tripId: string): void {
    stream.positions.delete(tripId);
    stream.nos.delete(tripId);
    stream.waiting.delete(tripId);
    removeFrom(this.byTrip, tripId, stream);
  }

  private write(stream: LiveStream, chunk: string): void {
    // A shared connection ended by one of its streams: the others close with its 'close' event.
    if (stream.closed || stream.res.writableEnded) return;
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) {
      this.close(stream);
      return;
    }
    stream.res.write(
      stream.event !== undefined && chunk.startsWith('data:') ? `event: ${stream.event}\n${chunk}` : chunk,
    );
  }

  /** Ends a stream (token expiry, client gone, shutdown) and forgets it; `end: false` leaves the response to the caller. */
  close(stream: LiveStream, end = true): void {
    if (stream.closed) return;
    stream.closed = true;
    clearTimeout(stream.expiry);
    this.all.delete(stream);
    removeFrom(this.byUser, stream.userId, stream);
    for (const trip of stream.positions.keys()) removeFrom(this.byTrip, trip, stream);
    stream.queue = null;
    if (end && !stream.res.writableEnded) stream.res.end();
  }
}

/** The session requireAuth read from the request's access token (req.auth). */
function sessionOf(res: ServerResponse): string | undefined {
  const auth = (res.req as { auth?: { sessionId?: unknown } } | undefined)?.auth;
  return typeof auth?.sessionId === 'string' ? auth.sessionId : undefined;
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
