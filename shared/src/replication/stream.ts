import { createParser } from 'eventsource-parser';
import { Observable } from 'rxjs';
import type { SyncApi, WireDocument } from './api.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { SyncHttpError, UpgradeRequiredError } from './errors.js';
import {
  newAbortController,
  newTextDecoder,
  onNetworkBack,
  sleep,
  startTimer,
  type AbortControllerLike,
  type BodyReader,
} from './runtime.js';

/** What the live stream emits: a batch of changed documents, or "pull again". */
export type StreamEvent = 'RESYNC' | { documents: WireDocument[]; checkpoint: string };

export interface LiveStreamOptions {
  api: Pick<SyncApi, 'openStream'>;
  backoff: BackoffOptions;
  /** No byte (not even a `: ping`) for this long means a dead connection: reconnect. */
  heartbeatTimeoutMs: number;
  /** A connection failed (it is retried). */
  onError(error: unknown): void;
  /** The server wants a newer app: the stream stops for good. */
  onUpgradeRequired(error: UpgradeRequiredError): void;
}

/** A stream that lived at least this long counts as healthy: reconnect at once when it ends. */
const HEALTHY_CONNECTION_MS = 1_000;

/**
 * The server's SSE change stream as an Observable, over `fetch` (EventSource cannot send an
 * Authorization header). Emits 'RESYNC' on every (re)connect so RxDB pulls what it missed,
 * and reconnects with jittered, capped backoff until unsubscribed.
 */
export function liveStream(options: LiveStreamOptions): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    const lifetime = newAbortController();
    void connectLoop(options, lifetime, {
      opened: () => subscriber.next('RESYNC'),
      closed: () => undefined,
      frame: (message) => {
        const event = parseEvent(message.data);
        if (event) subscriber.next(event);
        else options.onError(badEvent());
      },
    });
    return () => lifetime.abort();
  });
}

/**
 * One connection carrying the live changes of several collections (GET /api/sync/stream, see
 * SharedStreamApi): `events(collection)` is that collection's stream, as `liveStream` gives
 * one. The connection opens with the first subscriber and closes with the last; every
 * collection gets 'RESYNC' when it (re)connects, and a collection subscribing while it is open
 * gets one at once.
 */
export function sharedLiveStream(options: LiveStreamOptions): {
  events(collection: string): Observable<StreamEvent>;
} {
  const subscribers = new Map<string, Set<(event: StreamEvent) => void>>();
  let lifetime: AbortControllerLike | undefined;
  let open = false;
  const each = (fn: (emit: (event: StreamEvent) => void) => void) => {
    for (const set of subscribers.values()) for (const emit of set) fn(emit);
  };
  return {
    events(collection) {
      return new Observable<StreamEvent>((subscriber) => {
        const emit = (event: StreamEvent) => subscriber.next(event);
        const set = subscribers.get(collection) ?? new Set();
        set.add(emit);
        subscribers.set(collection, set);
        if (open) emit('RESYNC');
        if (!lifetime) {
          const current = newAbortController();
          lifetime = current;
          void connectLoop(options, current, {
            opened: () => {
              if (lifetime !== current) return;
              open = true;
              each((e) => e('RESYNC'));
            },
            closed: () => {
              if (lifetime === current) open = false;
            },
            frame: (message) => {
              const event = message.event === undefined ? undefined : parseEvent(message.data);
              if (!event) options.onError(badEvent());
              else for (const e of subscribers.get(message.event!) ?? []) e(event);
            },
          });
        }
        return () => {
          set.delete(emit);
          if (set.size === 0) subscribers.delete(collection);
          if (subscribers.size === 0) {
            lifetime?.abort();
            lifetime = undefined;
            open = false;
          }
        };
      });
    },
  };
}

const badEvent = () =>
  new SyncHttpError(200, 'bad_event', 'The live stream sent an event we do not understand');

/** What a connection tells its owner: it opened (pull what was missed), it closed, an SSE frame. */
interface ConnectionEvents {
  opened(): void;
  closed(): void;
  frame(message: { event?: string | undefined; data: string }): void;
}

async function connectLoop(
  options: LiveStreamOptions,
  lifetime: AbortControllerLike,
  on: ConnectionEvents,
): Promise<void> {
  let failures = 0;
  while (!lifetime.signal.aborted) {
    const connection = newAbortController();
    const closeConnection = () => connection.abort();
    lifetime.signal.addEventListener('abort', closeConnection, { once: true });
    let openedAt: number | undefined;
    let retryAfterMs = 0;
    try {
      const res = await options.api.openStream(connection.signal);
      if (!res.body) throw new SyncHttpError(res.status, 'no_stream', 'The server answered without a stream');
      openedAt = Date.now();
      on.opened();
      await readEvents(res.body.getReader(), connection, options, on);
    } catch (error) {
      if (lifetime.signal.aborted) break;
      if (error instanceof UpgradeRequiredError) {
        options.onUpgradeRequired(error);
        return;
      }
      if (error instanceof SyncHttpError && error.retryAfterMs !== undefined)
        retryAfterMs = error.retryAfterMs;
      options.onError(
        connection.signal.aborted
          ? new SyncHttpError(0, 'stream_stalled', 'The live stream went silent')
          : error,
      );
    } finally {
      lifetime.signal.removeEventListener('abort', closeConnection);
      connection.abort();
      on.closed();
    }
    if (openedAt !== undefined && Date.now() - openedAt >= HEALTHY_CONNECTION_MS) {
      failures = 0;
      continue;
    }
    const delay = Math.max(retryAfterMs, backoffDelay(failures, options.backoff));
    failures += 1;
    await waitToReconnect(delay, lifetime, retryAfterMs > 0);
  }
}

/**
 * Waits out the backoff, but reconnects at once when the network comes back (after an
 * offline spell the backoff has often grown to its cap) — unless the server asked to wait.
 */
async function waitToReconnect(delayMs: number, lifetime: AbortControllerLike, serverAsked: boolean) {
  const wake = newAbortController();
  const onLifetimeEnd = () => wake.abort();
  lifetime.signal.addEventListener('abort', onLifetimeEnd, { once: true });
  const stopListening = serverAsked ? () => {} : onNetworkBack(() => wake.abort());
  try {
    await sleep(delayMs, wake.signal);
  } finally {
    stopListening();
    lifetime.signal.removeEventListener('abort', onLifetimeEnd);
  }
}

/** Reads SSE frames until the server ends the stream or the connection is aborted. */
async function readEvents(
  reader: BodyReader,
  connection: AbortControllerLike,
  options: LiveStreamOptions,
  on: ConnectionEvents,
): Promise<void> {
  const decoder = newTextDecoder();
  const parser = createParser({ onEvent: (message) => on.frame(message) });
  let stopWatchdog = startTimer(options.heartbeatTimeoutMs, () => connection.abort());
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      stopWatchdog();
      stopWatchdog = startTimer(options.heartbeatTimeoutMs, () => connection.abort());
      if (value) parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    stopWatchdog();
    reader.cancel().catch(() => undefined);
  }
}

/** One `data:` payload: the JSON string "RESYNC" or `{documents, checkpoint}`. */
export function parseEvent(data: string): StreamEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (value === 'RESYNC') return 'RESYNC';
  if (typeof value !== 'object' || value === null) return undefined;
  const { documents, checkpoint } = value as { documents?: unknown; checkpoint?: unknown };
  if (!Array.isArray(documents) || typeof checkpoint !== 'string') return undefined;
  return { documents: documents as WireDocument[], checkpoint };
}
