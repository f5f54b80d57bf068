import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { MAX_ROUTING_LEGS, type RoutedLeg, type RoutingLegRequest, type RoutingMode } from '@hamgaja/shared';
import type { Config } from '../config.js';
import { AnswerCache } from './cache.js';
import { osrmCoordinates, routeLeg, RoutingDeadline, type OsrmProfile, type OsrmResult } from './osrm.js';

/** Most calls one instance has in flight to the routing service: it is someone's small server. */
export const MAX_IN_FLIGHT = 4;

const PROFILES: Record<RoutingMode, OsrmProfile | undefined> = {
  car: 'driving',
  walk: 'foot',
  // OSRM knows no timetables: transit legs keep the client's estimate.
  transit: undefined,
};

/** At most `limit` tasks at once, first come first served; a waiter whose signal fires leaves the queue. */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(signal: AbortSignal, task: () => Promise<T>, gaveUp: () => T): Promise<T> {
    if (signal.aborted) return gaveUp();
    if (this.running < this.limit) {
      this.running += 1;
    } else {
      const admitted = await new Promise<boolean>((resolve) => {
        const admit = () => {
          signal.removeEventListener('abort', leave);
          resolve(true);
        };
        const leave = () => {
          this.waiting.splice(this.waiting.indexOf(admit), 1);
          resolve(false);
        };
        this.waiting.push(admit);
        signal.addEventListener('abort', leave, { once: true });
      });
      if (!admitted) return gaveUp();
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` counts it without a gap.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** Legs of one request the routing service did not answer, by why; `not_sent`: its time ran out first. */
export type Misses = Partial<Record<Exclude<OsrmResult, 'ok' | 'no_route'> | 'not_sent', number>>;

/**
 * Travel times of legs from an OSRM-compatible service: car and walking legs measured on the
 * road and footpath network, cached, at most MAX_IN_FLIGHT calls at once, and never longer than
 * `timeoutMs` per request. A leg without a measure is null: the client keeps its estimate.
 */
export class TravelTimes {
  private readonly cache: AnswerCache<RoutedLeg | null>;
  private readonly gate = new Gate(MAX_IN_FLIGHT);
  private readonly calls: Counter<'result'>;
  private readonly cacheHits: Counter;
  private readonly urls: Record<OsrmProfile, string | undefined>;
  /** Whether the last request saw the service fail: the log says so once per outage, not per request. */
  private failing = false;

  constructor(
    private readonly config: Config['routing'],
    metrics: Registry,
    private readonly logger: Logger,
  ) {
    this.urls = { driving: config.carUrl, foot: config.footUrl };
    this.cache = new AnswerCache(config.cacheSize, config.cacheTtlSeconds * 1000);
    this.calls = new Counter({
      name: 'hamgaja_routing_requests_total',
      help: 'Calls to the routing service (OSRM) by result: ok, no_route, refused, http_error, bad_answer, timeout, unreachable, cancelled',
      labelNames: ['result'] as const,
      registers: [metrics],
    });
    this.cacheHits = new Counter({
      name: 'hamgaja_routing_cache_hits_total',
      help: 'Legs answered from the routing cache without calling the routing service',
      registers: [metrics],
    });
  }

  /** False when no routing service is configured: every leg is null. */
  get available(): boolean {
    return this.config.carUrl !== undefined || this.config.footUrl !== undefined;
  }

  /** Measures the legs, in order; `gone` fires when the client went away. */
  async measure(
    legs: RoutingLegRequest[],
    gone: AbortSignal,
  ): Promise<{ legs: (RoutedLeg | null)[]; misses: Misses }> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RoutingDeadline()), this.config.timeoutMs);
    const signal = AbortSignal.any([deadline.signal, gone]);
    // Every queued leg listens for the end; up to MAX_ROUTING_LEGS of them is no leak.
    setMaxListeners(MAX_ROUTING_LEGS + MAX_IN_FLIGHT, signal);
    const misses: Misses = {};
    let answered = false;
    // The same leg twice in one request is asked once.
    const asked = new Map<string, Promise<RoutedLeg | null>>();
    const one = (leg: RoutingLegRequest): Promise<RoutedLeg | null> => {
      const profile = PROFILES[leg.mode];
      const baseUrl = profile && this.urls[profile];
      if (!profile || !baseUrl) return Promise.resolve(null);
      const coordinates = osrmCoordinates(leg.from, leg.to);
      const key = `${profile}/${coordinates}`;
      const kept = this.cache.get(key);
      if (kept) {
        this.cacheHits.inc();
        return Promise.resolve(kept.value);
      }
      let answer = asked.get(key);
      if (!answer) {
        answer = this.gate.run(
          signal,
          async () => {
            const outcome = await routeLeg(baseUrl, profile, coordinates, signal);
            this.calls.inc({ result: outcome.result });
            if (outcome.result === 'ok' || outcome.result === 'no_route') {
              answered = true;
              const value = outcome.result === 'ok' ? outcome.leg : null;
              this.cache.set(key, value);
              return value;
            }
            misses[outcome.result] = (misses[outcome.result] ?? 0) + 1;
            return null;
          },
          () => {
            const why = signal.reason instanceof RoutingDeadline ? 'not_sent' : 'cancelled';
            misses[why] = (misses[why] ?? 0) + 1;
            return null;
          },
        );
        asked.set(key, answer);
      }
      return answer;
    };
    try {
      const measured = await Promise.all(legs.map(one));
      this.report(misses, answered);
      return { legs: measured, misses };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Logs when the service starts failing (warn, once) and when it answers again (info). */
  private report(misses: Misses, answered: boolean): void {
    const failed = Object.keys(misses).some((why) => why !== 'cancelled');
    if (failed && !this.failing) {
      this.failing = true;
      this.logger.warn(
        { misses, timeoutMs: this.config.timeoutMs },
        'The routing service failed to measure legs; the app keeps its estimates (hamgaja_routing_requests_total counts further failures)',
      );
    } else if (!failed && answered && this.failing) {
      this.failing = false;
      this.logger.info('The routing service answers again');
    }
  }
}
