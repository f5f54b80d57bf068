// Types of delay-proxy.mjs (plain Node so `npm run bench:scale` runs without a compiler).

export interface DelayProxy {
  /** The port it listens on (127.0.0.1 unless told otherwise). */
  readonly port: number;
  /** Chunks and bytes handed on so far, both directions. */
  readonly forwarded: { chunks: number; bytes: number };
  close(): Promise<void>;
}

export function startDelayProxy(options: {
  target: { host: string; port: number };
  /** Added to every chunk, each way; 0 forwards at once. */
  delayMs: number;
  listen?: { host?: string; port?: number };
}): Promise<DelayProxy>;
