// GET /rates and the daily rates refresh against a local fake of the ECB feed (a real HTTP
// server answering the ECB's XML): the first answer, the ETag/304 revalidation, a new day, a
// feed that fails or answers garbage (the last good rates stay, and it is logged), the lazy
// refresh of overdue rates, and a server without RATES_URL (stored rates, or a clear "none").
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ratesResponseSchema } from '@hamgaja/shared';
import {
  client,
  createTestDatabase,
  signUp,
  startTestServer,
  type Client,
  type TestDb,
  type TestServer,
} from '../../test/harness.js';
import { ECB_SAMPLE_RATES, ecbXml, FakeEcb } from './fake-ecb.js';
import { exchangeRatesOf } from './service.js';

const DAY_MS = 86_400_000;

describe('exchange rates from a daily ECB-style feed', () => {
  let feed: FakeEcb;
  let db: TestDb;
  let server: TestServer;
  let api: Client;

  beforeAll(async () => {
    feed = await new FakeEcb().start();
    db = await createTestDatabase();
    server = await startTestServer({ RATES_URL: feed.url, RATES_TIMEOUT_MS: '2000' }, db);
    api = client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await feed?.stop();
  });
  beforeEach(() => vi.restoreAllMocks());

  const rates = () => exchangeRatesOf(server.ctx);
  async function storedRows() {
    return server.ctx.db.sequelize.query<{ quote: string; rate: string; rate_date: string }>(
      'SELECT quote, rate, rate_date FROM exchange_rates ORDER BY quote',
      { type: QueryTypes.SELECT },
    );
  }

  it('fetches the feed when the server starts and answers its rates, publicly, as decimal text', async () => {
    await rates().idle();
    expect(feed.requests.map((r) => r.path)).toEqual(['/stats/eurofxref/eurofxref-daily.xml']);
    const res = await api.get('/rates');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(ratesResponseSchema.parse(res.body)).toEqual({
      base: 'EUR',
      date: '2026-12-04',
      fetchedAt: expect.any(String),
      source: 'ECB',
      state: 'current',
      rates: ECB_SAMPLE_RATES,
    });
    // Kept in the database for every instance and for restarts.
    const rows = await storedRows();
    expect(Object.fromEntries(rows.map((row) => [row.quote, row.rate]))).toEqual(ECB_SAMPLE_RATES);
    expect(new Set(rows.map((row) => row.rate_date))).toEqual(new Set(['2026-12-04']));
    // Fresh rates are not fetched again on request; a signed-in caller gets the same answer.
    const { accessToken } = await signUp(api);
    expect((await api.get('/rates', { token: accessToken })).body).toEqual(res.body);
    expect(feed.requests).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match, and a new tag once the rates change', async () => {
    const first = await api.get('/rates');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await api.get('/rates', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await api.get('/rates', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);

    // The next day's rates.
    feed.reply = { kind: 'rates', date: '2026-12-07', rates: { ...ECB_SAMPLE_RATES, JPY: '162.10' } };
    expect(await rates().refresh()).toBe('updated');
    const next = await api.get('/rates', { headers: { 'if-none-match': etag! } });
    expect(next.status).toBe(200);
    expect(next.headers.get('etag')).not.toBe(etag);
    expect(next.body).toMatchObject({ date: '2026-12-07', state: 'current', rates: { JPY: '162.10' } });
    expect((await storedRows()).find((row) => row.quote === 'JPY')).toMatchObject({
      rate: '162.10',
      rate_date: '2026-12-07',
    });
  });

  it('keeps the last good rates when the feed fails or answers garbage, and logs it', async () => {
    const good = (await api.get('/rates')).body;
    const rowsBefore = await storedRows();
    const warn = vi.spyOn(server.ctx.logger, 'warn');
    const bad = [
      { kind: 'error', status: 503 },
      { kind: 'error', status: 404 },
      { kind: 'body', body: '{"rates":{"USD":1.05}}', contentType: 'application/json' },
      { kind: 'body', body: '<html><body><h1>Maintenance</h1></body></html' },
      { kind: 'body', body: ecbXml('2026-12-08', {}) },
      { kind: 'body', body: ecbXml('2026-12-08', { USD: 'n/a', JPY: '-3', WON: '1.5' }) },
      { kind: 'body', body: ecbXml('yesterday', ECB_SAMPLE_RATES) },
      { kind: 'body', body: ecbXml('2026-12-08', ECB_SAMPLE_RATES).slice(0, 400) },
      { kind: 'body', body: '' },
    ] as const;
    for (const reply of bad) {
      feed.reply = reply;
      expect(await rates().refresh(), JSON.stringify(reply)).toBe('failed');
      const res = await api.get('/rates');
      expect(res.status).toBe(200);
      expect(res.body, JSON.stringify(reply)).toEqual(good);
    }
    expect(await storedRows()).toEqual(rowsBefore);
    expect(warn).toHaveBeenCalledTimes(bad.length);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'HTTP 503', keptDate: '2026-12-07' }),
      'exchange rates feed failed; keeping the last good rates',
    );
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.stringContaining('not well-formed XML') }),
      expect.any(String),
    );
    const metrics = (await api.get('/metrics')).text;
    expect(metrics).toContain(`hamgaja_rates_refreshes_total{result="failed"} ${bad.length}`);
  });

  it('refreshes overdue rates on request: answers the last ones at once (stale), then the new day', async () => {
    feed.reply = { kind: 'rates', date: '2026-12-08', rates: { ...ECB_SAMPLE_RATES, KRW: '1501.2' } };
    const requests = feed.requests.length;
    const tomorrow = new Date(Date.now() + DAY_MS + 60_000);
    const answer = await rates().current(tomorrow);
    expect(answer).toMatchObject({ date: '2026-12-07', state: 'stale' });
    await rates().idle();
    expect(feed.requests.length).toBe(requests + 1);
    expect((await api.get('/rates')).body).toMatchObject({
      date: '2026-12-08',
      state: 'current',
      rates: { KRW: '1501.2' },
    });
  });

  it('without RATES_URL: answers the stored rates, and never calls a feed', async () => {
    const requests = feed.requests.length;
    const plain = await startTestServer({}, db);
    try {
      const res = await client(plain.url).get('/rates');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ base: 'EUR', date: '2026-12-08', state: 'current', source: 'ECB' });
      expect(feed.requests.length).toBe(requests);
    } finally {
      await plain.stop();
    }
  });
});

