import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balancesOf,
  EXACT_SETTLE_LIMIT,
  settleUp,
  settleUpInTripCurrency,
  splitEqually,
  type Transfer,
} from './settle-up.js';
import { currencyCodes, currencyMinorDigits } from './currencies.js';
import { sampleExpense } from '../sync/test-fixtures.js';
import type { CapturedRate } from '../sync/documents.js';

/** Applies transfers to balances: a correct settlement brings everyone to zero. */
function afterTransfers(balances: Map<string, number>, transfers: readonly Transfer[]): Map<string, number> {
  const left = new Map(balances);
  for (const { from, to, amount } of transfers) {
    left.set(from, (left.get(from) ?? 0) + amount);
    left.set(to, (left.get(to) ?? 0) - amount);
  }
  return left;
}

const allZero = (balances: Map<string, number>) => [...balances.values()].every((amount) => amount === 0);

describe('splitEqually', () => {
  it('gives the leftover minor units one each to the first people in id order', () => {
    expect([...splitEqually(10_000, ['c', 'a', 'b'])]).toEqual([
      ['a', 3334],
      ['b', 3333],
      ['c', 3333],
    ]);
  });

  it('counts a person listed twice once', () => {
    expect([...splitEqually(100, ['a', 'a', 'b'])]).toEqual([
      ['a', 50],
      ['b', 50],
    ]);
  });

  it('always adds up to the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }),
        (amount, people) => {
          const shares = [...splitEqually(amount, people).values()];
          expect(shares.reduce((sum, share) => sum + share, 0)).toBe(amount);
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('balancesOf', () => {
  it('is what each person paid minus their share', () => {
    const balances = balancesOf([
      { amount: 30_000, paidBy: 'minji', splitAmong: ['minji', 'jun', 'sora'] },
      { amount: 12_000, paidBy: 'jun', splitAmong: ['jun', 'sora'] },
    ]);
    expect(Object.fromEntries(balances)).toEqual({ minji: 20_000, jun: -4_000, sora: -16_000 });
  });

  it('gives someone who paid for others only a credit', () => {
    expect(Object.fromEntries(balancesOf([{ amount: 5_000, paidBy: 'minji', splitAmong: ['jun'] }]))).toEqual(
      {
        minji: 5_000,
        jun: -5_000,
      },
    );
  });
});

describe('settleUp', () => {
  it('needs no transfer when everyone is even', () => {
    expect(
      settleUp(
        new Map([
          ['a', 0],
          ['b', 0],
        ]),
      ),
    ).toEqual([]);
    expect(settleUp(new Map())).toEqual([]);
  });

  it('has the debtors pay the creditor', () => {
    const balances = balancesOf([{ amount: 30_000, paidBy: 'minji', splitAmong: ['minji', 'jun', 'sora'] }]);
    expect(settleUp(balances)).toEqual([
      { from: 'jun', to: 'minji', amount: 10_000 },
      { from: 'sora', to: 'minji', amount: 10_000 },
    ]);
  });

  it('finds the fewest transfers where pairing the largest debtor with the largest creditor needs more', () => {
    // Largest-with-largest needs 5 transfers here; {a, b, d} and {c, e, f} each sum to zero: 2 + 2.
    const balances = new Map([
      ['a', 8],
      ['b', -3],
      ['c', 10],
      ['d', -7],
      ['e', 7],
      ['f', -15],
    ]);
    const transfers = settleUp(balances);
    expect(allZero(afterTransfers(balances, transfers))).toBe(true);
    expect(transfers).toHaveLength(4);
  });

  it('refuses balances that do not sum to zero', () => {
    expect(() =>
      settleUp(
        new Map([
          ['a', 5],
          ['b', -4],
        ]),
      ),
    ).toThrow(RangeError);
  });

  it('always settles everyone exactly, with at most n − 1 positive transfers', () => {
    const people = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), {
      minLength: 1,
      maxLength: 8,
    });
    const cost = people.chain((split) =>
      fc.record({
        amount: fc.integer({ min: 1, max: 1_000_000 }),
        paidBy: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        splitAmong: fc.constant(split),
      }),
    );
    fc.assert(
      fc.property(fc.array(cost, { maxLength: 12 }), (costs) => {
        const balances = balancesOf(costs);
        const transfers = settleUp(balances);
        expect(allZero(afterTransfers(balances, transfers))).toBe(true);
        const involved = [...balances.values()].filter((amount) => amount !== 0).length;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(0, involved - 1));
        for (const transfer of transfers) {
          expect(Number.isInteger(transfer.amount)).toBe(true);
          expect(transfer.amount).toBeGreaterThan(0);
          expect(transfer.from).not.toBe(transfer.to);
        }
      }),
    );
  });

  it('also settles groups larger than the exact limit', () => {
    const balances = new Map<string, number>();
    const count = EXACT_SETTLE_LIMIT + 6;
    for (let index = 0; index < count; index += 1)
      balances.set(`p${index}`, index === 0 ? (count - 1) * 7 : -7);
    const transfers = settleUp(balances);
    expect(allZero(afterTransfers(balances, transfers))).toBe(true);
    expect(transfers).toHaveLength(count - 1);
  });
});

describe('settleUpInTripCurrency', () => {
  const jpyRate: CapturedRate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' };

  it('settles every currency together in the trip currency, at the rates captured on the expenses', () => {
    const result = settleUpInTripCurrency(
      [
        sampleExpense({ id: 'dinner', amount: 20_000, paidBy: 'a', splitAmong: ['a', 'b'] }),
        // 1,000 yen at 9.12 = 9,120 won.
        sampleExpense({
          id: 'ramen',
          amount: 1_000,
          currency: 'JPY',
          rate: jpyRate,
          paidBy: 'b',
          splitAmong: ['a', 'b'],
        }),
      ],
      'KRW',
    );
    expect(result.currency).toBe('KRW');
    expect([...result.balances]).toEqual([
      ['a', 10_000 - 4_560],
      ['b', -10_000 + 4_560],
    ]);
    expect(result.transfers).toEqual([{ from: 'b', to: 'a', amount: 5_440 }]);
    expect(result.missingRate).toEqual([]);
  });

  it('leaves out expenses without a rate to the trip currency, and says which', () => {
    const result = settleUpInTripCurrency(
      [
        sampleExpense({ id: 'old', currency: 'JPY', rate: null, paidBy: 'a', splitAmong: ['b'] }),
        sampleExpense({ id: 'moved', currency: 'JPY', rate: { ...jpyRate, to: 'USD' } }),
        sampleExpense({ id: 'won', amount: 3_000, paidBy: 'a', splitAmong: ['b'] }),
      ],
      'KRW',
    );
    expect(result.missingRate).toEqual(['old', 'moved']);
    expect(result.transfers).toEqual([{ from: 'b', to: 'a', amount: 3_000 }]);
  });

  it('sums to zero exactly and settles everyone, whatever the currencies, rates and splits (property)', () => {
    const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const rateValue = fc
      .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 2, max: 8 }))
      .map(([digits, scale]) => {
        const text = String(digits).padStart(scale + 1, '0');
        return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
      });
    const expense = fc.record({
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      currency: fc.constantFrom(...currencyCodes),
      value: rateValue,
      paidBy: fc.constantFrom(...people),
      splitAmong: fc.subarray(people, { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('KRW', 'JPY', 'USD', 'KWD', 'EUR'),
        fc.array(expense, { maxLength: 30 }),
        (tripCurrency, drawn) => {
          const expenses = drawn.map((e, index) =>
            sampleExpense({
              id: `e${index}`,
              amount: e.amount,
              currency: e.currency,
              rate:
                e.currency === tripCurrency
                  ? null
                  : { to: tripCurrency, value: e.value, source: 'manual', date: '2026-12-04' },
              paidBy: e.paidBy,
              splitAmong: e.splitAmong,
            }),
          );
          const result = settleUpInTripCurrency(expenses, tripCurrency);
          expect(result.missingRate).toEqual([]);
          const balances = [...result.balances.values()];
          for (const amount of balances) expect(Number.isInteger(amount)).toBe(true);
          expect(balances.reduce((sum, amount) => sum + amount, 0)).toBe(0);
          expect(allZero(afterTransfers(result.balances, result.transfers))).toBe(true);
          expect(currencyMinorDigits(result.currency)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
