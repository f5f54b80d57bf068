import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { unauthenticated } from '../http/problem.js';
import { verifyAccessToken, type AccessClaims } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AccessClaims;
  }
}

/** Reads the bearer token from the Authorization header; the scheme is case-insensitive (RFC 9110). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer +([A-Za-z0-9._~+/=-]+) *$/i);
  return match?.[1];
}

/** requireAuth: the request carries a valid access token; sets req.auth. */
export function requireAuth(config: Config): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next(unauthenticated('Send an access token as "Authorization: Bearer <token>"'));
    req.auth = verifyAccessToken(config.jwtSecret, token);
    next();
  };
}

/** The authenticated caller; only valid behind requireAuth. */
export function caller(req: { auth?: AccessClaims }): AccessClaims {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
