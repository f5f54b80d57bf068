import type { Request } from 'express';
import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import { AppError } from './problem.js';

/** A per-IP limit answering 429 problem+json with Retry-After (seconds until the window resets). */
export function limitPerIp(limit: number, windowMs: number, what: string) {
  return limitBy(limit, windowMs, what);
}

/** The same per signed-in user (after requireAuth): `userOf` names whose budget a request spends. */
export function limitPerUser(
  limit: number,
  windowMs: number,
  what: string,
  userOf: (req: Request) => string,
) {
  return limitBy(limit, windowMs, what, userOf);
}

function limitBy(limit: number, windowMs: number, what: string, key?: (req: Request) => string) {
  return rateLimit({
    windowMs,
    limit,
    ...(key ? { keyGenerator: key } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime?.getTime();
      const waitMs = resetTime ? resetTime - Date.now() : windowMs;
      next(
        new AppError(429, 'rate_limited', `Too many ${what} attempts; try again later`, undefined, {
          'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
        }),
      );
    },
  });
}
