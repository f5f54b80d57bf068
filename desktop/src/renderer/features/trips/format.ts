/**
 * Dates, money and durations as the user reads them. Formatters are cached per language: a
 * list of 1,000 trip cards must not build 2,000 Intl objects.
 */
import { currencyFractionDigits, fromMinorUnits } from '@hamgaja/shared';

const dateFormats = {
  /** "Apr 1, 2025" / "2025년 4월 1일" */
  medium: { year: 'numeric', month: 'short', day: 'numeric' },
  /** "Apr 1" / "4월 1일" */
  short: { month: 'short', day: 'numeric' },
  /** "Tue, Apr 1" / "4월 1일 (화)" */
  weekday: { month: 'short', day: 'numeric', weekday: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof dateFormats;

const dateCache = new Map<string, Intl.DateTimeFormat>();
const moneyCache = new Map<string, Intl.NumberFormat>();

function dateFormatter(language: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${language}|${style}`;
  let format = dateCache.get(key);
  if (!format) {
    // Trip dates are calendar dates: format them in UTC so no time zone shifts the day.
    format = new Intl.DateTimeFormat(language, { ...dateFormats[style], timeZone: 'UTC' });
    dateCache.set(key, format);
  }
  return format;
}

function isoDateToUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** A calendar date (YYYY-MM-DD) in the user's language. */
export function formatDate(iso: string, language: string, style: DateStyle = 'medium'): string {
  return dateFormatter(language, style).format(isoDateToUtc(iso));
}

/** "Apr 1 – 4, 2025" style range, as the language writes it. */
export function formatDateRange(start: string, end: string, language: string): string {
  const format = dateFormatter(language, 'medium');
  return start === end
    ? format.format(isoDateToUtc(start))
    : format.formatRange(isoDateToUtc(start), isoDateToUtc(end));
}

/** An amount in minor units of `currency`, e.g. 1234 USD -> "$12.34", 15000 KRW -> "₩15,000". */
export function formatMoney(minor: number, currency: string, language: string): string {
  const key = `${language}|${currency}`;
  let format = moneyCache.get(key);
  if (!format) {
    try {
      // The ISO table's minor units, not the runtime's: what is shown is what is stored.
      const digits = currencyFractionDigits(currency);
      format = new Intl.NumberFormat(language, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      format = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    }
    moneyCache.set(key, format);
  }
  return format.format(fromMinorUnits(minor, currency));
}

/** Today's calendar date on this device (display only: which trips are upcoming). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
