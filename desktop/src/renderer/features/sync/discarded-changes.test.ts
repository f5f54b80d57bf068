import { describe, expect, it } from 'vitest';
import {
  DiscardedChanges,
  discardedKey,
  discardedStorageKey,
  MAX_DISCARDED,
  type DiscardedInput,
  type DiscardedStorage,
} from './discarded-changes';

class MemoryStorage implements DiscardedStorage {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const KEY = discardedStorageKey('user-1');

function input(id: string, text = 'Phone charger', change: Partial<DiscardedInput> = {}): DiscardedInput {
  return {
    collection: 'checklistItems',
    id,
    tripId: 'trip-1',
    tripTitle: 'Busan weekend',
    stopName: null,
    status: 409,
    code: 'deleted_on_server',
    message: 'the trip was deleted',
    document: { id, tripId: 'trip-1', text, done: false, orderKey: 'a0', _deleted: false },
    ...change,
  };
}

function storeWith(storage = new MemoryStorage(), options: { max?: number } = {}) {
  let clock = 1_000;
  const store = new DiscardedChanges(storage, KEY, { ...options, now: () => (clock += 1000) });
  return { store, storage };
}

describe('DiscardedChanges', () => {
  it('lists entries newest first and keeps them across a reload', () => {
    const { store, storage } = storeWith();
    store.add(input('a', 'Passport'));
    store.add(input('b', 'Charger'));
    expect(store.list().map((entry) => entry.id)).toEqual(['b', 'a']);

    const reloaded = new DiscardedChanges(storage, KEY);
    expect(reloaded.list()).toEqual(store.list());
    expect(reloaded.list()[1]).toMatchObject({
      collection: 'checklistItems',
      tripTitle: 'Busan weekend',
      code: 'deleted_on_server',
      document: { text: 'Passport' },
      at: 2_000,
    });
  });

  it('keeps one entry per user (the storage key names the user)', () => {
    const storage = new MemoryStorage();
    new DiscardedChanges(storage, discardedStorageKey('minji')).add(input('a'));
    expect(new DiscardedChanges(storage, discardedStorageKey('jun')).list()).toEqual([]);
    expect(new DiscardedChanges(storage, discardedStorageKey('minji')).list()).toHaveLength(1);
  });

  it('does not list the same discarded content twice, whatever its key order', () => {
    const { store } = storeWith();
    store.add(input('a'));
    const reordered = input('a');
    reordered.document = Object.fromEntries(Object.entries(reordered.document ?? {}).reverse());
    store.add(reordered);
    expect(store.list()).toHaveLength(1);
    // Another content of the same document is another loss.
    store.add(input('a', 'Phone charger and cable'));
    // The same content of another document too.
    store.add(input('b'));
    expect(store.list().map((entry) => entry.id)).toEqual(['b', 'a', 'a']);
    expect(discardedKey(input('a'))).toBe(discardedKey(reordered));
  });

  it('without the discarded content, dedupes by collection, id and code', () => {
    const { store } = storeWith();
    store.add(input('a', '', { document: null }), input('a', '', { document: null }));
    store.add(input('a', '', { document: null, code: 'forbidden' }));
    expect(store.list().map((entry) => entry.code)).toEqual(['forbidden', 'deleted_on_server']);
  });

  it('keeps only the newest entries', () => {
    const { store } = storeWith();
    for (let i = 0; i < MAX_DISCARDED + 5; i += 1) store.add(input(`item-${i}`));
    expect(store.list()).toHaveLength(MAX_DISCARDED);
    expect(store.list()[0]?.id).toBe(`item-${MAX_DISCARDED + 4}`);
    expect(store.list().at(-1)?.id).toBe('item-5');

    const small = storeWith(new MemoryStorage(), { max: 2 }).store;
    small.add(input('a'), input('b'), input('c'));
    expect(small.list().map((entry) => entry.id)).toEqual(['c', 'b']);
  });

  it('dismisses one, some or all entries, and undoes a dismissal', () => {
    const { store, storage } = storeWith();
    store.add(input('a'));
    store.add(input('b'));
    store.add(input('c'));
    const [c, b, a] = store.list();
    store.dismiss(b!.key);
    expect(store.list().map((entry) => entry.id)).toEqual(['c', 'a']);
    store.restore([b!]);
    expect(store.list().map((entry) => entry.id)).toEqual(['c', 'b', 'a']);
    store.dismissAll([a!.key, c!.key]);
    expect(store.list().map((entry) => entry.id)).toEqual(['b']);
    store.dismissAll();
    expect(store.list()).toEqual([]);
    expect(storage.items.has(KEY)).toBe(false);
  });

  it('tells its listeners about changes only', () => {
    const { store } = storeWith();
    let calls = 0;
    const stop = store.subscribe(() => (calls += 1));
    store.add(input('a'));
    store.add(input('a'));
    store.dismiss('nothing');
    expect(calls).toBe(1);
    const snapshot = store.list();
    expect(store.list()).toBe(snapshot);
    stop();
    store.dismissAll();
    expect(calls).toBe(1);
  });

  it('sees what another tab wrote or dismissed', () => {
    const storage = new MemoryStorage();
    const here = new DiscardedChanges(storage, KEY);
    const there = new DiscardedChanges(storage, KEY);
    const target = new EventTarget();
    const stop = here.watch(target as unknown as Window);
    there.add(input('a'));
    target.dispatchEvent(Object.assign(new Event('storage'), { key: KEY }));
    expect(here.list().map((entry) => entry.id)).toEqual(['a']);
    // A change made here builds on what the other tab stored, not on a stale copy.
    there.add(input('b'));
    here.dismiss(here.list()[0]!.key);
    expect(here.list().map((entry) => entry.id)).toEqual(['b']);
    expect(new DiscardedChanges(storage, KEY).list().map((entry) => entry.id)).toEqual(['b']);
    stop();
  });

  it('ignores an unreadable list and damaged entries', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, '{not json');
    expect(new DiscardedChanges(storage, KEY).list()).toEqual([]);
    storage.setItem(KEY, JSON.stringify({ not: 'a list' }));
    expect(new DiscardedChanges(storage, KEY).list()).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ key: 'x' }, 42, { ...input('a'), key: 'k', at: 5 }]));
    expect(new DiscardedChanges(storage, KEY).list().map((entry) => entry.key)).toEqual(['k']);
  });

  it('keeps the list in memory when storage refuses to write', () => {
    const { store, storage } = storeWith();
    storage.failWrites = true;
    store.add(input('a'));
    store.add(input('b'));
    expect(store.list().map((entry) => entry.id)).toEqual(['b', 'a']);
    expect(new DiscardedChanges(null, KEY).list()).toEqual([]);
  });
});
