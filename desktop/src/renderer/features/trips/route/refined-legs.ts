/**
 * Road and footpath figures for legs from the server (POST /api/routing/legs), kept in memory by
 * coordinates + mode. The schedule never waits for them: it shows its estimates at once and
 * re-renders when figures arrive. Requests are debounced into batches; a failure or a server
 * without routing (`available: false`) leaves the estimates in place, silently.
 */
import {
  MAX_ROUTING_LEGS,
  routingLegsResponseSchema,
  type RoutedLeg,
  type RoutingLegRequest,
  type RoutingLegsResponse,
} from '@hamgaja/shared';
import { sendJson, type FetchLike } from '../../../api/http';
import type { Services } from '../../../app/services';
import { legKey } from './route-legs';

export type FetchLegs = (legs: RoutingLegRequest[]) => Promise<RoutingLegsResponse>;

export interface RefinedLegsOptions {
  /** Quiet time before a batch goes out. */
  debounceMs?: number;
  /** A leg whose request failed is not asked again for this long. */
  retryMs?: number;
  now?: () => number;
}

export class RefinedLegs {
  /** Answered legs: the measured figures, or null (the server had none: keep the estimate). */
  private readonly answers = new Map<string, RoutedLeg | null>();
  private readonly queued = new Map<string, RoutingLegRequest>();
  private readonly inFlight = new Set<string>();
  private readonly failedAt = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private version = 0;
  /** The server said it has no routing service: nothing more is asked this session. */
  unavailable = false;

  constructor(
    private readonly fetchLegs: FetchLegs,
    private readonly options: RefinedLegsOptions = {},
  ) {}

  /** The measured leg, null (none: keep the estimate) or undefined (not answered yet). */
  readonly lookup = (request: RoutingLegRequest): RoutedLeg | null | undefined =>
    this.answers.get(legKey(request));

  /** Asks for the walk and car legs not known yet (after a quiet moment, in batches). */
  request(requests: readonly RoutingLegRequest[]): void {
    if (this.unavailable) return;
    const now = (this.options.now ?? Date.now)();
    const retryMs = this.options.retryMs ?? 60_000;
    let added = false;
    for (const request of requests) {
      if (request.mode === 'transit') continue;
      const key = legKey(request);
      if (this.answers.has(key) || this.inFlight.has(key) || this.queued.has(key)) continue;
      const failed = this.failedAt.get(key);
      if (failed !== undefined && now - failed < retryMs) continue;
      this.queued.set(key, request);
      added = true;
    }
    if (!added) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.debounceMs ?? 400);
  }

  /** Sends what is queued now (the debounce calls it). */
  async flush(): Promise<void> {
    const batch = [...this.queued];
    this.queued.clear();
    for (let start = 0; start < batch.length; start += MAX_ROUTING_LEGS) {
      const chunk = batch.slice(start, start + MAX_ROUTING_LEGS);
      for (const [key] of chunk) this.inFlight.add(key);
      try {
        const answer = await this.fetchLegs(chunk.map(([, request]) => request));
        if (!answer.available) {
          this.unavailable = true;
          return;
        }
        chunk.forEach(([key], index) => this.answers.set(key, answer.legs[index] ?? null));
        this.notify();
      } catch {
        // Offline, logged out, the server busy: the estimates stay; ask again later.
        const now = (this.options.now ?? Date.now)();
        for (const [key] of chunk) this.failedAt.set(key, now);
      } finally {
        for (const [key] of chunk) this.inFlight.delete(key);
      }
    }
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever new figures arrive (for useSyncExternalStore). */
  readonly getVersion = (): number => this.version;

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

const fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init);

/** POST /api/routing/legs with the signed-in user's token. */
export function routingFetcher(services: Pick<Services, 'apiBaseUrl' | 'session'>): FetchLegs {
  return (legs) =>
    services.session.authorized((token) =>
      sendJson(fetchFn, services.apiBaseUrl, '/routing/legs', routingLegsResponseSchema, {
        method: 'POST',
        token,
        body: { legs },
      }),
    );
}

const stores = new WeakMap<object, RefinedLegs>();

/** One store per app (its services): figures stay cached while the app runs. */
export function refinedLegsFor(services: Services): RefinedLegs {
  let store = stores.get(services);
  if (!store) {
    store = new RefinedLegs(routingFetcher(services));
    stores.set(services, store);
  }
  return store;
}
