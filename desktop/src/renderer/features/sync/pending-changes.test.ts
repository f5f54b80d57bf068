import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingChanges, type PendingStorage } from './pending-changes';

class MemoryStorage implements PendingStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const KEY = 'hamgaja.pending.test';

describe('PendingChanges', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('counts documents, not writes, and forgets one once the server has it', () => {
    const pending = new PendingChanges(storage, KEY);
    pending.changed('stops', 'a');
    pending.changed('stops', 'a');
    pending.changed('trips', 'a');
    expect(pending.count).toBe(2);
    pending.done('stops', 'a');
    expect(pending.count).toBe(1);
  });

  it('survives a reload once this tab replicates; other tabs never write', () => {
    const follower = new PendingChanges(storage, KEY);
    follower.changed('stops', 'x');
    vi.runAllTimers();
    expect(storage.items.has(KEY)).toBe(false);

    const leader = new PendingChanges(storage, KEY);
    leader.persist();
    leader.changed('stops', 'a');
    leader.changed('expenses', 'b');
    vi.runAllTimers();
    const reloaded = new PendingChanges(storage, KEY);
    reloaded.load();
    expect(reloaded.count).toBe(2);

    leader.done('stops', 'a');
    leader.done('expenses', 'b');
    leader.flush();
    expect(storage.items.has(KEY)).toBe(false);
  });

  it('settles what was left from before once the first push went out, keeping newer edits', () => {
    storage.setItem(KEY, JSON.stringify(['stops/old', 'stops/again']));
    const pending = new PendingChanges(storage, KEY);
    pending.load();
    const before = pending.snapshot();
    pending.changed('stops', 'again');
    pending.changed('stops', 'new');
    pending.settle(before);
    expect(pending.count).toBe(2);
  });

  it('ignores an unreadable stored list', () => {
    storage.setItem(KEY, '{not json');
    const pending = new PendingChanges(storage, KEY);
    pending.load();
    expect(pending.count).toBe(0);
    storage.setItem(KEY, JSON.stringify({ a: 1 }));
    pending.load();
    expect(pending.count).toBe(0);
  });
});
