/**
 * A device's network as the fuzz sees it: the `fetch` handed to the replication
 * (ConnectionOptions.fetch). It routes the device's requests to a server instance (failing over
 * when an instance refuses connections, as Nginx would), records every push request and its
 * answer (the lost-write check needs them), and injects faults: offline spells, push answers
 * dropped after the server committed, duplicated pushes, replays of earlier push bodies and
 * aborted live streams. Fault decisions come from the device's own seeded generator, drawn in
 * the order the replication sends its pushes (the same order gives the same faults; the order
 * itself depends on timing).
 */
import type { Fetch, FetchInit, FetchResponse } from '@hamgaja/shared';
import { Rng } from './prng.js';
import { NO_FAULTS, type Collection, type Doc, type PushFaults, type PushRecord } from './protocol.js';

/** The base URL the replication is given; every request to it is routed to a live instance. */
export const DEVICE_BASE_URL = 'http://fuzz.invalid';
/** Earlier bodies kept per collection for replays. */
const REPLAY_HISTORY = 12;

const networkError = (why: string) => new TypeError(`fetch failed (fuzz: ${why})`);

function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

export class FaultyNetwork {
  offline = false;
  faults: PushFaults = NO_FAULTS;
  readonly pushes: PushRecord[] = [];
  private readonly streams = new Set<AbortController>();
  /** Earlier push requests per collection: body and headers (a replay is a copy of the request). */
  private readonly history = new Map<string, { body: string; headers: Record<string, string> }[]>();
  private readonly rng: Rng;

  constructor(
    private readonly device: string,
    private readonly instanceUrls: readonly string[],
    private preferred: number,
    seed: number,
  ) {
    this.rng = new Rng(seed);
  }

  /** Going offline also cuts the open live streams. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) this.dropStreams();
  }

  dropStreams(): void {
    for (const stream of this.streams) stream.abort();
    this.streams.clear();
  }

  /** One request to the first instance that accepts the connection, starting with the preferred one. */
  private async send(path: string, init: FetchInit, signal: AbortSignal): Promise<Response> {
    if (this.offline) throw networkError('offline');
    let lastError: unknown;
    for (let i = 0; i < this.instanceUrls.length; i += 1) {
      const index = (this.preferred + i) % this.instanceUrls.length;
      try {
        const res = await fetch(`${this.instanceUrls[index]}${path}`, {
          method: init.method ?? 'GET',
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal,
        });
        this.preferred = index;
        return res;
      } catch (error) {
        lastError = error;
        if (!refused(error)) throw error;
      }
    }
    throw lastError;
  }

  readonly fetch: Fetch = async (url: string, init: FetchInit = {}): Promise<FetchResponse> => {
    if (!url.startsWith(DEVICE_BASE_URL)) throw new Error(`fuzz device fetch: unexpected URL ${url}`);
    const path = url.slice(DEVICE_BASE_URL.length);
    const controller = new AbortController();
    const outer = init.signal;
    const onAbort = () => controller.abort();
    if (outer?.aborted) controller.abort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    const push = /^\/api\/sync\/([A-Za-z]+)\/push$/.exec(path);
    if (path.includes('/stream')) {
      // Kept until the client closes it (or a fault cuts it): dropStreams aborts the body.
      this.streams.add(controller);
      controller.signal.addEventListener('abort', () => this.streams.delete(controller), { once: true });
      try {
        return await this.send(path, init, controller.signal);
      } catch (error) {
        this.streams.delete(controller);
        throw error;
      }
    }
    try {
      if (!push) return await this.send(path, init, controller.signal);
      return await this.push(push[1] as Collection, path, init, controller.signal);
    } finally {
      outer?.removeEventListener('abort', onAbort);
    }
  };

  /** Sends one push body and records what the server answered. */
  private async sendPush(
    collection: Collection,
    path: string,
    init: FetchInit,
    body: string,
    kind: PushRecord['kind'],
    signal: AbortSignal,
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const record: PushRecord = {
      device: this.device,
      collection,
      rows: JSON.parse(body) as PushRecord['rows'],
      kind,
      sentAt: Date.now(),
      answeredAt: 0,
      status: null,
      conflicts: [],
    };
    this.pushes.push(record);
    try {
      const res = await this.send(path, { ...init, body }, signal);
      const text = await res.text();
      record.answeredAt = Date.now();
      record.status = res.status;
      if (res.status === 200) record.conflicts = JSON.parse(text) as Doc[];
      return { status: res.status, text, headers: res.headers };
    } catch (error) {
      record.answeredAt = Date.now();
      throw error;
    }
  }

  private async push(
    collection: Collection,
    path: string,
    init: FetchInit,
    signal: AbortSignal,
  ): Promise<FetchResponse> {
    const body = init.body ?? '[]';
    // Every fault is decided up front, so the device's random sequence does not depend on answers.
    const replay = this.rng.chance(this.faults.replay);
    const replayPick = this.rng.next();
    const duplicate = this.rng.chance(this.faults.duplicate);
    const dropAnswer = this.rng.chance(this.faults.dropAnswer);
    const earlier = this.history.get(collection) ?? [];
    if (replay && earlier.length > 0) {
      const old = earlier[Math.floor(replayPick * earlier.length)]!;
      // The copy carries its own replication name and push number; only the token is today's
      // (an old one may have expired, and a replay that is refused for that proves nothing).
      const headers = { ...old.headers, authorization: init.headers?.authorization ?? '' };
      await this.sendPush(collection, path, { ...init, headers }, old.body, 'replay', signal).catch(
        () => undefined,
      );
    }
    earlier.push({ body, headers: { ...init.headers } });
    if (earlier.length > REPLAY_HISTORY) earlier.shift();
    this.history.set(collection, earlier);

    let answer = await this.sendPush(collection, path, init, body, 'push', signal);
    if (duplicate) answer = await this.sendPush(collection, path, init, body, 'duplicate', signal);
    if (dropAnswer && answer.status === 200) throw networkError('push answer dropped after commit');
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  }
}
