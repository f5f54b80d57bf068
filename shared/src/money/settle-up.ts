/**
 * Who owes whom. Amounts are integers in the minor unit of one currency, so every sum is exact.
 * A trip settles in its own currency: each expense is converted once with the rate captured on
 * it (./exchange.ts, rounded to a whole minor unit) and then split, so the balances still sum
 * to zero exactly.
 */
import type { Expense } from '../sync/documents.js';
import { tripAmountOf } from './exchange.js';

export type SharedCost = { amount: number; paidBy: string; splitAmong: readonly string[] };
/** Positive: the person gets money back; negative: they owe. */
export type Balances = Map<string, number>;
export type Transfer = { from: string; to: string; amount: number };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Equal shares of `amount`; the minor units that don't divide evenly go one each to the first
 * people in id order, so the shares always add up to `amount` exactly.
 */
export function splitEqually(amount: number, people: readonly string[]): Map<string, number> {
  const unique = [...new Set(people)].sort(byId);
  const shares = new Map<string, number>();
  if (unique.length === 0) return shares;
  const base = Math.floor(amount / unique.length);
  const remainder = amount - base * unique.length;
  unique.forEach((person, index) => shares.set(person, base + (index < remainder ? 1 : 0)));
  return shares;
}

/** Paid minus share for everyone involved; the balances of a set of costs sum to zero. */
export function balancesOf(costs: readonly SharedCost[]): Balances {
  const balances: Balances = new Map();
  const add = (person: string, amount: number) => balances.set(person, (balances.get(person) ?? 0) + amount);
  for (const cost of costs) {
    if (cost.splitAmong.length === 0) continue;
    add(cost.paidBy, cost.amount);
    for (const [person, share] of splitEqually(cost.amount, cost.splitAmong)) add(person, -share);
  }
  return balances;
}

/** Settles a group whose balances sum to zero: largest debtor pays largest creditor, ≤ n−1 transfers. */
function settleGreedily(group: readonly (readonly [string, number])[]): Transfer[] {
  const creditors = group.filter(([, amount]) => amount > 0).map(([id, amount]) => ({ id, amount }));
  const debtors = group.filter(([, amount]) => amount < 0).map(([id, amount]) => ({ id, amount: -amount }));
  const order = (a: { id: string; amount: number }, b: { id: string; amount: number }) =>
    b.amount - a.amount || byId(a.id, b.id);
  const transfers: Transfer[] = [];
  while (creditors.length > 0 && debtors.length > 0) {
    creditors.sort(order);
    debtors.sort(order);
    const creditor = creditors[0];
    const debtor = debtors[0];
    if (!creditor || !debtor) break;
    const amount = Math.min(creditor.amount, debtor.amount);
    transfers.push({ from: debtor.id, to: creditor.id, amount });
    creditor.amount -= amount;
    debtor.amount -= amount;
    if (creditor.amount === 0) creditors.shift();
    if (debtor.amount === 0) debtors.shift();
  }
  return transfers;
}

/** Up to this many people owing or owed, the fewest possible transfers are found exactly. */
export const EXACT_SETTLE_LIMIT = 14;

/**
 * Splits the people into the largest number of groups that each sum to zero (a subset DP over
 * ≤ EXACT_SETTLE_LIMIT people): k groups settle in n − k transfers, the minimum possible.
 */
function zeroSumGroups(entries: readonly (readonly [string, number])[]): (readonly [string, number])[][] {
  const n = entries.length;
  const full = (1 << n) - 1;
  const sum = new Float64Array(1 << n);
  const best = new Int32Array(1 << n);
  for (let mask = 1; mask <= full; mask += 1) {
    const low = mask & -mask;
    const index = 31 - Math.clz32(low);
    sum[mask] = (sum[mask ^ low] ?? 0) + (entries[index]?.[1] ?? 0);
    let most = 0;
    for (let rest = mask; rest; rest &= rest - 1) {
      const bit = rest & -rest;
      most = Math.max(most, best[mask ^ bit] ?? 0);
    }
    best[mask] = most + (sum[mask] === 0 ? 1 : 0);
  }
  // Walk back: an order of the people whose prefix sums hit zero best[full] times.
  const order: number[] = [];
  let mask = full;
  while (mask) {
    const zero = sum[mask] === 0 ? 1 : 0;
    for (let rest = mask; rest; rest &= rest - 1) {
      const bit = rest & -rest;
      if ((best[mask ^ bit] ?? 0) + zero === best[mask]) {
        order.unshift(31 - Math.clz32(bit));
        mask ^= bit;
        break;
      }
    }
  }
  const groups: (readonly [string, number])[][] = [];
  let current: (readonly [string, number])[] = [];
  let running = 0;
  for (const index of order) {
    const entry = entries[index];
    if (!entry) continue;
    current.push(entry);
    running += entry[1];
    if (running === 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Transfers that settle everyone: each person pays or receives exactly their balance. With up to
 * EXACT_SETTLE_LIMIT people involved it is the fewest transfers possible; beyond that, at most n − 1.
 * @throws RangeError when the balances don't sum to zero
 */
export function settleUp(balances: Balances): Transfer[] {
  const entries = [...balances].filter(([, amount]) => amount !== 0).sort(([a], [b]) => byId(a, b));
  const total = entries.reduce((sum, [, amount]) => sum + amount, 0);
  if (total !== 0) throw new RangeError(`balances sum to ${total}, not 0`);
  if (entries.length === 0) return [];
  const groups = entries.length <= EXACT_SETTLE_LIMIT ? zeroSumGroups(entries) : [entries];
  return groups.flatMap(settleGreedily);
}

export type TripSettlement = {
  /** The trip's currency: every amount below is in its minor unit. */
  currency: string;
  balances: Balances;
  transfers: Transfer[];
  /** Expenses left out because no rate to the trip's currency was captured on them. */
  missingRate: string[];
};

/** Balances and transfers of a trip in its own currency (expenses converted at their captured rate). */
export function settleUpInTripCurrency(
  expenses: readonly Pick<Expense, 'id' | 'amount' | 'currency' | 'rate' | 'paidBy' | 'splitAmong'>[],
  tripCurrency: string,
): TripSettlement {
  const costs: SharedCost[] = [];
  const missingRate: string[] = [];
  for (const expense of expenses) {
    const amount = tripAmountOf(expense, tripCurrency);
    if (amount === null) missingRate.push(expense.id);
    else costs.push({ amount, paidBy: expense.paidBy, splitAmong: expense.splitAmong });
  }
  const balances = balancesOf(costs);
  return { currency: tripCurrency, balances, transfers: settleUp(balances), missingRate };
}
