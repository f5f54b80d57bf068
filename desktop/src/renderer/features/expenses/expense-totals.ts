import { categories, type Category, type Expense, type Stop, type Trip } from '@hamgaja/shared';

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type CategoryTotals = {
  currency: string;
  total: number;
  /** Categories with spending, largest first. */
  categories: { category: Category; amount: number }[];
};

/** Spending by category, one block per currency (nothing is converted). */
export function totalsByCategory(
  expenses: readonly Pick<Expense, 'amount' | 'currency' | 'category'>[],
): CategoryTotals[] {
  const byCurrency = new Map<string, Map<Category, number>>();
  for (const expense of expenses) {
    const sums = byCurrency.get(expense.currency) ?? new Map<Category, number>();
    sums.set(expense.category, (sums.get(expense.category) ?? 0) + expense.amount);
    byCurrency.set(expense.currency, sums);
  }
  return [...byCurrency]
    .sort(([a], [b]) => byCode(a, b))
    .map(([currency, sums]) => ({
      currency,
      total: [...sums.values()].reduce((sum, amount) => sum + amount, 0),
      categories: [...sums]
        .map(([category, amount]) => ({ category, amount }))
        .sort(
          (a, b) => b.amount - a.amount || categories.indexOf(a.category) - categories.indexOf(b.category),
        ),
    }));
}

export type Budget = {
  /** The trip's currency: everything below is in its minor unit. */
  currency: string;
  /** The planned budget; null when none was set. */
  planned: number | null;
  /** The costs written on the stops (what the plan is expected to cost). */
  stopCosts: number;
  /** What was actually spent (the expenses). */
  spent: number;
  /** planned − spent (negative = over budget); null without a budget. */
  remaining: number | null;
  /** Amounts in other currencies, not added in (no exchange rates offline). */
  otherCurrencies: { currency: string; stopCosts: number; spent: number }[];
};

/** The budget as the costs stand: derived from stops and expenses every time, never stored. */
export function budgetOf(
  trip: Pick<Trip, 'currency' | 'plannedBudget'>,
  stops: readonly Pick<Stop, 'cost'>[],
  expenses: readonly Pick<Expense, 'amount' | 'currency'>[],
): Budget {
  const others = new Map<string, { stopCosts: number; spent: number }>();
  const other = (currency: string) => {
    const entry = others.get(currency) ?? { stopCosts: 0, spent: 0 };
    others.set(currency, entry);
    return entry;
  };
  let stopCosts = 0;
  let spent = 0;
  for (const stop of stops) {
    if (!stop.cost) continue;
    if (stop.cost.currency === trip.currency) stopCosts += stop.cost.amount;
    else other(stop.cost.currency).stopCosts += stop.cost.amount;
  }
  for (const expense of expenses) {
    if (expense.currency === trip.currency) spent += expense.amount;
    else other(expense.currency).spent += expense.amount;
  }
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
