import { describe, expect, it } from 'vitest';
import type { Expense } from '@hamgaja/shared';
import {
  defaultExpenseDate,
  draftOf,
  formatAmountInput,
  parseAmount,
  parseRate,
  rateDraftFor,
  suggestedRate,
  validateDraft,
  type ExpenseDraft,
} from './expense-form';

const trip = { startDate: '2026-05-01', endDate: '2026-05-04', currency: 'KRW' };
const ecb = {
  base: 'EUR',
  date: '2026-12-04',
  rates: { JPY: '163.45', KRW: '1490.73', USD: '1.0512' },
};
const draft = (change: Partial<ExpenseDraft> = {}): ExpenseDraft => ({
  amount: '12,000',
  currency: 'KRW',
  paidBy: 'minji',
  splitAmong: ['minji', 'jun'],
  category: 'food',
  date: '2026-05-02',
  stopId: null,
  note: '  Dinner in Haeundae ',
  rate: '',
  rateSource: 'manual',
  rateDate: null,
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
        rate: null,
      },
    });
  });

  it('captures the rate of an expense in another currency: from the feed with its date, or typed today', () => {
    const yen = draft({
      amount: '1,500',
      currency: 'JPY',
      rate: '9.1204',
      rateSource: 'feed',
      rateDate: '2026-12-04',
    });
    expect(validateDraft(yen, trip).fields).toMatchObject({
      amount: 1_500,
      currency: 'JPY',
      rate: { to: 'KRW', value: '9.1204', source: 'feed', date: '2026-12-04' },
    });
    const typed = validateDraft(
      draft({ currency: 'JPY', amount: '1500', rate: ' 9.5 ', rateSource: 'manual', rateDate: null }),
      trip,
      new Date(2026, 4, 2, 12),
    );
    expect(typed.fields?.rate).toEqual({ to: 'KRW', value: '9.5', source: 'manual', date: '2026-05-02' });
    // A kept typed rate keeps its own date when the expense is saved again.
    expect(
      validateDraft(draft({ currency: 'JPY', rate: '9.5', rateDate: '2026-05-01' }), trip).fields?.rate?.date,
    ).toBe('2026-05-01');
  });

  it('asks for a rate in another currency, and refuses one that is not a positive number', () => {
    expect(validateDraft(draft({ currency: 'JPY', amount: '1500' }), trip).problems).toEqual({
      rate: 'required',
    });
    for (const rate of ['abc', '0', '-1', '1e3', '1.2.3']) {
      expect(validateDraft(draft({ currency: 'JPY', amount: '1500', rate }), trip).problems, rate).toEqual({
        rate: 'invalid',
      });
    }
    // A rate so large the converted amount cannot be counted.
    expect(
      validateDraft(draft({ currency: 'JPY', amount: '9000000000000', rate: '999999' }), trip).problems,
    ).toEqual({ rate: 'invalid' });
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
    // Well formed, but not a currency.
    expect(validateDraft(draft({ currency: 'WON' }), trip).problems).toEqual({
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
      rate: { to: 'KRW', value: '1400.5', source: 'manual', date: '2026-05-01' },
    };
    expect(draftOf(expense, 'KRW', ecb)).toEqual({
      rate: '1400.5',
      rateSource: 'manual',
      rateDate: '2026-05-01',
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

describe('rates in the form', () => {
  it('reads typed rates leniently and stores them exactly', () => {
    expect(parseRate('9.12')).toBe('9.12');
    expect(parseRate(' 1,456.78 ')).toBe('1456.78');
    expect(parseRate('.5')).toBe('0.5');
    expect(parseRate('009.1')).toBe('9.1');
    for (const bad of ['', '0', '0.00', '-2', 'abc', '1e3', '1.2.3', '1234567890123'])
      expect(parseRate(bad), bad).toBeNull();
  });

  it("suggests the cross rate of the device's feed rates, with their date", () => {
    // 1490.73 / 163.45 = 9.120403… → 6 significant digits, trailing zero dropped.
    expect(suggestedRate(ecb, 'JPY', 'KRW')).toEqual({ value: '9.1204', date: '2026-12-04' });
    expect(suggestedRate(ecb, 'TWD', 'KRW')).toBeNull();
    expect(suggestedRate(null, 'JPY', 'KRW')).toBeNull();
    expect(suggestedRate(ecb, 'KRW', 'KRW')).toBeNull();
    expect(rateDraftFor('JPY', 'KRW', ecb)).toEqual({
      rate: '9.1204',
      rateSource: 'feed',
      rateDate: '2026-12-04',
    });
    expect(rateDraftFor('TWD', 'KRW', ecb)).toEqual({ rate: '', rateSource: 'manual', rateDate: null });
  });

  it('starts an expense without a captured rate from the device rates (the form then asks to save it)', () => {
    const expense: Expense = {
      id: 'e2',
      tripId: 't1',
      amount: 1_500,
      currency: 'JPY',
      rate: null,
      paidBy: 'jun',
      splitAmong: ['jun'],
      category: 'food',
      date: '2026-05-01',
      stopId: null,
      note: '',
    };
    expect(draftOf(expense, 'KRW', ecb)).toMatchObject({ rate: '9.1204', rateSource: 'feed' });
    expect(draftOf(expense, 'KRW', null)).toMatchObject({ rate: '', rateSource: 'manual' });
    // Captured to another currency (the trip's changed since): not applicable any more.
    const moved = {
      ...expense,
      rate: { to: 'USD', value: '0.0067', source: 'feed' as const, date: '2026-05-01' },
    };
    expect(draftOf(moved, 'KRW', ecb)).toMatchObject({ rate: '9.1204', rateSource: 'feed' });
    expect(draftOf({ ...expense, currency: 'KRW' }, 'KRW', ecb)).toMatchObject({ rate: '', rateDate: null });
  });
});
