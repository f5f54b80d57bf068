import { describe, expect, it } from 'vitest';
import { budgetOf, totalsByCategory } from './expense-totals';

describe('totalsByCategory', () => {
  it('sums each category per currency, largest first, without converting', () => {
    const blocks = totalsByCategory([
      { amount: 12_000, currency: 'KRW', category: 'food' },
      { amount: 30_000, currency: 'KRW', category: 'lodging' },
      { amount: 8_000, currency: 'KRW', category: 'food' },
      { amount: 1_250, currency: 'USD', category: 'transport' },
    ]);
    expect(blocks).toEqual([
      {
        currency: 'KRW',
        total: 50_000,
        categories: [
          { category: 'lodging', amount: 30_000 },
          { category: 'food', amount: 20_000 },
        ],
      },
      { currency: 'USD', total: 1_250, categories: [{ category: 'transport', amount: 1_250 }] },
    ]);
  });

  it('is empty without expenses', () => {
    expect(totalsByCategory([])).toEqual([]);
  });

  it('orders equal amounts in the category order', () => {
    const [block] = totalsByCategory([
      { amount: 100, currency: 'KRW', category: 'other' },
      { amount: 100, currency: 'KRW', category: 'sightseeing' },
    ]);
    expect(block?.categories.map((entry) => entry.category)).toEqual(['sightseeing', 'other']);
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
      [
        { amount: 120_000, currency: 'KRW' },
        { amount: 30_000, currency: 'KRW' },
      ],
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
    expect(budgetOf(trip, [], [{ amount: 520_000, currency: 'KRW' }]).remaining).toBe(-20_000);
  });

  it('has nothing remaining without a budget', () => {
    expect(
      budgetOf({ currency: 'KRW', plannedBudget: null }, [], [{ amount: 1, currency: 'KRW' }]).remaining,
    ).toBeNull();
  });

  it('keeps amounts in other currencies apart', () => {
    const budget = budgetOf(
      trip,
      [{ cost: { amount: 5_000, currency: 'JPY' } }],
      [
        { amount: 2_000, currency: 'JPY' },
        { amount: 999, currency: 'USD' },
        { amount: 10_000, currency: 'KRW' },
      ],
    );
    expect(budget.spent).toBe(10_000);
    expect(budget.otherCurrencies).toEqual([
      { currency: 'JPY', stopCosts: 5_000, spent: 2_000 },
      { currency: 'USD', stopCosts: 0, spent: 999 },
    ]);
  });
});
