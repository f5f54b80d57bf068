import { describe, expect, it } from 'vitest';
import { compareOrderedItems, initialOrderKeys, type OrderedItem } from '@hamgaja/shared';
import { reorderMoves, sameOrder } from './order-writes';

const list = (ids: string[], keys = initialOrderKeys(ids.length)): OrderedItem[] =>
  ids.map((id, index) => ({ id, orderKey: keys[index]! }));

/** The list after the writes, in order, as every device sorts it. */
function applied(items: readonly OrderedItem[], moves: ReturnType<typeof reorderMoves>): string[] {
  const keyOf = new Map(moves.map((move) => [move.id, move.orderKey]));
  return items
    .map((item) => ({ id: item.id, orderKey: keyOf.get(item.id) ?? item.orderKey }))
    .sort(compareOrderedItems)
    .map((item) => item.id);
}

/** Longest increasing subsequence length (the stops that need not move). */
function lis(values: number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
  }
  return tails.length;
}

describe('reorderMoves', () => {
  it('writes nothing for the order the day already has', () => {
    const items = list(['a', 'b', 'c']);
    expect(reorderMoves(items, ['a', 'b', 'c'])).toEqual([]);
  });

  it('writes only the stops that move: one key for one stop moved', () => {
    const items = list(['a', 'b', 'c', 'd', 'e']);
    const moves = reorderMoves(items, ['a', 'd', 'b', 'c', 'e']);
    expect(moves.map((move) => move.id)).toEqual(['d']);
    expect(moves[0]).not.toHaveProperty('day');
    expect(applied(items, moves)).toEqual(['a', 'd', 'b', 'c', 'e']);
  });

  it('reverses a day with n - 1 writes', () => {
    const items = list(['a', 'b', 'c', 'd', 'e']);
    const moves = reorderMoves(items, ['e', 'd', 'c', 'b', 'a']);
    expect(moves).toHaveLength(4);
    expect(applied(items, moves)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('reaches any order with the fewest writes (random permutations)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 300; run++) {
      const n = 1 + (run % 12);
      const ids = Array.from({ length: n }, (_, i) => `s${i}`);
      const items = list(ids);
      const target = [...ids].sort(() => random() - 0.5);
      const moves = reorderMoves(items, target, { random });
      expect(applied(items, moves)).toEqual(target);
      expect(moves).toHaveLength(n - lis(target.map((id) => ids.indexOf(id))));
    }
  });

  it('works from keys given in any order and with tied keys', () => {
    const [k0, k1] = initialOrderKeys(2) as [string, string];
    const items: OrderedItem[] = [
      { id: 'c', orderKey: k1 },
      { id: 'a', orderKey: k0 },
      { id: 'b', orderKey: k0 },
      { id: 'd', orderKey: k0 },
    ];
    // Stored order: a, b, d (tied, by id), then c.
    for (const target of [
      ['c', 'd', 'b', 'a'],
      ['b', 'a', 'c', 'd'],
      ['a', 'c', 'b', 'd'],
    ]) {
      expect(applied(items, reorderMoves(items, target))).toEqual(target);
    }
  });

  it('keeps stops the order does not name after the named ones; ignores unknown ids', () => {
    const items = list(['a', 'b', 'c', 'd']);
    expect(applied(items, reorderMoves(items, ['c', 'gone', 'a']))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('restores a previous order after a reorder (undo)', () => {
    const items = list(['a', 'b', 'c', 'd', 'e']);
    const moved = reorderMoves(items, ['a', 'c', 'e', 'b', 'd']);
    const after = items.map((item) => ({
      ...item,
      orderKey: moved.find((move) => move.id === item.id)?.orderKey ?? item.orderKey,
    }));
    expect(applied(after, reorderMoves(after, ['a', 'b', 'c', 'd', 'e']))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('sameOrder', () => {
  it('compares ids position by position', () => {
    expect(sameOrder(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameOrder(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameOrder(['a'], ['a', 'b'])).toBe(false);
  });
});
