import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import { AppError } from './problem.js';

/** A per-IP limit answering 429 problem+json with Retry-After (seconds until the window resets). */
export function limitPerIp(limit: number, windowMs: number, what: string) {
  return rateLimit({
    windowMs,
    limit,
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
