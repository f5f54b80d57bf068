import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncApi } from './api.js';
import { SyncHttpError } from './errors.js';
import { sleep } from './runtime.js';
import { liveStream } from './stream.js';

// `shared` compiles without DOM typings; the platform's Event is there at run time.
interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  dispatchEvent(event: unknown): boolean;
}
const { Event, EventTarget } = globalThis as unknown as {
  Event: new (type: string) => unknown;
  EventTarget: new () => EventTargetLike;
};

/** A window-like global: Node has no `online` event, browsers and Electron renderers do. */
function stubWindowEvents(): EventTargetLike {
  const target = new EventTarget();
  vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
  vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
  return target;
}

/** An API whose stream never connects, failing with `error` each time. */
function failingApi(error: () => Error) {
  const attempts: number[] = [];
  const api = {
    openStream: () => {
      attempts.push(attempts.length + 1);
      return Promise.reject(error());
    },
  } as unknown as SyncApi;
  return { api, attempts };
}

const options = (api: SyncApi) => ({
  api,
  // Long enough that only the network coming back can explain a second attempt.
  backoff: { initialDelayMs: 600_000, maxDelayMs: 600_000 },
  heartbeatTimeoutMs: 60_000,
  onError: () => {},
  onUpgradeRequired: () => {},
});

describe('liveStream reconnection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reconnects at once when the network comes back instead of sitting out its backoff', async () => {
    const window = stubWindowEvents();
    const { api, attempts } = failingApi(() => new SyncHttpError(0, 'network', 'offline'));
    const subscription = liveStream(options(api)).subscribe();
    try {
      await vi.waitFor(() => expect(attempts).toHaveLength(1));
      window.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(attempts).toHaveLength(2));
      window.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(attempts).toHaveLength(3));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('keeps waiting when the server asked for it (Retry-After), even if the network comes back', async () => {
    const window = stubWindowEvents();
    const { api, attempts } = failingApi(() => new SyncHttpError(503, 'busy', 'busy', 600_000));
    const subscription = liveStream(options(api)).subscribe();
    try {
      await vi.waitFor(() => expect(attempts).toHaveLength(1));
      window.dispatchEvent(new Event('online'));
      await sleep(50);
      expect(attempts).toHaveLength(1);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('stops listening for the network once unsubscribed', async () => {
    const window = stubWindowEvents();
    const { api, attempts } = failingApi(() => new SyncHttpError(0, 'network', 'offline'));
    const subscription = liveStream(options(api)).subscribe();
    await vi.waitFor(() => expect(attempts).toHaveLength(1));
    subscription.unsubscribe();
    window.dispatchEvent(new Event('online'));
    await sleep(50);
    expect(attempts).toHaveLength(1);
  });
});
