/**
 * Fractional order keys for manually ordered lists (stops within a day, checklist items).
 *
 * Each item carries its own `orderKey`; moving an item rewrites only that item's key, so two
 * devices reordering different items edit different documents and never conflict. Keys are
 * base-62 strings from the `fractional-indexing` package and compare with plain code-unit
 * string order (`<`), which is also how RxDB indexes sort them. NEVER compare them with
 * `localeCompare`.
 *
 * Concurrency: two devices that move different items into the same gap would both compute
 * the same midpoint key. `keyBetween` therefore jitters: it walks `jitterBits` random
 * halvings of the gap first, so concurrent moves land on different keys (with 20 bits,
 * 1 in ~a million chance of a tie). A tie is still harmless: lists sort by (orderKey, id) on
 * every device, and `keysForMoveTo` repairs tied keys when something is moved next to them.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Longest order key accepted by the document schemas (indexed, so bounded). */
export const ORDER_KEY_MAX_LENGTH = 200;
/** `keysForMoveTo` renumbers the whole list when a new key would be longer than this. */
export const ORDER_KEY_REBALANCE_LENGTH = 120;
/** Characters of a base-62 key: a head letter, then digits/letters. */
export const ORDER_KEY_PATTERN = /^[A-Za-z][0-9A-Za-z]+$/;
/** Default number of random halvings `keyBetween` applies to spread concurrent inserts. */
export const DEFAULT_JITTER_BITS = 20;

/** Anything ordered by a fractional key; ties break by `id`. */
export interface OrderedItem {
  readonly id: string;
  readonly orderKey: string;
}

/** A key to write: set `orderKey` of document `id`. */
export interface OrderKeyUpdate {
  id: string;
  orderKey: string;
}

export interface KeyOptions {
  /** Random source in [0, 1); defaults to `Math.random`. Inject a seeded one in tests. */
  random?: () => number;
  /** Number of random halvings (0 = deterministic midpoint). */
  jitterBits?: number;
}

