import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareOrderKeys,
  initialOrderKeys,
  isValidOrderKey,
  keyBetween,
  keysBetween,
  keysForMoveTo,
  ORDER_KEY_MAX_LENGTH,
  ORDER_KEY_REBALANCE_LENGTH,
  sortByOrderKey,
  type OrderedItem,
  type OrderKeyUpdate,
} from './order-keys.js';

const RUNS = { seed: 42, numRuns: 200 } as const;

/** Small deterministic PRNG (mulberry32) so every run sees the same "random" keys. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeList(n: number): OrderedItem[] {
  return initialOrderKeys(n).map((orderKey, i) => ({ id: `item-${i}`, orderKey }));
}

function apply(items: readonly OrderedItem[], updates: readonly OrderKeyUpdate[]): OrderedItem[] {
  const byId = new Map(items.map((item) => [item.id, { ...item }]));
  for (const u of updates) byId.set(u.id, { id: u.id, orderKey: u.orderKey });
  return sortByOrderKey([...byId.values()]);
}

function expectStrictlySorted(keys: readonly string[]): void {
  for (let i = 1; i < keys.length; i += 1) {
    expect(keys[i - 1]! < keys[i]!, `${keys[i - 1]} < ${keys[i]}`).toBe(true);
  }
}

describe('keyBetween', () => {
  it('sorts with code-unit order, not locale order', () => {
    expect(compareOrderKeys('Zz', 'a0')).toBe(-1);
    expect(compareOrderKeys('a0', 'a0')).toBe(0);
    expect(compareOrderKeys('a1', 'a0V')).toBe(1);
    expect(['a1', 'Zz', 'a0V', 'a0'].sort(compareOrderKeys)).toEqual(['Zz', 'a0', 'a0V', 'a1']);
  });

  it('validates keys', () => {
    expect(isValidOrderKey('a0')).toBe(true);
    expect(isValidOrderKey('a0V')).toBe(true);
    expect(isValidOrderKey('Zz')).toBe(true);
    expect(isValidOrderKey('a00')).toBe(false); // trailing zero
    expect(isValidOrderKey('a')).toBe(false);
    expect(isValidOrderKey('b0')).toBe(false); // head "b" needs a 2-digit integer part
    expect(isValidOrderKey('a0!')).toBe(false);
    expect(isValidOrderKey('a' + 'V'.repeat(ORDER_KEY_MAX_LENGTH))).toBe(false);
  });

  it('refuses bounds out of order', () => {
    expect(() => keyBetween('a1', 'a0')).toThrow(RangeError);
    expect(() => keyBetween('a1', 'a1')).toThrow(RangeError);
  });

  it('returns a valid key strictly between any two keys (and open ends)', () => {
    const keyArb = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 })
      .map((positions) => {
        // build a realistic key set by random insertions
        const rnd = seeded(positions.length);
        const keys: string[] = [];
        for (const p of positions) {
          const at = p % (keys.length + 1);
          keys.splice(at, 0, keyBetween(keys[at - 1] ?? null, keys[at] ?? null, { random: rnd }));
        }
        return keys;
      });
    fc.assert(
      fc.property(keyArb, fc.nat(), fc.nat(), fc.integer(), (keys, i, j, seed) => {
        const lo = i % (keys.length + 1) === keys.length ? null : (keys[i % (keys.length + 1)] ?? null);
        const candidates = keys.filter((k) => lo === null || k > lo);
        const hi = j % 2 === 0 || lo === null ? null : (candidates[j % (candidates.length + 1)] ?? null);
        const key = keyBetween(lo, hi, { random: seeded(seed) });
        expect(isValidOrderKey(key)).toBe(true);
        if (lo !== null) expect(key > lo).toBe(true);
        if (hi !== null) expect(key < hi).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps strict order under random insertions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), fc.integer(), (positions, seed) => {
        const random = seeded(seed);
        const keys: string[] = [];
        for (const p of positions) {
          const at = p % (keys.length + 1);
          keys.splice(at, 0, keyBetween(keys[at - 1] ?? null, keys[at] ?? null, { random }));
        }
        expectStrictlySorted(keys);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.every(isValidOrderKey)).toBe(true);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('gives two devices inserting into the same gap different keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer(), fc.integer(), (gap, seedA, seedB) => {
        fc.pre(seedA !== seedB);
        const keys = initialOrderKeys(20);
        const lo = keys[gap - 1] ?? null;
        const hi = keys[gap] ?? null;
        const a = keyBetween(lo, hi, { random: seeded(seedA) });
        const b = keyBetween(lo, hi, { random: seeded(seedB) });
        expect(a).not.toBe(b);
        for (const k of [a, b]) {
          if (lo !== null) expect(k > lo).toBe(true);
          if (hi !== null) expect(k < hi).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keysBetween gives n ascending keys in the gap', () => {
    const keys = keysBetween('a0', 'a1', 25, { random: seeded(1) });
    expect(keys).toHaveLength(25);
    expectStrictlySorted(['a0', ...keys, 'a1']);
    expect(keysBetween(null, null, 0)).toEqual([]);
  });

  it('appending keeps keys short', () => {
    const random = seeded(7);
    let last: string | null = null;
    for (let i = 0; i < 1000; i += 1) {
      const next = keyBetween(last, null, { random });
      if (last !== null) expect(next > last).toBe(true);
      last = next;
    }
    expect(last!.length).toBeLessThan(12);
  });
});

describe('keysForMoveTo', () => {
  const listArb = fc
    .integer({ min: 1, max: 30 })
    .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.integer()))
    .map(([n, positions, seed]) => {
      // items with keys from random insertions, so they are not evenly spaced
      const random = seeded(seed);
      const items: OrderedItem[] = [];
      for (let i = 0; i < n; i += 1) {
        const sorted = sortByOrderKey(items);
        const at = positions[i]! % (sorted.length + 1);
        items.push({
          id: `item-${i}`,
          orderKey: keyBetween(sorted[at - 1]?.orderKey ?? null, sorted[at]?.orderKey ?? null, { random }),
        });
      }
      return sortByOrderKey(items);
    });

  it('puts the item at the requested index and keeps the others in order', () => {
    fc.assert(
      fc.property(listArb, fc.nat(), fc.nat(), fc.integer(), (items, which, to, seed) => {
        const moving = items[which % items.length]!;
        const toIndex = to % items.length;
        const updates = keysForMoveTo(items, moving.id, toIndex, { random: seeded(seed) });
        expect(updates.length).toBeLessThanOrEqual(1);
        const after = apply(items, updates);
        expect(after.map((i) => i.id).indexOf(moving.id)).toBe(toIndex);
        const othersBefore = items.filter((i) => i.id !== moving.id).map((i) => i.id);
        const othersAfter = after.filter((i) => i.id !== moving.id).map((i) => i.id);
        expect(othersAfter).toEqual(othersBefore);
        expectStrictlySorted(after.map((i) => i.orderKey));
      }),
      RUNS,
    );
  });

  it('writes nothing when the item is already there', () => {
    const items = makeList(5);
    expect(keysForMoveTo(items, 'item-2', 2)).toEqual([]);
    expect(keysForMoveTo(items, 'item-2', 3)).toHaveLength(1);
  });

  it('inserts a new item', () => {
    const items = makeList(3);
    const updates = keysForMoveTo(items, 'new', 1, { random: seeded(3) });
    expect(updates.map((u) => u.id)).toEqual(['new']);
    expect(apply(items, updates).map((i) => i.id)).toEqual(['item-0', 'new', 'item-1', 'item-2']);
    expect(apply(items, keysForMoveTo(items, 'new', 99)).at(-1)?.id).toBe('new');
    expect(apply([], keysForMoveTo([], 'first', 0)).map((i) => i.id)).toEqual(['first']);
  });

  it('lets two devices move different items concurrently without collisions', () => {
    fc.assert(
      fc.property(
        listArb.filter((items) => items.length >= 2),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.integer(),
        (items, x, y, toX, toY, seed) => {
          const a = items[x % items.length]!;
          const b = items[(x + 1 + (y % (items.length - 1))) % items.length]!;
          expect(a.id).not.toBe(b.id);
          // both devices compute from the same state
          const updatesA = keysForMoveTo(items, a.id, toX % items.length, { random: seeded(seed) });
          const updatesB = keysForMoveTo(items, b.id, toY % items.length, { random: seeded(seed + 1) });
          // different documents are written: replication sees no conflict
          const idsA = updatesA.map((u) => u.id);
          expect(updatesB.some((u) => idsA.includes(u.id))).toBe(false);
          const merged = apply(items, [...updatesA, ...updatesB]);
          const keys = merged.map((i) => i.orderKey);
          expect(new Set(keys).size).toBe(keys.length);
          // the untouched items keep their relative order
          const rest = (list: readonly OrderedItem[]) =>
            list.filter((i) => i.id !== a.id && i.id !== b.id).map((i) => i.id);
          expect(rest(merged)).toEqual(rest(items));
          // each moved item sits between the neighbours its device chose (when not the other moved item)
          for (const [moved, updates, to] of [
            [a, updatesA, toX % items.length],
            [b, updatesB, toY % items.length],
          ] as const) {
            if (updates.length === 0) continue;
            const others = items.filter((i) => i.id !== moved.id);
            const key = merged.find((i) => i.id === moved.id)!.orderKey;
            const prev = others[to - 1];
            const next = others[to];
            if (prev && prev.id !== a.id && prev.id !== b.id) expect(key > prev.orderKey).toBe(true);
            if (next && next.id !== a.id && next.id !== b.id) expect(key < next.orderKey).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('repairs tied keys (a concurrent tie) when moving next to them', () => {
    const items: OrderedItem[] = [
      { id: 'a', orderKey: 'a0' },
      { id: 'b', orderKey: 'a1' },
      { id: 'c', orderKey: 'a1' },
      { id: 'd', orderKey: 'a1' },
      { id: 'e', orderKey: 'a2' },
      { id: 'x', orderKey: 'a5' },
    ];
    const updates = keysForMoveTo(items, 'x', 2, { random: seeded(9) });
    const after = apply(items, updates);
    expect(after.map((i) => i.id)).toEqual(['a', 'b', 'x', 'c', 'd', 'e']);
    expectStrictlySorted(after.map((i) => i.orderKey));
    // only the tied run and the moved item are rewritten
    const ids = updates.map((u) => u.id);
    expect(ids).toContain('x');
    expect(ids.every((id) => ['b', 'c', 'd', 'x'].includes(id))).toBe(true);
  });

  it('renumbers a list with malformed keys', () => {
    const items: OrderedItem[] = [
      { id: 'a', orderKey: 'a0' },
      { id: 'b', orderKey: 'bad!' },
      { id: 'c', orderKey: 'zzz' },
    ];
    const after = apply(items, keysForMoveTo(items, 'new', 3));
    expect(after.map((i) => i.id)).toEqual(['a', 'b', 'c', 'new']);
    expect(after.every((i) => isValidOrderKey(i.orderKey))).toBe(true);
  });

  it('keeps keys bounded under adversarial insertion into the same gap', () => {
    let items = makeList(2);
    const random = seeded(11);
    for (let i = 0; i < 1500; i += 1) {
      const updates = keysForMoveTo(items, `n${i}`, 1, { random });
      items = apply(items, updates);
      expect(items[1]!.id).toBe(`n${i}`);
    }
    expect(items).toHaveLength(1502);
    expect(Math.max(...items.map((i) => i.orderKey.length))).toBeLessThanOrEqual(ORDER_KEY_REBALANCE_LENGTH);
    expectStrictlySorted(items.map((i) => i.orderKey));
    expect(items[0]!.id).toBe('item-0');
    expect(items.at(-1)!.id).toBe('item-1');
  });
});
