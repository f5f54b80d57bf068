import { z } from 'zod';

/** Stable machine-readable error codes carried by every problem+json answer. */
export const problemCodes = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'token_expired',
  'invalid_token',
  'invalid_credentials',
  'refresh_token_reused',
  /** 401: the refresh token's account was deleted; the device removes its local copy. */
  'account_deleted',
  'forbidden',
  'not_found',
  'conflict',
  'email_taken',
  'invalid_reset_token',
  'origin_not_allowed',
  'account_deletion_choice_required',
  'invalid_choice',
  'rate_limited',
  'upgrade_required',
  'not_ready',
  'internal_error',
] as const;
export type ProblemCode = (typeof problemCodes)[number] | (string & {});

/** RFC 9457 problem details as answered by the server. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
