import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, validationError } from './problem.js';

/** Parses the JSON body with a zod schema; a non-JSON body is refused before that. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (req.body === undefined) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  const result = schema.safeParse(req.body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Parses the query string with a zod schema. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
