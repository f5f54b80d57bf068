// Types of render.mjs (plain Node so the web image build can run it without a compiler).

export type Upstream = string | { host?: string; port: number };

export interface UpstreamPolicy {
  /** Failed attempts before an instance is skipped for failTimeout (default 2). */
  maxFails?: number | string;
  /** e.g. "10s" (default). */
  failTimeout?: string;
}

export interface RenderOptions extends UpstreamPolicy {
  /** Writable directory that will hold the config, logs, pid and temp files. */
  prefix: string;
  /** Plain HTTP `listen` value: a port or address:port. */
  listen: string | number;
  /** The sync-server instances. */
  upstreams: Upstream[];
  /** Directory holding the built SPA (index.html). */
  webRoot: string;
  /** server_name (default `_`, any host). */
  serverName?: string;
  /** Adds the HTTPS server (HSTS only there); plain HTTP then redirects unless redirectHttp is false. */
  tls?: { listen: string | number; certificate: string; certificateKey: string; redirectHttp?: boolean };
  /** Worker user when the master runs as root. */
  user?: string;
  workerProcesses?: number | string;
  errorLogLevel?: string;
  /** Path to Nginx's mime.types (found in the usual places by default). */
  mimeTypes?: string;
}

export interface RenderedConfig {
  prefix: string;
  confPath: string;
  /** Arguments for `nginx` (add `-t` to test, `-g 'daemon off;'` to run in the foreground). */
  args: string[];
}

export function substitute(
  template: string,
  vars: Record<string, string | number | undefined | null>,
): string;
export function upstreamServers(upstreams: Upstream[], policy?: UpstreamPolicy): string;
export function renderNginx(options: RenderOptions): RenderedConfig;
