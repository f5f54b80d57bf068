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
  api: SyncApi;
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
    void connectLoop(options, lifetime, (event) => subscriber.next(event));
    return () => lifetime.abort();
  });
}

async function connectLoop(
  options: LiveStreamOptions,
  lifetime: AbortControllerLike,
  emit: (event: StreamEvent) => void,
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
      emit('RESYNC');
      await readEvents(res.body.getReader(), connection, options, emit);
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
  emit: (event: StreamEvent) => void,
): Promise<void> {
  const decoder = newTextDecoder();
  const parser = createParser({
    onEvent(message) {
      const event = parseEvent(message.data);
      if (event) emit(event);
      else
        options.onError(
          new SyncHttpError(200, 'bad_event', 'The live stream sent an event we do not understand'),
        );
    },
  });
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