describe('exchange rates with no feed and nothing stored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('answers a clear empty set ("none"), never an error, with an ETag', async () => {
    const api = client(server.url);
    const res = await api.get('/rates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      base: 'EUR',
      date: null,
      fetchedAt: null,
      source: null,
      state: 'none',
      rates: {},
    });
    const etag = res.headers.get('etag')!;
    expect((await api.get('/rates', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(await exchangeRatesOf(server.ctx).refresh()).toBe('off');
  });
});

describe('exchange rates when the feed is down from the start', () => {
  let feed: FakeEcb;
  let server: TestServer;
  beforeAll(async () => {
    feed = await new FakeEcb().start();
    feed.reply = { kind: 'error', status: 500 };
    server = await startTestServer({ RATES_URL: feed.url });
  });
  afterAll(async () => {
    await server?.stop();
    await feed?.stop();
  });

  it('answers "none" and does not hammer the feed on every request', async () => {
    await exchangeRatesOf(server.ctx).idle();
    const api = client(server.url);
    for (let i = 0; i < 3; i += 1) {
      expect((await api.get('/rates')).body).toMatchObject({ state: 'none', rates: {} });
    }
    // The start-up attempt only: the next waits RETRY_AFTER_FAILURE_MS.
    expect(feed.requests).toHaveLength(1);
  });
});
