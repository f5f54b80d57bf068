import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoutingLegRequest, RoutingLegsResponse } from '@hamgaja/shared';
import { RefinedLegs } from './refined-legs';

const leg = (lat: number, mode: RoutingLegRequest['mode'] = 'walk'): RoutingLegRequest => ({
  from: { lat, lng: 127 },
  to: { lat: lat + 0.01, lng: 127 },
  mode,
});
const measured = (seconds: number) => ({
  distanceMetres: 1000,
  durationSeconds: seconds,
  source: 'osrm' as const,
});

describe('RefinedLegs', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('batches the legs asked within the debounce into one request and caches the answers', async () => {
    const fetchLegs = vi.fn(
      async (legs: RoutingLegRequest[]): Promise<RoutingLegsResponse> => ({
        available: true,
        legs: legs.map((l, i) => (i === 0 ? measured(600) : null)),
      }),
    );
    const store = new RefinedLegs(fetchLegs, { debounceMs: 300 });
    const seen = vi.fn();
    store.subscribe(seen);
    store.request([leg(37.1), leg(37.2, 'car')]);
    store.request([leg(37.1), leg(37.3, 'transit')]);
    expect(store.lookup(leg(37.1))).toBeUndefined();
    await vi.advanceTimersByTimeAsync(300);
    expect(fetchLegs).toHaveBeenCalledTimes(1);
    // Transit is never asked for; the duplicate only once.
    expect(fetchLegs.mock.calls[0]![0]).toEqual([leg(37.1), leg(37.2, 'car')]);
    expect(store.lookup(leg(37.1))).toEqual(measured(600));
    expect(store.lookup(leg(37.2, 'car'))).toBeNull();
    expect(seen).toHaveBeenCalledTimes(1);
    expect(store.getVersion()).toBe(1);
    // Known legs are not asked again.
    store.request([leg(37.1), leg(37.2, 'car')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchLegs).toHaveBeenCalledTimes(1);
  });

  it('stops asking when the server has no routing service', async () => {
    const fetchLegs = vi.fn(
      async (legs: RoutingLegRequest[]): Promise<RoutingLegsResponse> => ({
        available: false,
        legs: legs.map(() => null),
      }),
    );
    const store = new RefinedLegs(fetchLegs, { debounceMs: 10 });
    store.request([leg(37.1)]);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.unavailable).toBe(true);
    expect(store.lookup(leg(37.1))).toBeUndefined();
    store.request([leg(37.4)]);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetchLegs).toHaveBeenCalledTimes(1);
  });

  it('keeps the estimates after a failure and asks again only after a while', async () => {
    let now = 0;
    const fetchLegs = vi.fn(async (): Promise<RoutingLegsResponse> => {
      throw new Error('offline');
    });
    const store = new RefinedLegs(fetchLegs, { debounceMs: 10, retryMs: 60_000, now: () => now });
    store.request([leg(37.1)]);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.lookup(leg(37.1))).toBeUndefined();
    store.request([leg(37.1)]);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetchLegs).toHaveBeenCalledTimes(1);
    now = 60_000;
    store.request([leg(37.1)]);
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchLegs).toHaveBeenCalledTimes(2);
  });

  it('splits more legs than one request may carry', async () => {
    const fetchLegs = vi.fn(
      async (legs: RoutingLegRequest[]): Promise<RoutingLegsResponse> => ({
        available: true,
        legs: legs.map(() => null),
      }),
    );
    const store = new RefinedLegs(fetchLegs, { debounceMs: 10 });
    store.request(Array.from({ length: 150 }, (_, i) => leg(30 + i / 100)));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchLegs.mock.calls.map(([legs]) => legs.length)).toEqual([100, 50]);
  });
});
