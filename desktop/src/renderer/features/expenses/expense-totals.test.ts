import { describe, expect, it } from 'vitest';
import type { CapturedRate } from '@hamgaja/shared';
import { budgetOf, spendingOf, totalsByCategory } from './expense-totals';

const toKrw = (value: string): CapturedRate => ({ to: 'KRW', value, source: 'feed', date: '2026-12-04' });
const krw = (amount: number) => ({ amount, currency: 'KRW', rate: null });

describe('totalsByCategory', () => {
  it('sums each category in the trip currency, each expense at its captured rate, largest first', () => {
    const block = totalsByCategory(
      [
        { ...krw(12_000), category: 'food' },
        { ...krw(30_000), category: 'lodging' },
        // 1,500 yen at 9.12 = 13,680 won.
        { amount: 1_500, currency: 'JPY', rate: toKrw('9.12'), category: 'food' },
        // 12.50 USD at 1418.1 = 17,726.25 → 17,726 won.
        { amount: 1_250, currency: 'USD', rate: toKrw('1418.1'), category: 'transport' },
      ],
      'KRW',
    );
    expect(block).toEqual({
      currency: 'KRW',
      total: 12_000 + 30_000 + 13_680 + 17_726,
      categories: [
        { category: 'lodging', amount: 30_000 },
        { category: 'food', amount: 25_680 },
        { category: 'transport', amount: 17_726 },
      ],
      missingRate: 0,
    });
  });

  it('leaves out (and counts) expenses without a rate to the trip currency', () => {
    const block = totalsByCategory(
      [
        { ...krw(1_000), category: 'food' },
        { amount: 500, currency: 'JPY', rate: null, category: 'food' },
        { amount: 500, currency: 'JPY', rate: { ...toKrw('9'), to: 'USD' }, category: 'food' },
      ],
      'KRW',
    );
    expect(block.total).toBe(1_000);
    expect(block.missingRate).toBe(2);
  });

  it('is empty without expenses', () => {
    expect(totalsByCategory([], 'KRW')).toEqual({
      currency: 'KRW',
      total: 0,
      categories: [],
      missingRate: 0,
    });
  });

  it('orders equal amounts in the category order', () => {
    const block = totalsByCategory(
      [
        { ...krw(100), category: 'other' },
        { ...krw(100), category: 'sightseeing' },
      ],
      'KRW',
    );
    expect(block.categories.map((entry) => entry.category)).toEqual(['sightseeing', 'other']);
  });
});

describe('spendingOf', () => {
  it('converts what it can and keeps the rest per currency', () => {
    expect(
      spendingOf(
        [
          krw(5_000),
          { amount: 1_000, currency: 'JPY', rate: toKrw('9.12') },
          { amount: 700, currency: 'USD', rate: null },
        ],
        'KRW',
      ),
    ).toEqual({ spent: 14_120, unconverted: [{ currency: 'USD', amount: 700 }] });
  });
});

describe('budgetOf', () => {
  const trip = { currency: 'KRW', plannedBudget: 500_000 };

  it('compares the budget with what the stops cost and what was spent', () => {
    const budget = budgetOf(
      trip,
      [
        { cost: { amount: 40_000, currency: 'KRW' } },
        { cost: null },
        { cost: { amount: 60_000, currency: 'KRW' } },
      ],
      [krw(120_000), krw(30_000)],
    );
    expect(budget).toEqual({
      currency: 'KRW',
      planned: 500_000,
      stopCosts: 100_000,
      spent: 150_000,
      remaining: 350_000,
      otherCurrencies: [],
    });
  });

  it('goes negative when spending passes the budget', () => {
    expect(budgetOf(trip, [], [krw(520_000)]).remaining).toBe(-20_000);
  });

  it('has nothing remaining without a budget', () => {
    expect(budgetOf({ currency: 'KRW', plannedBudget: null }, [], [krw(1)]).remaining).toBeNull();
  });

  it('adds expenses in other currencies at their captured rate; keeps the rest apart', () => {
    const budget = budgetOf(
      trip,
      [{ cost: { amount: 5_000, currency: 'JPY' } }],
      [
        { amount: 2_000, currency: 'JPY', rate: null },
        { amount: 999, currency: 'USD', rate: null },
        { amount: 3_000, currency: 'JPY', rate: toKrw('9.12') },
        krw(10_000),
      ],
    );
    expect(budget.spent).toBe(10_000 + 27_360);
    expect(budget.remaining).toBe(500_000 - 37_360);
    expect(budget.otherCurrencies).toEqual([
      { currency: 'JPY', stopCosts: 5_000, spent: 2_000 },
      { currency: 'USD', stopCosts: 0, spent: 999 },
    ]);
  });
});
