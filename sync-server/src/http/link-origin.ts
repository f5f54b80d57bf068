import type { Config } from '../config.js';
import { AppError } from './problem.js';

/** Addresses a server listening on every interface (HOST=0.0.0.0 / ::) names itself by. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Every origin this server may put in a link it mails: PUBLIC_URL's, the CORS origins (the web
 * apps allowed to call it) and its own address (loopback names and HOST, on PORT).
 */
export function linkOrigins(
  config: Pick<Config, 'publicUrl' | 'corsOrigins' | 'host' | 'port'>,
): Set<string> {
  const hosts = new Set(LOOPBACK_HOSTS);
  if (config.host && config.host !== '0.0.0.0' && config.host !== '::')
    hosts.add(config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host);
  const origins = new Set([new URL(config.publicUrl).origin, ...config.corsOrigins]);
  for (const host of hosts) {
    try {
      origins.add(new URL(`http://${host}:${config.port}`).origin);
    } catch {
      // Not a host name a URL can hold: no link can point there either.
    }
  }
  return origins;
}

/**
 * Where links in a mail point: the origin the user asked from when this server serves it, else
 * PUBLIC_URL. An origin of anyone else's (a stranger asking for a reset link to evil.example) is
 * refused, so the server never mails a link to a site it does not serve.
 */
export function linkBase(
  config: Pick<Config, 'publicUrl' | 'corsOrigins' | 'host' | 'port'>,
  requested: string | undefined,
): string {
  if (requested === undefined) return config.publicUrl;
  let origin: string | undefined;
  try {
    const url = new URL(requested);
    // Exactly an origin (scheme://host[:port]), nothing more.
    if (/^https?:$/.test(url.protocol) && url.origin === requested.replace(/\/$/, '')) origin = url.origin;
  } catch {
    origin = undefined;
  }
  if (!origin || !linkOrigins(config).has(origin))
    throw new AppError(400, 'origin_not_allowed', 'Links cannot point to this origin', [
      { path: 'origin', message: 'not an origin this server serves' },
    ]);
  // PUBLIC_URL may carry a path (https://example.com/hamgaja): keep it for its own origin.
  return origin === new URL(config.publicUrl).origin ? config.publicUrl : origin;
}
