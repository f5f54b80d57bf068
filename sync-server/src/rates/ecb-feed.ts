import { z } from 'zod';
import { currencySchema, isoDateSchema, rateValueSchema } from '@hamgaja/shared';

/**
 * Reads an ECB-style reference-rates document (eurofxref-daily.xml, or the 90-day history,
 * whose newest day is taken):
 *
 *   <gesmes:Envelope …><Cube><Cube time="2026-12-04"><Cube currency="USD" rate="1.0512"/>…
 *
 * With a real XML parser (namespaces, quotes and whitespace as XML allows them), then checked
 * with zod: anything that is not such a document, or has no usable rate, is refused as a whole,
 * so a broken feed can never replace good rates.
 */
export const feedRatesSchema = z.strictObject({
  base: currencySchema,
  date: isoDateSchema,
  rates: z
    .record(currencySchema, rateValueSchema)
    .refine((rates) => Object.keys(rates).length > 0, 'no rates'),
});
export type FeedRates = z.infer<typeof feedRatesSchema>;

export class FeedError extends Error {}

/** The ECB quotes every currency against the euro. */
const ECB_BASE = 'EUR';

/**
 * Parses the feed text; rejects with FeedError (with a reason fit for the log) when it is not
 * usable. The XML parser loads with the first feed (a server without RATES_URL never needs it).
 */
export async function parseEcbFeed(xml: string): Promise<FeedRates> {
  const { SaxesParser } = await import('saxes');
  const days = new Map<string, Record<string, string>>();
  let day: Record<string, string> | null = null;
  let depth = 0;
  let dayDepth = -1;
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('opentag', (tag) => {
    depth += 1;
    if (tag.local !== 'Cube') return;
    const attribute = (name: string) => {
      const value = tag.attributes[name];
      return typeof value === 'string' ? value : value?.value;
    };
    const time = attribute('time');
    const currency = attribute('currency');
    const rate = attribute('rate');
    if (time !== undefined) {
      day = days.get(time.trim()) ?? {};
      days.set(time.trim(), day);
      dayDepth = depth;
    } else if (currency !== undefined && rate !== undefined && day) {
      day[currency.trim()] = rate.trim();
    }
  });
  parser.on('closetag', () => {
    if (depth === dayDepth) {
      day = null;
      dayDepth = -1;
    }
    depth -= 1;
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    throw new FeedError(`not well-formed XML (${(err as Error).message.split('\n')[0]})`);
  }
  const newest = [...days.keys()].sort().at(-1);
  if (newest === undefined) throw new FeedError('no <Cube time="…"> with rates');
  // A rate the app cannot use (unknown code, malformed number) is left out, not the whole day.
  const rates: Record<string, string> = {};
  for (const [code, value] of Object.entries(days.get(newest) ?? {})) {
    if (
      code !== ECB_BASE &&
      currencySchema.safeParse(code).success &&
      rateValueSchema.safeParse(value).success
    )
      rates[code] = value;
  }
  const parsed = feedRatesSchema.safeParse({ base: ECB_BASE, date: newest, rates });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeedError(`unusable rates (${issue?.path.join('.') || 'feed'}: ${issue?.message})`);
  }
  return parsed.data;
}
