import {
  applicableRate,
  crossRate,
  currencyFractionDigits,
  currencySchema,
  fromMinorUnits,
  RATE_VALUE_PATTERN,
  rateValueSchema,
  toMinorUnits,
  tripAmountOf,
  type CapturedRate,
  type Category,
  type Expense,
  type ExchangeRateSource,
  type RatesAgainstBase,
  type Trip,
} from '@hamgaja/shared';

/** What the expense form holds while the user types (the amount as typed, in major units). */
export type ExpenseDraft = {
  amount: string;
  currency: string;
  paidBy: string;
  splitAmong: string[];
  category: Category;
  date: string;
  stopId: string | null;
  note: string;
  /** 1 `currency` = `rate` of the trip's currency, as typed or filled in ('' in the trip's currency). */
  rate: string;
  /** Where `rate` came from: the device's feed rates, or typed by the user. */
  rateSource: ExchangeRateSource;
  /** The feed's rate date, or the date a kept typed rate got; null = typed now (dated on saving). */
  rateDate: string | null;
};

export type ExpenseFields = Omit<Expense, 'id' | 'tripId' | 'conflicts'>;

export type DraftProblems = Partial<
  Record<
    'amount' | 'currency' | 'paidBy' | 'splitAmong' | 'date' | 'note' | 'rate',
    'required' | 'invalid' | 'outsideTrip' | 'tooLong'
  >
>;

export const NOTE_MAX = 2000;

/** Currencies offered first; the trip's own currency always leads. */
export const commonCurrencies = [
  'KRW',
  'USD',
  'JPY',
  'EUR',
  'CNY',
  'GBP',
  'TWD',
  'HKD',
  'THB',
  'VND',
  'SGD',
  'AUD',
  'CAD',
];

/**
 * "12,000" / "12.50" → minor units of `currency`, or null when it isn't a positive
 * amount with at most the currency's decimals (KRW has none, USD two).
 */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,_]/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(cleaned)) return null;
  const decimals = cleaned.split('.')[1]?.length ?? 0;
  if (decimals > currencyFractionDigits(currency)) return null;
  const minor = toMinorUnits(Number(cleaned), currency);
  if (!Number.isSafeInteger(minor) || minor < 1) return null;
  return minor;
}

/** The amount as the form shows it (no grouping, the currency's decimals). */
export function formatAmountInput(minor: number, currency: string): string {
  return fromMinorUnits(minor, currency).toFixed(currencyFractionDigits(currency));
}

/** The device's calendar date (its own time zone). */
export function localDate(today = new Date()): string {
  return new Date(today.getTime() - today.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Today (device time zone) moved into the trip's dates. */
export function defaultExpenseDate(trip: Pick<Trip, 'startDate' | 'endDate'>, today = new Date()): string {
  const local = localDate(today);
  if (local < trip.startDate) return trip.startDate;
  if (local > trip.endDate) return trip.endDate;
  return local;
}

/**
 * A typed rate as stored: "1,456.78" → "1456.78", ",5" no; null when it is not a positive
 * decimal an expense can hold (at most 12 digits either side of the point).
 */
export function parseRate(text: string): string | null {
  let cleaned = text.replace(/[\s,_]/g, '');
  if (cleaned.startsWith('.')) cleaned = `0${cleaned}`;
  cleaned = cleaned.replace(/^0+(?=\d)/, '');
  if (!RATE_VALUE_PATTERN.test(cleaned)) return null;
  return rateValueSchema.safeParse(cleaned).success ? cleaned : null;
}

/** The rate this device's feed rates give from `currency` to `tripCurrency` (cross rate via the base). */
export function suggestedRate(
  rates: (RatesAgainstBase & { date: string | null }) | null,
  currency: string,
  tripCurrency: string,
): { value: string; date: string } | null {
  if (!rates?.date || currency === tripCurrency) return null;
  const value = crossRate(rates, currency, tripCurrency);
  return value ? { value, date: rates.date } : null;
}

/** The rate part of a draft for `currency`: filled from the device's rates when it has them. */
export function rateDraftFor(
  currency: string,
  tripCurrency: string,
  rates: (RatesAgainstBase & { date: string | null }) | null,
): Pick<ExpenseDraft, 'rate' | 'rateSource' | 'rateDate'> {
  const suggestion = suggestedRate(rates, currency, tripCurrency);
  return suggestion
    ? { rate: suggestion.value, rateSource: 'feed', rateDate: suggestion.date }
    : { rate: '', rateSource: 'manual', rateDate: null };
}

/** Checks a draft; returns the fields to store when everything is right. */
export function validateDraft(
  draft: ExpenseDraft,
  trip: Pick<Trip, 'startDate' | 'endDate' | 'currency'>,
  today = new Date(),
): { problems: DraftProblems; fields: ExpenseFields | null } {
  const problems: DraftProblems = {};
  const currencyOk = currencySchema.safeParse(draft.currency).success;
  if (!currencyOk) problems.currency = 'invalid';
  const amount = currencyOk ? parseAmount(draft.amount, draft.currency) : null;
  if (!draft.amount.trim()) problems.amount = 'required';
  else if (amount === null) problems.amount = 'invalid';
  if (!draft.paidBy) problems.paidBy = 'required';
  const splitAmong = [...new Set(draft.splitAmong)];
  if (splitAmong.length === 0) problems.splitAmong = 'required';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) problems.date = 'required';
  else if (draft.date < trip.startDate || draft.date > trip.endDate) problems.date = 'outsideTrip';
  if (draft.note.length > NOTE_MAX) problems.note = 'tooLong';
  let rate: CapturedRate | null = null;
  if (currencyOk && draft.currency !== trip.currency) {
    const value = parseRate(draft.rate);
    if (!draft.rate.trim()) problems.rate = 'required';
    else if (value === null) problems.rate = 'invalid';
    else {
      rate = {
        to: trip.currency,
        value,
        source: draft.rateSource,
        // A kept rate keeps its date; a newly typed one is dated today.
        date: draft.rateDate ?? localDate(today),
      };
      // A rate so large the converted amount cannot be counted.
      if (amount !== null && tripAmountOf({ amount, currency: draft.currency, rate }, trip.currency) === null)
        problems.rate = 'invalid';
    }
  }
  if (Object.keys(problems).length > 0 || amount === null) return { problems, fields: null };
  return {
    problems,
    fields: {
      amount,
      currency: draft.currency,
      rate,
      paidBy: draft.paidBy,
      splitAmong,
      category: draft.category,
      date: draft.date,
      stopId: draft.stopId,
      note: draft.note.trim(),
    },
  };
}

/**
 * The form's starting point for an existing expense: its captured rate, or (when none applies
 * to the trip's currency) the device's rate to start from.
 */
export function draftOf(
  expense: Expense,
  tripCurrency: string,
  rates: (RatesAgainstBase & { date: string | null }) | null = null,
): ExpenseDraft {
  const captured = applicableRate(expense, tripCurrency) !== null ? expense.rate : null;
  const rate =
    expense.currency === tripCurrency
      ? { rate: '', rateSource: 'manual' as const, rateDate: null }
      : captured
        ? { rate: captured.value, rateSource: captured.source, rateDate: captured.date }
        : rateDraftFor(expense.currency, tripCurrency, rates);
  return {
    ...rate,
    amount: formatAmountInput(expense.amount, expense.currency),
    currency: expense.currency,
    paidBy: expense.paidBy,
    splitAmong: [...expense.splitAmong],
    category: expense.category,
    date: expense.date,
    stopId: expense.stopId,
    note: expense.note,
  };
}
