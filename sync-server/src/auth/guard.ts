import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import { unauthenticated } from '../http/problem.js';
import type { Sessions } from './sessions.js';
import { verifyAccessToken, type AccessClaims } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AccessClaims;
  }
  interface Locals {
    /** Open sessions of this server (set by createApp); requireAuth checks every token's session. */
    sessions?: Sessions;
  }
}

/** Reads the bearer token from the Authorization header; the scheme is case-insensitive (RFC 9110). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer +([A-Za-z0-9._~+/=-]+) *$/i);
  return match?.[1];
}

/**
 * requireAuth: the request carries a valid access token (signature, `iat`/`exp`, lifetime) whose
 * session is still open (see sessions.ts: cached a few seconds, ended sessions announced to
 * every instance); sets req.auth. Anything else is 401 problem+json.
 *
 * `sessionMayHaveEnded` skips the session check; only logout uses it, so that logging out an
 * already ended session stays a harmless no-op.
 */
export function requireAuth(config: Config, options: { sessionMayHaveEnded?: boolean } = {}): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated('Send an access token as "Authorization: Bearer <token>"');
    const claims = verifyAccessToken(config.jwtSecret, token, config.accessTokenTtlSeconds);
    if (!options.sessionMayHaveEnded) await sessionsOf(req).assertOpen(claims);
    req.auth = claims;
    next();
  };
}

function sessionsOf(req: Request): Sessions {
  const sessions = req.app.locals.sessions;
  // Fail closed: an app built without sessions must not accept tokens unchecked.
  if (!sessions) throw new Error('requireAuth: app.locals.sessions is not set (see createApp)');
  return sessions;
}

/** The authenticated caller; only valid behind requireAuth. */
export function caller(req: { auth?: AccessClaims }): AccessClaims {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
