/**
 * The few web-standard globals replication needs, typed here because `shared` compiles
 * without DOM or Node typings (it must run in browsers, Electron renderers and Node 22+).
 */

/** The subset of AbortSignal we use. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The subset of AbortController we use. */
export interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

/** A chunk reader over a streaming response body. */
export interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The subset of the Fetch API Response we use. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { getReader(): BodyReader } | null;
  text(): Promise<string>;
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignalLike;
}

/** `fetch` as the platform provides it (browser, Electron renderer, Node 18+). */
export type Fetch = (url: string, init?: FetchInit) => Promise<FetchResponse>;

interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

interface WebGlobals {
  fetch: Fetch;
  AbortController: new () => AbortControllerLike;
  TextDecoder: new (label?: string) => TextDecoderLike;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const web = globalThis as unknown as WebGlobals;

/** The platform fetch, called on globalThis (browsers throw "Illegal invocation" otherwise). */
export const platformFetch: Fetch = (url, init) => web.fetch(url, init);

export const newAbortController = (): AbortControllerLike => new web.AbortController();

export const newTextDecoder = (): TextDecoderLike => new web.TextDecoder('utf-8');

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      web.clearTimeout(handle);
      resolve();
    };
    const handle = web.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `callback` after `ms`; returns a function that cancels it. */
export function startTimer(ms: number, callback: () => void): () => void {
  const handle = web.setTimeout(callback, ms);
  return () => web.clearTimeout(handle);
}

interface EventTargetLike {
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
}

/**
 * Calls `callback` when the platform says the network is back (the window's `online` event in
 * browsers and Electron renderers; never in Node). Returns a function that stops listening.
 */
export function onNetworkBack(callback: () => void): () => void {
  const target = globalThis as unknown as EventTargetLike;
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function')
    return () => {};
  target.addEventListener('online', callback);
  return () => target.removeEventListener?.('online', callback);
}
