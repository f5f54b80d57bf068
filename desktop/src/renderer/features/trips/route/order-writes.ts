/**
 * A new order for a day, written the way drag-and-drop writes a move: each moved stop gets a
 * fresh fractional `orderKey` between its new neighbours (shared `keysForMoveTo`, which also
 * repairs tied keys). Only the stops that have to move are written, the fewest possible (the
 * longest run already in the new order stays), so co-travellers' edits of other stops or fields
 * merge, and the writes sync like any drag.
 */
import { compareOrderedItems, keysForMoveTo, type KeyOptions, type OrderedItem } from '@hamgaja/shared';
import type { StopMove } from '../schedule';

/** Positions (into `values`) of a longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  // Patience sorting: tails[k] = index of the smallest tail of an increasing run of length k + 1.
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * The `orderKey` writes that put a day's stops in `order` (every id of `dayStops`, once).
 * `dayStops` are the day's stops as stored (any order: sorted by key here). Returns `[]` when
 * the day is already in that order. Ids in `order` that are not in the day are ignored; stops
 * of the day missing from `order` keep their place after the ones named.
 */
export function reorderMoves(
  dayStops: readonly OrderedItem[],
  order: readonly string[],
  options: KeyOptions = {},
): StopMove[] {
  let working: OrderedItem[] = [...dayStops].sort(compareOrderedItems);
  const position = new Map(working.map((stop, index) => [stop.id, index]));
  const named = order.filter((id, index) => position.has(id) && order.indexOf(id) === index);
  const target = [...named, ...working.map((stop) => stop.id).filter((id) => !named.includes(id))];
  const kept = longestIncreasing(target.map((id) => position.get(id)!));
  const writes = new Map<string, string>();
  target.forEach((id, index) => {
    if (kept.has(index)) return;
    // Right after the stop that precedes it in the new order (already in place), or first.
    const others = working.filter((stop) => stop.id !== id);
    const toIndex = index === 0 ? 0 : others.findIndex((stop) => stop.id === target[index - 1]) + 1;
    const updates = keysForMoveTo(working, id, toIndex, options);
    for (const update of updates) writes.set(update.id, update.orderKey);
    const changed = new Map(updates.map((update) => [update.id, update.orderKey]));
    working = working
      .map((stop) => (changed.has(stop.id) ? { id: stop.id, orderKey: changed.get(stop.id)! } : stop))
      .sort(compareOrderedItems);
  });
  const original = new Map(dayStops.map((stop) => [stop.id, stop.orderKey]));
  return [...writes]
    .filter(([id, orderKey]) => original.get(id) !== orderKey)
    .map(([id, orderKey]) => ({ id, orderKey }));
}

/** True when `a` and `b` list the same ids in the same order. */
export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => b[index] === id);
}
