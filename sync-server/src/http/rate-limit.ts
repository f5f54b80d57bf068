import { rateLimit } from 'express-rate-limit';
import { AppError } from './problem.js';

/** A per-IP limit answering 429 problem+json with Retry-After. */
export function limitPerIp(limit: number, windowMs: number, what: string) {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      next(
        new AppError(429, 'rate_limited', `Too many ${what} attempts; try again later`, undefined, {
          'Retry-After': String(Math.ceil(options.windowMs / 1000)),
        }),
      );
    },
  });
}
