import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './posts.js';

describe('timeOrderedId', () => {
  it('makes UUIDv7 ids that sort in creation order, also within one millisecond', () => {
    const ids = [
      timeOrderedId(1_800_000_000_000),
      timeOrderedId(1_800_000_000_000),
      timeOrderedId(1_800_000_000_001),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });
});
