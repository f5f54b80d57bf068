import { describe, expect, it } from 'vitest';
import { PushNumbers } from './push-numbers.js';

describe('push numbers', () => {
  it('takes pushes in order as fresh and an older or repeated number as a replay', () => {
    const numbers = new PushNumbers();
    expect([1, 2, 3].map((n) => numbers.fresh('u:a', n))).toEqual([true, true, true]);
    expect(numbers.fresh('u:a', 2)).toBe(false);
    expect(numbers.fresh('u:a', 3)).toBe(false);
    expect(numbers.fresh('u:a', 5)).toBe(true); // a gap: number 4 went elsewhere or overtook it
    expect(numbers.fresh('u:a', 4)).toBe(false); // overtaken: echoed, which costs an echo only
    expect(numbers.fresh('u:b', 1)).toBe(true); // another replication counts on its own
  });

  it('does not trust a first number above 1 (earlier pushes went to another instance or before a restart)', () => {
    const numbers = new PushNumbers();
    expect(numbers.fresh('u:a', 7)).toBe(false);
    expect(numbers.fresh('u:a', 8)).toBe(true);
  });

  it('forgets the least recently used replication beyond its capacity', () => {
    const numbers = new PushNumbers(2);
    numbers.fresh('u:a', 1);
    numbers.fresh('u:b', 1);
    numbers.fresh('u:a', 2); // a is used again: b is now the oldest
    numbers.fresh('u:c', 1); // b, now the oldest, is forgotten
    expect(numbers.fresh('u:a', 3)).toBe(true);
    expect(numbers.fresh('u:b', 2)).toBe(false); // not trusted: echoed
  });
});
