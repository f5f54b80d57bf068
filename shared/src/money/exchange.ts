/**
 * Conversion between currencies with exact decimal arithmetic (BigInt), so every device turns
 * the same expense into the same number of minor units of the trip's currency.
 *
 * Rules:
 * - An expense converts with the rate captured on it (`Expense.rate`), never with today's rate.
 * - Conversion: trip minor units = amount × rate, scaled between the two currencies' minor
 *   units (ISO table), rounded half up (away from zero) to a whole minor unit of the trip's
 *   currency. Each expense is rounded once; totals and settle-up add the rounded amounts, so
 *   they are whole minor units and balances sum to zero exactly.
 * - A cross rate from a feed quoted against one base (ECB: 1 EUR = x) is quote ÷ base,
 *   rounded half up to CROSS_RATE_SIGNIFICANT_DIGITS significant digits (the ECB publishes
 *   5 or 6, so more would be noise).
 */
import { currencyFractionDigits, RATE_VALUE_PATTERN, type Expense } from '../sync/documents.js';

/** Significant digits kept in a cross rate. */
export const CROSS_RATE_SIGNIFICANT_DIGITS = 6;

/** A decimal as digits × 10^-scale. */
type Decimal = { digits: bigint; scale: number };

function parseDecimal(value: string): Decimal {
  if (!RATE_VALUE_PATTERN.test(value)) throw new RangeError(`"${value}" is not a decimal rate`);
  const [whole = '0', fraction = ''] = value.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** numerator ÷ denominator rounded half up to an integer (both positive). */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** The decimal text of digits × 10^-scale, without trailing zeros ("9.1200" → "9.12"). */
function decimalText(digits: bigint, scale: number): string {
  const text = digits.toString().padStart(scale + 1, '0');
  if (scale === 0) return text;
  const whole = text.slice(0, -scale);
  const fraction = text.slice(-scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * `amount` minor units of `from` in minor units of `to`, at `rate` (1 `from` = rate `to`),
 * rounded half up. KRW→JPY: 10000 × 0.1097 = 1097; JPY→USD at 0.0067: 1000 → 670 (6.70).
 */
export function convertMinorUnits(amount: number, from: string, to: string, rate: string): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`);
  const { digits, scale } = parseDecimal(rate);
  const shift = currencyFractionDigits(to) - currencyFractionDigits(from);
  let numerator = BigInt(amount) * digits;
  let denominator = 10n ** BigInt(scale);
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  const converted = divideRounded(numerator, denominator);
  if (converted > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('converted amount is too large');
  return Number(converted);
}

/**
 * The rate that applies to `expense` in a trip kept in `tripCurrency`: "1" for the trip's own
 * currency, the captured rate when it was captured to that currency, otherwise null (missing:
 * the app asks for one).
 */
export function applicableRate(
  expense: Pick<Expense, 'currency' | 'rate'>,
  tripCurrency: string,
): string | null {
  if (expense.currency === tripCurrency) return '1';
  return expense.rate && expense.rate.to === tripCurrency ? expense.rate.value : null;
}

/** The expense in minor units of the trip's currency, or null when no (usable) rate applies. */
export function tripAmountOf(
  expense: Pick<Expense, 'amount' | 'currency' | 'rate'>,
  tripCurrency: string,
): number | null {
  const rate = applicableRate(expense, tripCurrency);
  if (rate === null) return null;
  try {
    return convertMinorUnits(expense.amount, expense.currency, tripCurrency, rate);
  } catch {
    return null; // beyond any real amount: treated as a rate that needs fixing
  }
}

/** Rates against one base currency, as the server's GET /rates answers them (1 base = x quote). */
export type RatesAgainstBase = { base: string; rates: Readonly<Record<string, string>> };

/**
 * 1 `from` in `to` from rates quoted against one base (cross rate via the base), rounded half
 * up to CROSS_RATE_SIGNIFICANT_DIGITS significant digits; null when a currency is not quoted.
 */
export function crossRate(table: RatesAgainstBase, from: string, to: string): string | null {
  if (from === to) return '1';
  const per = (code: string) => (code === table.base ? '1' : table.rates[code]);
  const fromRate = per(from);
  const toRate = per(to);
  if (!fromRate || !toRate) return null;
  const a = parseDecimal(toRate);
  const b = parseDecimal(fromRate);
  if (a.digits === 0n || b.digits === 0n) return null;
  // 1 from = (a.digits / 10^a.scale) / (b.digits / 10^b.scale) to.
  const numerator = a.digits * 10n ** BigInt(b.scale);
  const denominator = b.digits * 10n ** BigInt(a.scale);
  const low = 10n ** BigInt(CROSS_RATE_SIGNIFICANT_DIGITS - 1);
  const high = low * 10n;
  // q · 10^e as [numerator, denominator]; e is chosen so that low <= q · 10^e < high.
  const scaled = (e: number): [bigint, bigint] =>
    e >= 0 ? [numerator * 10n ** BigInt(e), denominator] : [numerator, denominator * 10n ** BigInt(-e)];
  const floorOf = (e: number) => {
    const [n, d] = scaled(e);
    return n / d;
  };
  let e = 0;
  while (floorOf(e) < low) e += 1;
  while (floorOf(e) >= high) e -= 1;
  let rounded = divideRounded(...scaled(e));
  if (rounded === high) {
    rounded /= 10n;
    e -= 1;
  }
  const text = e < 0 ? (rounded * 10n ** BigInt(-e)).toString() : decimalText(rounded, e);
  // Beyond what an expense can store (12 digits either side of the point): meaningless anyway.
  return RATE_VALUE_PATTERN.test(text) ? text : null;
}

/** The rate with at most `maxDecimals` decimals (for showing: "9.1234" → "9.12" at 2). */
export function roundRate(rate: string, maxDecimals: number): string {
  const { digits, scale } = parseDecimal(rate);
  if (scale <= maxDecimals) return decimalText(digits, scale);
  return decimalText(divideRounded(digits, 10n ** BigInt(scale - maxDecimals)), maxDecimals);
}
