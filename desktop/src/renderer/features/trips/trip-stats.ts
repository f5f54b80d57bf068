/**
 * A trip's statistics and budget, derived from its stops and expenses every time (DESIGN:
 * totals are never stored twice, so they cannot drift from the items they sum).
 */
import { tripAmountOf, tripDayCount, type Expense, type Money, type Stop, type Trip } from '@hamgaja/shared';

export interface BudgetState {
  /** Planned budget in minor units of the trip currency. */
  planned: number;
  /** Planned budget minus the stop costs (negative = over budget). */
  remaining: number;
  /** Stop costs / budget, 0 when the budget is 0 and nothing costs anything. */
  ratio: number;
  over: boolean;
}

export interface TripStats {
  stopCount: number;
  dayCount: number;
  /** Distinct places: the same catalog attraction, or the same free place name, counts once. */
  placeCount: number;
  /** Sum of the stop costs in the trip currency (minor units). */
  cost: number;
  /** Stop costs in other currencies, one entry per currency (no exchange rates offline). */
  otherCosts: Money[];
  /** Sum of the stop costs per day (trip currency), index = day; stops outside the dates excluded. */
  costByDay: number[];
  /** Sum of the recorded expenses in the trip currency (each at the rate captured on it). */
  spent: number;
  /** Expenses with no captured rate to the trip currency, per currency (not added in). */
  otherSpent: Money[];
  /** Null when no budget is planned. */
  budget: BudgetState | null;
}

/** Adds `amount` to the running total of `currency` (in first-seen order). */
function addTo(totals: Map<string, number>, currency: string, amount: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + amount);
}

function others(totals: Map<string, number>, currency: string): Money[] {
  return [...totals]
    .filter(([code]) => code !== currency)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, amount]) => ({ currency: code, amount }));
}

/** The key that identifies "the same place" for the places count. */
export function placeKey(stop: Pick<Stop, 'place'>): string {
  const { attractionId, name } = stop.place;
  return attractionId ? `a:${attractionId}` : `n:${name.trim().toLocaleLowerCase()}`;
}

export function tripStats(
  trip: Pick<Trip, 'startDate' | 'endDate' | 'currency' | 'plannedBudget'>,
  stops: readonly Stop[],
  expenses: readonly Pick<Expense, 'amount' | 'currency' | 'rate'>[] = [],
): TripStats {
  const dayCount = Math.max(1, tripDayCount(trip.startDate, trip.endDate));
  const costByDay = new Array<number>(dayCount).fill(0);
  const costs = new Map<string, number>();
  const places = new Set<string>();
  for (const stop of stops) {
    places.add(placeKey(stop));
    if (!stop.cost) continue;
    addTo(costs, stop.cost.currency, stop.cost.amount);
    if (stop.cost.currency === trip.currency && stop.day < dayCount) {
      costByDay[stop.day] = (costByDay[stop.day] ?? 0) + stop.cost.amount;
    }
  }
  const spending = new Map<string, number>();
  for (const expense of expenses) {
    const converted = tripAmountOf(expense, trip.currency);
    if (converted === null) addTo(spending, expense.currency, expense.amount);
    else addTo(spending, trip.currency, converted);
  }

  const cost = costs.get(trip.currency) ?? 0;
  const planned = trip.plannedBudget;
  return {
    stopCount: stops.length,
    dayCount,
    placeCount: places.size,
    cost,
    otherCosts: others(costs, trip.currency),
    costByDay,
    spent: spending.get(trip.currency) ?? 0,
    otherSpent: others(spending, trip.currency),
    budget:
      planned === null
        ? null
        : {
            planned,
            remaining: planned - cost,
            ratio: planned > 0 ? cost / planned : cost > 0 ? Infinity : 0,
            over: cost > planned,
          },
  };
}

/** Stop costs per trip in the trip's own currency, for the trip cards (one pass over all stops). */
export function costsByTrip(
  stops: Iterable<{ tripId: string; cost: Money | null }>,
  currencyOf: (tripId: string) => string | undefined,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const stop of stops) {
    if (!stop.cost || stop.cost.currency !== currencyOf(stop.tripId)) continue;
    totals.set(stop.tripId, (totals.get(stop.tripId) ?? 0) + stop.cost.amount);
  }
  return totals;
}
