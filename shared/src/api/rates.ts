import { z } from 'zod';
import { currencySchema, isoDateSchema, isoDateTimeSchema, rateValueSchema } from '../sync/documents.js';

/**
 * Exchange rates the server keeps from its daily feed (GET /api/rates, public: ECB reference
 * rates are public data). Rates are quoted against `base`: 1 base = `rates[code]` code, as
 * decimal strings exactly as the feed published them. Clients keep the last answer for
 * offline use and derive cross rates with `crossRate` (../money/exchange.ts).
 *
 * `state`:
 * - `current`: the feed answered within the last refresh period;
 * - `stale`: the last refresh failed (or is overdue); these are the last good rates;
 * - `none`: no rates at all (RATES_URL unset and nothing stored, or the feed never answered).
 */
export const ratesStateSchema = z.enum(['current', 'stale', 'none']);
export type RatesState = z.infer<typeof ratesStateSchema>;

export const ratesResponseSchema = z.strictObject({
  base: currencySchema,
  /** The feed's rate date (the ECB publishes once per working day); null with no rates. */
  date: isoDateSchema.nullable(),
  /** When the server last got these rates from the feed. */
  fetchedAt: isoDateTimeSchema.nullable(),
  /** Where the rates come from, for showing ("ECB"); null with no rates. */
  source: z.string().min(1).max(40).nullable(),
  state: ratesStateSchema,
  rates: z.record(currencySchema, rateValueSchema),
});
export type RatesResponse = z.infer<typeof ratesResponseSchema>;