/** True when `key` is a well-formed fractional-indexing key within the length limit. */
export function isValidOrderKey(key: string): boolean {
  if (typeof key !== 'string' || key.length > ORDER_KEY_MAX_LENGTH || !ORDER_KEY_PATTERN.test(key)) {
    return false;
  }
  try {
    // Validates the key (head, integer length, no trailing zero) as a side effect.
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** Code-unit order of two keys (-1, 0, 1). */
export function compareOrderKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of two items: by key, then by id, so ties sort the same on every device. */
export function compareOrderedItems(a: OrderedItem, b: OrderedItem): number {
  return compareOrderKeys(a.orderKey, b.orderKey) || compareOrderKeys(a.id, b.id);
}

/** A sorted copy of `items`. */
export function sortByOrderKey<T extends OrderedItem>(items: readonly T[]): T[] {
  return [...items].sort(compareOrderedItems);
}

function checkBounds(before: string | null, after: string | null): void {
  if (before !== null && after !== null && !(before < after)) {
    throw new RangeError(`order key bounds out of order: ${before} >= ${after}`);
  }
}

/** Narrow the open interval (before, after) by `bits` random halvings. */
function jitteredInterval(
  before: string | null,
  after: string | null,
  options: KeyOptions,
): [string | null, string | null] {
  const random = options.random ?? Math.random;
  const bits = options.jitterBits ?? DEFAULT_JITTER_BITS;
  let lo = before;
  let hi = after;
  for (let i = 0; i < bits; i += 1) {
    const mid = generateKeyBetween(lo, hi);
    if (random() < 0.5) lo = mid;
    else hi = mid;
  }
  return [lo, hi];
}

/**
 * A new key strictly between `before` and `after` (null = open end), jittered so that two
 * devices inserting into the same gap get different keys.
 * @throws RangeError when both bounds are given and `before >= after`
 */
export function keyBetween(before: string | null, after: string | null, options: KeyOptions = {}): string {
  checkBounds(before, after);
  const [lo, hi] = jitteredInterval(before, after, options);
  return generateKeyBetween(lo, hi);
}

/** `n` ascending keys strictly between `before` and `after` (e.g. a bulk insert). */
export function keysBetween(
  before: string | null,
  after: string | null,
  n: number,
  options: KeyOptions = {},
): string[] {
  checkBounds(before, after);
  if (n <= 0) return [];
  const [lo, hi] = jitteredInterval(before, after, options);
  return generateNKeysBetween(lo, hi, n);
}

/** Fresh, short, evenly spaced keys for `n` items (a new list, or a rebalance). */
export function initialOrderKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

/**
 * Renumber `items` (in the given order) with short keys; returns only the changed ones.
 * Use when keys grew too long. It rewrites many documents, so it is a last resort.
 */
export function rebalanceOrderKeys(items: readonly OrderedItem[]): OrderKeyUpdate[] {
  const keys = initialOrderKeys(items.length);
  const updates: OrderKeyUpdate[] = [];
  items.forEach((item, i) => {
    const orderKey = keys[i] as string;
    if (item.orderKey !== orderKey) updates.push({ id: item.id, orderKey });
  });
  return updates;
}

/**
 * Keys to write so that item `id` ends up at position `toIndex` of the list.
 *
 * - `items`: the list as it is now (any order; it is sorted by (orderKey, id) here). If it
 *   does not contain `id`, this is an insertion of a new item.
 * - `toIndex`: the item's final position, 0-based, counted in the list after the move
 *   (clamped to the list bounds; `items.length` or more appends).
 *
 * Normally returns one update (the moved item). Returns `[]` when the item already sits at
 * `toIndex`. When the neighbours share a key (a rare concurrent tie), the tied run is
 * re-keyed too; when keys have grown too long or are malformed, the list is renumbered.
 */
export function keysForMoveTo(
  items: readonly OrderedItem[],
  id: string,
  toIndex: number,
  options: KeyOptions = {},
): OrderKeyUpdate[] {
  const sorted = sortByOrderKey(items);
  const currentIndex = sorted.findIndex((item) => item.id === id);
  const others = currentIndex === -1 ? sorted : sorted.filter((item) => item.id !== id);
  const index = Math.max(
    0,
    Math.min(Number.isFinite(toIndex) ? Math.trunc(toIndex) : others.length, others.length),
  );
  const prev = others[index - 1]?.orderKey ?? null;
  const next = others[index]?.orderKey ?? null;

  const current = currentIndex === -1 ? undefined : sorted[currentIndex];
  if (
    current !== undefined &&
    currentIndex === index &&
    isValidOrderKey(current.orderKey) &&
    (prev === null || prev < current.orderKey) &&
    (next === null || current.orderKey < next)
  ) {
    return [];
  }

  const fallback = (): OrderKeyUpdate[] => {
    const moving: OrderedItem = current ?? { id, orderKey: '' };
    return rebalanceOrderKeys([...others.slice(0, index), moving, ...others.slice(index)]);
  };

  try {
    if (prev === null || next === null || prev < next) {
      const orderKey = keyBetween(prev, next, options);
      if (orderKey.length <= ORDER_KEY_REBALANCE_LENGTH) return [{ id, orderKey }];
      return fallback();
    }
    if (prev === next) {
      // Tie: re-key the whole run of items sharing this key, with the moved item in place.
      let start = index - 1;
      while (start > 0 && others[start - 1]?.orderKey === prev) start -= 1;
      let end = index;
      while (end < others.length - 1 && others[end + 1]?.orderKey === next) end += 1;
      const lo = others[start - 1]?.orderKey ?? null;
      const hi = others[end + 1]?.orderKey ?? null;
      const run: OrderedItem[] = [
        ...others.slice(start, index),
        { id, orderKey: '' },
        ...others.slice(index, end + 1),
      ];
      // Deterministic keys for the run: two devices repairing the same run write the same
      // keys to the same tied items, so the repair itself never creates a conflict.
      const keys = keysBetween(lo, hi, run.length, { jitterBits: 0 });
      if (keys.every((key) => key.length <= ORDER_KEY_REBALANCE_LENGTH)) {
        const updates: OrderKeyUpdate[] = [];
        run.forEach((item, i) => {
          const orderKey = keys[i] as string;
          if (item.id === id || item.orderKey !== orderKey) updates.push({ id: item.id, orderKey });
        });
        return updates;
      }
    }
  } catch {
    // Malformed keys in the list: renumber below.
  }
  return fallback();
}
