// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { membersCacheKey, TripMembersStore } from './members-store';
import type { Member } from './sharing-api';

const minji: Member = {
  userId: 'a',
  displayName: 'Minji',
  role: 'owner',
  joinedAt: '2026-01-01T00:00:00.000Z',
};
const jun: Member = { userId: 'b', displayName: 'Jun', role: 'viewer', joinedAt: '2026-01-02T00:00:00.000Z' };

/** A loader answering from a queue of outcomes, counting calls. */
function loader(outcomes: (Member[] | Error)[]) {
  const calls: string[] = [];
  const load = (tripId: string) => {
    calls.push(tripId);
    const next = outcomes.shift();
    if (!next) return Promise.reject(new Error('no more answers'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { load, calls };
}

afterEach(() => localStorage.clear());

describe('TripMembersStore', () => {
  it('asks once for many watchers and tells subscribers', async () => {
    const { load, calls } = loader([[minji, jun]]);
    const store = new TripMembersStore({ userId: 'a', load, storage: localStorage, pollMs: 60_000 });
    let notified = 0;
    store.subscribe('t1', () => (notified += 1));
    const stopA = store.watch('t1');
    const stopB = store.watch('t1');
    await store.refresh('t1');
    expect(calls).toEqual(['t1']);
    expect(store.get('t1')).toMatchObject({ members: [minji, jun], state: 'ready' });
    expect(notified).toBeGreaterThan(0);
    stopA();
    stopB();
  });

  it('keeps the answer per user on the device and serves it offline', async () => {
    const first = new TripMembersStore({
      userId: 'a',
      load: loader([[minji, jun]]).load,
      storage: localStorage,
    });
    await first.refresh('t1');
    expect(localStorage.getItem(membersCacheKey('a'))).toContain('Jun');

    const offline = new TripMembersStore({
      userId: 'a',
      load: loader([new ApiError(0, 'network', 'offline')]).load,
      storage: localStorage,
    });
    expect(offline.get('t1').members).toEqual([minji, jun]);
    await offline.refresh('t1');
    expect(offline.get('t1')).toMatchObject({ members: [minji, jun], state: 'offline' });

    const otherUser = new TripMembersStore({ userId: 'b', load: loader([]).load, storage: localStorage });
    expect(otherUser.get('t1').members).toBeNull();
  });

  it('forgets a trip the server says the user is no longer on', async () => {
    const store = new TripMembersStore({
      userId: 'b',
      load: loader([[minji, jun], new ApiError(404, 'not_found', 'Trip not found')]).load,
      storage: localStorage,
    });
    await store.refresh('t1');
    await store.refresh('t1');
    expect(store.get('t1')).toMatchObject({ members: null, state: 'not_member' });
    expect(localStorage.getItem(membersCacheKey('b'))).toBe('{}');
  });

  it('reports other failures as errors and keeps what it knew', async () => {
    const store = new TripMembersStore({
      userId: 'a',
      load: loader([[minji], new ApiError(500, 'internal_error', 'boom')]).load,
      storage: localStorage,
    });
    await store.refresh('t1');
    await store.refresh('t1');
    expect(store.get('t1')).toMatchObject({ members: [minji], state: 'error' });
  });
});
