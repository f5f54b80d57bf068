import { SyncHttpError, UpgradeRequiredError } from './errors.js';
import type { AbortSignalLike, Fetch, FetchResponse } from './runtime.js';
import type { AccessTokens } from './tokens.js';

/** A replicated document on the wire: its fields plus the tombstone flag. */
export type WireDocument = Record<string, unknown> & { _deleted: boolean };

export interface PullAnswer {
  documents: WireDocument[];
  checkpoint: string | null;
}

export interface PushRow {
  newDocumentState: WireDocument;
  assumedMasterState?: WireDocument;
}

export interface SyncApiOptions {
  /** Server origin (and path prefix, if any) without `/api`, e.g. `https://hamgaja.example`. */
  baseUrl: string;
  collectionName: string;
  /** The client's schema version of this collection (sent as X-Hamgaja-Schema-Version). */
  schemaVersion: number;
  tokens: AccessTokens;
  fetch: Fetch;
  /**
   * Names this replication (sent as X-Hamgaja-Client, 8–64 letters, digits, "_" or "-"): the
   * stream opened with it does not echo back the states pushed with it.
   */
  clientId?: string;
}

export const SCHEMA_VERSION_HEADER = 'X-Hamgaja-Schema-Version';
export const CLIENT_HEADER = 'X-Hamgaja-Client';
/**
 * Numbers a named replication's pushes 1, 2, 3, …: the server then tells a replay of an older
 * request (which it echoes, since this replication never read its answer) from a push.
 */
export const PUSH_NUMBER_HEADER = 'X-Hamgaja-Push';

function retryAfterMs(res: FetchResponse): number | undefined {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Turns a non-2xx answer (problem+json or anything else) into our error type. */
export async function errorFromResponse(res: FetchResponse): Promise<SyncHttpError> {
  let code = `http_${res.status}`;
  let message = `The sync server answered ${res.status}`;
  try {
    const problem = JSON.parse(await res.text()) as { code?: unknown; detail?: unknown; title?: unknown };
    if (typeof problem.code === 'string') code = problem.code;
    if (typeof problem.detail === 'string') message = problem.detail;
    else if (typeof problem.title === 'string') message = problem.title;
  } catch {
    // not problem+json (a proxy's error page): keep the generic message
  }
  if (res.status === 426) return new UpgradeRequiredError(message);
  return new SyncHttpError(res.status, code, message, retryAfterMs(res));
}

/**
 * Sends a request; on 401 with a renewable code, retries once with a renewed token. Resolves
 * only with a 2xx response, otherwise throws SyncHttpError.
 */
async function withRenewal(
  tokens: AccessTokens,
  request: (token: string) => Promise<FetchResponse>,
): Promise<FetchResponse> {
  let token = await tokens.current();
  for (let attempt = 0; ; attempt += 1) {
    const res = await request(token);
    if (res.ok) return res;
    const error = await errorFromResponse(res);
    if (res.status === 401 && attempt === 0) {
      const renewed = await tokens.renew(token, error);
      if (renewed !== token) {
        token = renewed;
        continue;
      }
    }
    throw error;
  }
}

/** The three sync endpoints of one collection, with auth renewal built in. */
export class SyncApi {
  private readonly root: string;
  /** Named pushes sent so far (X-Hamgaja-Push). */
  private pushes = 0;

  constructor(private readonly options: SyncApiOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.root = `${base}/api/sync/${encodeURIComponent(options.collectionName)}`;
  }

  /**
   * Sends a request; on 401 with a renewable code, retries once with a renewed token.
   * Resolves only with a 2xx response, otherwise throws SyncHttpError.
   */
  async send(
    path: string,
    init: {
      method?: string;
      body?: string;
      accept?: string;
      signal?: AbortSignalLike;
      /** Leave out X-Hamgaja-Client, so the stream of this replication does echo what is pushed. */
      unnamed?: boolean;
      /** X-Hamgaja-Push, sent with X-Hamgaja-Client. */
      pushNumber?: number;
    },
  ): Promise<FetchResponse> {
    return withRenewal(this.options.tokens, (token) => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: init.accept ?? 'application/json',
        [SCHEMA_VERSION_HEADER]: String(this.options.schemaVersion),
      };
      if (this.options.clientId !== undefined && !init.unnamed) {
        headers[CLIENT_HEADER] = this.options.clientId;
        if (init.pushNumber !== undefined) headers[PUSH_NUMBER_HEADER] = String(init.pushNumber);
      }
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return this.options.fetch(`${this.root}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    });
  }

  /** Documents changed since `checkpoint` (from the beginning when undefined). */
  async pull(checkpoint: string | undefined, limit: number, signal?: AbortSignalLike): Promise<PullAnswer> {
    let query = `limit=${limit}`;
    if (checkpoint !== undefined) query += `&checkpoint=${encodeURIComponent(checkpoint)}`;
    const res = await this.send(`/pull?${query}`, signal ? { signal } : {});
    const answer = JSON.parse(await res.text()) as Partial<PullAnswer>;
    if (!Array.isArray(answer.documents))
      throw new SyncHttpError(res.status, 'bad_answer', 'Pull answer has no documents');
    return {
      documents: answer.documents,
      checkpoint: typeof answer.checkpoint === 'string' ? answer.checkpoint : null,
    };
  }

  /**
   * Writes rows transactionally; returns the master state of each conflicting document. With
   * `echo`, the replication's own stream sends the written states back (see replicate.ts).
   */
  async push(rows: PushRow[], signal?: AbortSignalLike, echo = false): Promise<WireDocument[]> {
    const res = await this.send('/push', {
      method: 'POST',
      body: JSON.stringify(rows),
      ...(signal ? { signal } : {}),
      ...(echo ? { unnamed: true } : { pushNumber: (this.pushes += 1) }),
    });
    const conflicts = JSON.parse(await res.text()) as unknown;
    if (!Array.isArray(conflicts))
      throw new SyncHttpError(res.status, 'bad_answer', 'Push answer is not an array');
    return conflicts as WireDocument[];
  }

  /** Opens the live stream (text/event-stream). */
  openStream(signal: AbortSignalLike): Promise<FetchResponse> {
    return this.send('/stream', { accept: 'text/event-stream', signal });
  }
}

/** One collection on a shared stream: its schema version and the name of its replication. */
export interface SharedStreamPart {
  collection: string;
  schemaVersion: number;
  clientId?: string;
}

/**
 * The live changes of several collections on one connection (GET /api/sync/stream): a browser
 * holds only 6 HTTP/1.1 connections per server, so one stream per collection would leave none
 * for anything else. Each event names its collection in its SSE `event` field.
 */
export class SharedStreamApi {
  private readonly url: string;

  constructor(
    private readonly options: {
      baseUrl: string;
      tokens: AccessTokens;
      fetch: Fetch;
      parts: readonly SharedStreamPart[];
    },
  ) {
    const streams = options.parts
      .map((p) =>
        [p.collection, p.schemaVersion, ...(p.clientId !== undefined ? [p.clientId] : [])].join(':'),
      )
      .join(',');
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/api/sync/stream?streams=${encodeURIComponent(streams)}`;
  }

  openStream(signal: AbortSignalLike): Promise<FetchResponse> {
    return withRenewal(this.options.tokens, (token) =>
      this.options.fetch(this.url, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal,
      }),
    );
  }
}
