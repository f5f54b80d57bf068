import { describe, expect, it } from 'vitest';
import type { Expense } from '@hamgaja/shared';
import {
  defaultExpenseDate,
  draftOf,
  formatAmountInput,
  parseAmount,
  validateDraft,
  type ExpenseDraft,
} from './expense-form';

const trip = { startDate: '2026-05-01', endDate: '2026-05-04' };
const draft = (change: Partial<ExpenseDraft> = {}): ExpenseDraft => ({
  amount: '12,000',
  currency: 'KRW',
  paidBy: 'minji',
  splitAmong: ['minji', 'jun'],
  category: 'food',
  date: '2026-05-02',
  stopId: null,
  note: '  Dinner in Haeundae ',
  ...change,
});

describe('parseAmount', () => {
  it('reads amounts in the minor unit of the currency', () => {
    expect(parseAmount('12,000', 'KRW')).toBe(12_000);
    expect(parseAmount(' 12.5 ', 'USD')).toBe(1_250);
    expect(parseAmount('0.07', 'USD')).toBe(7);
    expect(parseAmount('1.234', 'BHD')).toBe(1_234);
  });

  it('refuses more decimals than the currency has, zero, negatives and words', () => {
    expect(parseAmount('12.5', 'KRW')).toBeNull();
    expect(parseAmount('1.005', 'USD')).toBeNull();
    expect(parseAmount('0', 'KRW')).toBeNull();
    expect(parseAmount('-5', 'KRW')).toBeNull();
    expect(parseAmount('abc', 'KRW')).toBeNull();
    expect(parseAmount('', 'KRW')).toBeNull();
  });

  it('round-trips with formatAmountInput', () => {
    expect(formatAmountInput(1_250, 'USD')).toBe('12.50');
    expect(formatAmountInput(12_000, 'KRW')).toBe('12000');
    expect(parseAmount(formatAmountInput(1_250, 'USD'), 'USD')).toBe(1_250);
  });
});

describe('validateDraft', () => {
  it('turns a good draft into the fields to store', () => {
    expect(validateDraft(draft(), trip)).toEqual({
      problems: {},
      fields: {
        amount: 12_000,
        currency: 'KRW',
        paidBy: 'minji',
        splitAmong: ['minji', 'jun'],
        category: 'food',
        date: '2026-05-02',
        stopId: null,
        note: 'Dinner in Haeundae',
      },
    });
  });

  it('names every problem at once', () => {
    const result = validateDraft(
      draft({ amount: '', paidBy: '', splitAmong: [], date: '2026-06-01', note: 'x'.repeat(2001) }),
      trip,
    );
    expect(result.fields).toBeNull();
    expect(result.problems).toEqual({
      amount: 'required',
      paidBy: 'required',
      splitAmong: 'required',
      date: 'outsideTrip',
      note: 'tooLong',
    });
  });

  it('calls an unreadable amount invalid and a missing date required', () => {
    expect(validateDraft(draft({ amount: '12.5' }), trip).problems).toEqual({ amount: 'invalid' });
    expect(validateDraft(draft({ date: '' }), trip).problems).toEqual({ date: 'required' });
    expect(validateDraft(draft({ currency: 'won' }), trip).problems).toEqual({
      currency: 'invalid',
      amount: 'invalid',
    });
  });

  it('drops a person ticked twice', () => {
    expect(validateDraft(draft({ splitAmong: ['jun', 'jun'] }), trip).fields?.splitAmong).toEqual(['jun']);
  });
});

describe('defaultExpenseDate', () => {
  it('is today inside the trip and the nearest trip day outside it', () => {
    expect(defaultExpenseDate(trip, new Date(2026, 4, 3, 12))).toBe('2026-05-03');
    expect(defaultExpenseDate(trip, new Date(2026, 0, 1, 12))).toBe('2026-05-01');
    expect(defaultExpenseDate(trip, new Date(2027, 0, 1, 12))).toBe('2026-05-04');
  });
});

describe('draftOf', () => {
  it('shows a stored expense in major units', () => {
    const expense: Expense = {
      id: 'e1',
      tripId: 't1',
      amount: 4_550,
      currency: 'USD',
      paidBy: 'jun',
      splitAmong: ['jun'],
      category: 'transport',
      date: '2026-05-01',
      stopId: 's1',
      note: 'Taxi',
    };
    expect(draftOf(expense)).toEqual({
      amount: '45.50',
      currency: 'USD',
      paidBy: 'jun',
      splitAmong: ['jun'],
      category: 'transport',
      date: '2026-05-01',
      stopId: 's1',
      note: 'Taxi',
    });
  });
});
