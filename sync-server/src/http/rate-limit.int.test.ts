import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestDatabase,
  expectProblem,
  freePort,
  signUp,
  startPrivateRedis,
  startTestServer,
  stopPrivateRedis,
  TEST_REDIS_URL,
  type ApiResponse,
  type TestDb,
  type TestServer,
} from '../../test/harness.js';

const LIMIT = 6;
const hex = () => randomBytes(6).toString('hex');

/** Two instances of one deployment: one database, one secret, one Redis and one rate-limit prefix. */
async function startPair(redisUrl: string, prefix: string, db: TestDb, extra: Record<string, string> = {}) {
  const env = {
    REDIS_URL: redisUrl,
    REDIS_CHANNEL: `hamgaja:test:${hex()}`,
    RATE_LIMIT_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT: String(LIMIT),
    EMAIL_CHECK_RATE_LIMIT: String(LIMIT),
    ...extra,
  };
  return [await startTestServer(env, db), await startTestServer(env, db)] as const;
}

function expectLimited(res: ApiResponse) {
  expectProblem(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
}

const wrongLogin = (server: TestServer, i: number) =>
  client(server.url).post('/auth/login', { email: 'guess@example.com', password: `guess-${i}` });

describe('rate limits shared by two instances through Redis', () => {
  const prefix = `hamgaja:test:rl:${hex()}:`;
  let db: TestDb;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await startPair(TEST_REDIS_URL, prefix, db);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('uses the Redis store on every instance', () => {
    expect([a.ctx.rateLimits.store, b.ctx.rateLimits.store]).toEqual(['redis', 'redis']);
  });

  it('the log-in limit holds across instances: attempts split over A and B, the next one is 429 on both', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expectProblem(await wrongLogin(i % 2 === 0 ? a : b, i), 401, 'invalid_credentials');
    }
    expectLimited(await wrongLogin(a, LIMIT));
    expectLimited(await wrongLogin(b, LIMIT + 1));
    const refused = async (s: TestServer) =>
      (await s.ctx.metrics.getSingleMetric('hamgaja_rate_limited_total')?.get())?.values.find(
        (v) => v.labels.limit === 'login',
      )?.value;
    expect([await refused(a), await refused(b)]).toEqual([1, 1]);
  });

  it('sign-up, e-mail checks and password resets are shared too, each with a budget of its own', async () => {
    const apiA = client(a.url);
    const apiB = client(b.url);
    for (let i = 0; i < LIMIT; i++) await signUp(i % 2 === 0 ? apiA : apiB);
    expectLimited(
      await apiB.post('/auth/signup', {
        email: `late-${hex()}@example.com`,
        password: 'long-enough-1',
        displayName: 'X',
      }),
    );
    for (let i = 0; i < LIMIT; i++)
      expect(
        (await (i % 2 === 0 ? apiA : apiB).get(`/auth/email-available?email=p${i}@example.com`)).status,
      ).toBe(200);
    expectLimited(await apiA.get('/auth/email-available?email=p9@example.com'));
    for (let i = 0; i < LIMIT; i++) {
      const res = await (i % 2 === 0 ? apiA : apiB).post('/auth/password-reset/request', {
        email: `r${i}@example.com`,
      });
      expect(res.status).toBe(202);
    }
    expectLimited(await apiB.post('/auth/password-reset/request', { email: 'r9@example.com' }));
    for (let i = 0; i < LIMIT; i++) {
      const res = await (i % 2 === 0 ? apiA : apiB).post('/auth/password-reset/confirm', {
        token: `not-a-token-${i}`,
        password: 'long-enough-1',
      });
      expect(res.status).not.toBe(429);
    }
    expectLimited(
      await apiA.post('/auth/password-reset/confirm', { token: 'not-a-token-9', password: 'long-enough-1' }),
    );
  });
});

describe('rate limits while Redis is down', () => {
  let db: TestDb;
  let a: TestServer;
  let b: TestServer;
  let redis: ChildProcess;
  let port: number;
  const prefix = `hamgaja:test:rl:${hex()}:`;

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis(port);
    db = await createTestDatabase();
    // E-mail checks probe the recovery below; their budget must outlast it.
    [a, b] = await startPair(`redis://127.0.0.1:${port}`, prefix, db, { EMAIL_CHECK_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
    if (redis) await stopPrivateRedis(redis);
  });

  it('sign-in keeps working and each instance falls back to its own in-memory limit', async () => {
    await stopPrivateRedis(redis);
    const user = await signUp(client(a.url));
    const login = await client(b.url).post('/auth/login', { email: user.email, password: user.password });
    expect(login.status).toBe(200);
    // In memory, B counts only its own attempts: the successful log-in above and these.
    for (let i = 1; i < LIMIT; i++) expectProblem(await wrongLogin(b, i), 401, 'invalid_credentials');
    expectLimited(await wrongLogin(b, LIMIT));
    expectProblem(await wrongLogin(a, 0), 401, 'invalid_credentials');
    const fallbacks = await b.ctx.metrics.getSingleMetric('hamgaja_rate_limit_fallbacks_total')?.get();
    expect(fallbacks?.values[0]?.value).toBeGreaterThan(0);
  });

  it('counts in Redis again once it is back', async () => {
    redis = await startPrivateRedis(port);
    const check = new Redis(`redis://127.0.0.1:${port}`);
    try {
      const deadline = Date.now() + 15_000;
      let shared: string[] = [];
      while (shared.length === 0 && Date.now() < deadline) {
        expect((await client(a.url).get('/auth/email-available?email=back@example.com')).status).toBe(200);
        shared = await check.keys(`${prefix}email_check:*`);
        if (shared.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(shared).toHaveLength(1);
    } finally {
      await check.quit();
    }
  });
});
