import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { AppError } from '../http/problem.js';

const accessClaimsSchema = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  typ: z.literal('access'),
  iat: z.int(),
  exp: z.int(),
});
export type AccessClaims = { userId: string; sessionId: string };

const ISSUER = 'hamgaja';
/** No access token lives longer than this, whatever ACCESS_TOKEN_TTL_SECONDS says (config refuses more). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Clock difference tolerated between instances: on `iat`, and on the lifetime `exp - iat`. */
export const TOKEN_LEEWAY_SECONDS = 30;

/** Signs a short-lived access token (HS256) naming the user and the refresh-token family. */
export function signAccessToken(secret: string, ttlSeconds: number, claims: AccessClaims): string {
  return jwt.sign({ sid: claims.sessionId, typ: 'access' }, secret, {
    algorithm: 'HS256',
    subject: claims.userId,
    expiresIn: ttlSeconds,
    issuer: ISSUER,
    jwtid: randomUUID(),
  });
}

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails)
 * to parse it as a public key on every call, which costs more than the verification itself.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/**
 * Verifies an access token's signature and times; only HS256 is accepted, so `alg: none` and
 * RS/HS confusion fail. It must carry `iat` and `exp`, must not be issued in the future, and
 * must not live longer than `ttlSeconds` (the configured lifetime, capped at
 * MAX_ACCESS_TOKEN_TTL_SECONDS) plus TOKEN_LEEWAY_SECONDS. Whether its session is still open is
 * checked by the guard (sessions.ts).
 */
export function verifyAccessToken(
  secret: string,
  token: string,
  ttlSeconds = MAX_ACCESS_TOKEN_TTL_SECONDS,
): AccessClaims {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: ISSUER });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) {
      throw new AppError(401, 'token_expired', 'The access token has expired; refresh it', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token", error_description="expired"',
      });
    }
    throw invalidToken();
  }
  const parsed = accessClaimsSchema.safeParse(payload);
  if (!parsed.success) throw invalidToken();
  const { iat, exp } = parsed.data;
  const maxLifetime = Math.min(ttlSeconds, MAX_ACCESS_TOKEN_TTL_SECONDS) + TOKEN_LEEWAY_SECONDS;
  if (iat > Date.now() / 1000 + TOKEN_LEEWAY_SECONDS || exp - iat > maxLifetime) {
    throw invalidToken('The access token claims a lifetime this server never issues');
  }
  return { userId: parsed.data.sub, sessionId: parsed.data.sid };
}

/** 401 `invalid_token`: the client may try its refresh token once, then signs out. */
export function invalidToken(detail = 'The access token is not valid') {
  return new AppError(401, 'invalid_token', detail, undefined, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
}

/** An opaque random token: only its SHA-256 is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
