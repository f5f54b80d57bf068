import { categories, tripAmountOf, type Category, type Expense, type Stop, type Trip } from '@hamgaja/shared';

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Spending = Pick<Expense, 'amount' | 'currency' | 'rate'>;

export type CategoryTotals = {
  /** The trip's currency: every amount is in its minor unit. */
  currency: string;
  total: number;
  /** Categories with spending, largest first. */
  categories: { category: Category; amount: number }[];
  /** Expenses left out: no exchange rate to the trip's currency was captured on them. */
  missingRate: number;
};

/** Spending by category in the trip's currency (each expense at the rate captured on it). */
export function totalsByCategory(
  expenses: readonly (Spending & Pick<Expense, 'category'>)[],
  tripCurrency: string,
): CategoryTotals {
  const sums = new Map<Category, number>();
  let missingRate = 0;
  for (const expense of expenses) {
    const amount = tripAmountOf(expense, tripCurrency);
    if (amount === null) missingRate += 1;
    else sums.set(expense.category, (sums.get(expense.category) ?? 0) + amount);
  }
  return {
    currency: tripCurrency,
    total: [...sums.values()].reduce((sum, amount) => sum + amount, 0),
    categories: [...sums]
      .map(([category, amount]) => ({ category, amount }))
      .sort((a, b) => b.amount - a.amount || categories.indexOf(a.category) - categories.indexOf(b.category)),
    missingRate,
  };
}

/** What was spent in the trip's currency, and the amounts that could not be converted (no rate). */
export function spendingOf(
  expenses: readonly Spending[],
  tripCurrency: string,
): { spent: number; unconverted: { currency: string; amount: number }[] } {
  let spent = 0;
  const others = new Map<string, number>();
  for (const expense of expenses) {
    const amount = tripAmountOf(expense, tripCurrency);
    if (amount !== null) spent += amount;
    else others.set(expense.currency, (others.get(expense.currency) ?? 0) + expense.amount);
  }
  return {
    spent,
    unconverted: [...others]
      .sort(([a], [b]) => byCode(a, b))
      .map(([currency, amount]) => ({ currency, amount })),
  };
}

export type Budget = {
  /** The trip's currency: everything below is in its minor unit. */
  currency: string;
  /** The planned budget; null when none was set. */
  planned: number | null;
  /** The costs written on the stops (what the plan is expected to cost). */
  stopCosts: number;
  /** What was actually spent (the expenses, converted at the rate captured on each). */
  spent: number;
  /** planned − spent (negative = over budget); null without a budget. */
  remaining: number | null;
  /**
   * Amounts not added in: stop costs in other currencies (stops carry no rate) and expenses
   * without a captured rate to the trip's currency.
   */
  otherCurrencies: { currency: string; stopCosts: number; spent: number }[];
};

/** The budget as the costs stand: derived from stops and expenses every time, never stored. */
export function budgetOf(
  trip: Pick<Trip, 'currency' | 'plannedBudget'>,
  stops: readonly Pick<Stop, 'cost'>[],
  expenses: readonly Spending[],
): Budget {
  const others = new Map<string, { stopCosts: number; spent: number }>();
  const other = (currency: string) => {
    const entry = others.get(currency) ?? { stopCosts: 0, spent: 0 };
    others.set(currency, entry);
    return entry;
  };
  let stopCosts = 0;
  for (const stop of stops) {
    if (!stop.cost) continue;
    if (stop.cost.currency === trip.currency) stopCosts += stop.cost.amount;
    else other(stop.cost.currency).stopCosts += stop.cost.amount;
  }
  const { spent, unconverted } = spendingOf(expenses, trip.currency);
  for (const { currency, amount } of unconverted) other(currency).spent += amount;
  return {
    currency: trip.currency,
    planned: trip.plannedBudget,
    stopCosts,
    spent,
    remaining: trip.plannedBudget === null ? null : trip.plannedBudget - spent,
    otherCurrencies: [...others]
      .sort(([a], [b]) => byCode(a, b))
      .map(([currency, sums]) => ({ currency, ...sums })),
  };
}
