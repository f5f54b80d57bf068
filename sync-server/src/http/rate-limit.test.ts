import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { Options } from 'express-rate-limit';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { problemHandler } from './problem.js';
import { FallbackLog, SharedStore, startRateLimits, type RateLimits } from './rate-limit.js';

const silent = pino({ level: 'silent' });
const config = (env: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/hamgaja-unused', ...env });

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

/** An app behind one limiter, listening on a free port; answers how many of `n` requests passed. */
async function passes(limiter: RequestHandler, n: number): Promise<number[]> {
  const app = express();
  app.get('/x', limiter, (_req, res) => void res.json({ ok: true }));
  app.use(problemHandler);
  const server = app.listen(0, '127.0.0.1');
  opened.push(server);
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await fetch(url)).status);
  return statuses;
}

describe('rate limits without REDIS_URL', () => {
  it('count in process memory: each instance spends a budget of its own', async () => {
    const instances: RateLimits[] = [];
    for (let i = 0; i < 2; i++) {
      instances.push(await startRateLimits({ config: config(), logger: silent, metrics: new Registry() }));
    }
    expect(instances.map((l) => l.store)).toEqual(['memory', 'memory']);
    const limit = { name: 'login' as const, limit: 2, windowMs: 60_000, what: 'log-in' };
    expect(await passes(instances[0]!.perIp(limit), 3)).toEqual([200, 200, 429]);
    expect(await passes(instances[1]!.perIp(limit), 3)).toEqual([200, 200, 429]);
    for (const l of instances) await l.close();
  });

  it('answer 429 problem+json with Retry-After and count the refusal by limit', async () => {
    const metrics = new Registry();
    const limits = await startRateLimits({ config: config(), logger: silent, metrics });
    const limiter = limits.perUser(
      { name: 'board_write', limit: 1, windowMs: 60_000, what: 'board write' },
      () => 'user-1',
    );
    expect(await passes(limiter, 3)).toEqual([200, 429, 429]);
    limits.refused('ai_request');
    const text = await metrics.metrics();
    expect(text).toContain('hamgaja_rate_limited_total{limit="board_write"} 2');
    expect(text).toContain('hamgaja_rate_limited_total{limit="ai_request"} 1');
  });

  it('RATE_LIMIT_PREFIX is checked at start', () => {
    expect(config().rateLimits.redisPrefix).toBe('hamgaja:rl:');
    expect(() => config({ RATE_LIMIT_PREFIX: 'has space' })).toThrow(/^RATE_LIMIT_PREFIX: /);
  });
});

describe('the shared store when Redis fails', () => {
  const options = { windowMs: 60_000 } as Options;
  const logger = () => {
    const log = pino({ level: 'warn' });
    return { log, warn: vi.spyOn(log, 'warn').mockImplementation(() => undefined) };
  };

  it('counts in memory while the connection is not ready, with one warning', async () => {
    const { log, warn } = logger();
    const counted = vi.fn();
    const call = vi.fn(() => Promise.reject(new Error('not connected')));
    const store = new SharedStore(
      { status: 'reconnecting', call } as never,
      'p:',
      new FallbackLog(log, counted),
    );
    store.init(options);
    expect((await store.increment('ip')).totalHits).toBe(1);
    expect((await store.increment('ip')).totalHits).toBe(2);
    expect(counted).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('counts in memory when a Redis command fails, and says so again only after a recovery', async () => {
    const { log, warn } = logger();
    const redis = {
      status: 'ready',
      call: vi.fn((..._args: unknown[]) => Promise.reject(new Error('down'))),
    };
    const store = new SharedStore(redis as never, 'p:', new FallbackLog(log, () => undefined));
    store.init(options);
    expect((await store.increment('ip')).totalHits).toBe(1);
    expect((await store.increment('ip')).totalHits).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    // Redis is back: SCRIPT LOAD answers a sha, EVALSHA the shared count.
    redis.call.mockImplementation(
      (command: unknown) => Promise.resolve(command === 'SCRIPT' ? 'sha' : [7, 60_000]) as never,
    );
    expect((await store.increment('ip')).totalHits).toBe(7);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]?.[0]).toMatch(/Redis answers again/);
  });
});
