import {
  currencyFractionDigits,
  currencySchema,
  fromMinorUnits,
  toMinorUnits,
  type Category,
  type Expense,
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
};

export type ExpenseFields = Omit<Expense, 'id' | 'tripId' | 'conflicts'>;

export type DraftProblems = Partial<
  Record<
    'amount' | 'currency' | 'paidBy' | 'splitAmong' | 'date' | 'note',
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

/** Today (device time zone) moved into the trip's dates. */
export function defaultExpenseDate(trip: Pick<Trip, 'startDate' | 'endDate'>, today = new Date()): string {
  const local = new Date(today.getTime() - today.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  if (local < trip.startDate) return trip.startDate;
  if (local > trip.endDate) return trip.endDate;
  return local;
}

/** Checks a draft; returns the fields to store when everything is right. */
export function validateDraft(
  draft: ExpenseDraft,
  trip: Pick<Trip, 'startDate' | 'endDate'>,
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
  if (Object.keys(problems).length > 0 || amount === null) return { problems, fields: null };
  return {
    problems,
    fields: {
      amount,
      currency: draft.currency,
      paidBy: draft.paidBy,
      splitAmong,
      category: draft.category,
      date: draft.date,
      stopId: draft.stopId,
      note: draft.note.trim(),
    },
  };
}

/** The form's starting point for an existing expense. */
export function draftOf(expense: Expense): ExpenseDraft {
  return {
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
