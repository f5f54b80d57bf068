import { describe, expect, it } from 'vitest';
import { AnswerCache } from './cache.js';

describe('AnswerCache', () => {
  it('keeps answers, null ones too, until their time is up', () => {
    let now = 1000;
    const cache = new AnswerCache<number | null>(10, 500, () => now);
    cache.set('a', 1);
    cache.set('none', null);
    expect(cache.get('a')).toEqual({ value: 1 });
    expect(cache.get('none')).toEqual({ value: null });
    expect(cache.get('b')).toBeUndefined();
    now += 499;
    expect(cache.get('a')).toEqual({ value: 1 });
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('none')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used answer past its capacity', () => {
    const cache = new AnswerCache<string>(2, 60_000);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toEqual({ value: 'A' });
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ value: 'A' });
    expect(cache.get('c')).toEqual({ value: 'C' });
    expect(cache.size).toBe(2);
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new AnswerCache<string>(0, 60_000);
    cache.set('a', 'A');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
