import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routingLegsResponseSchema, type RoutingLegRequest, type RoutingPoint } from '@hamgaja/shared';
import {
  client,
  createTestDatabase,
  expectProblem,
  signUp,
  type Client,
  startTestServer,
  type TestDb,
  type TestServer,
} from '../../test/harness.js';
import { FakeOsrm, plausibleRoute } from './fake-osrm.js';

/** Real places; each test measures legs of its own so that the cache of one never serves another. */
const cityHall = { lat: 37.5663, lng: 126.9779 };
const gyeongbokgung = { lat: 37.5796, lng: 126.977 };
const namsanTower = { lat: 37.5512, lng: 126.9882 };
const gwangjangMarket = { lat: 37.5701, lng: 126.9996 };
const busanStation = { lat: 35.1151, lng: 129.0422 };
const haeundae = { lat: 35.1587, lng: 129.1604 };
const jejuAirport = { lat: 33.5104, lng: 126.4914 };
const seongsan = { lat: 33.4581, lng: 126.9425 };

const leg = (from: RoutingPoint, to: RoutingPoint, mode: RoutingLegRequest['mode']) => ({ from, to, mode });
/** A point `i` steps of about 100 m east of `p`: many distinct legs. */
const east = (p: RoutingPoint, i: number) => ({ lat: p.lat, lng: p.lng + i * 0.001 });

/** What the fake answered for a leg, as the endpoint must report it (whole metres and seconds). */
const expected = (from: RoutingPoint, to: RoutingPoint, profile: 'driving' | 'foot') => {
  const route = plausibleRoute({
    profile,
    coordinates: [
      [from.lng, from.lat],
      [to.lng, to.lat],
    ],
    query: new URLSearchParams(),
  });
  return {
    distanceMetres: Math.round(route.distance),
    durationSeconds: Math.round(route.duration),
    source: 'osrm',
  };
};

/** The value of one sample of a Prometheus counter (0 when absent). */
async function counter(api: Client, sample: string): Promise<number> {
  const text = (await api.get('/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('POST /routing/legs against a fake OSRM server', () => {
  let osrm: FakeOsrm;
  let footOsrm: FakeOsrm;
  let db: TestDb;
  let server: TestServer;
  let tight: TestServer;
  let split: TestServer;
  let off: TestServer;
  let api: Client;
  let token: string;
  /** An access token per server: each test server signs with a secret of its own. */
  const tokens = new Map<TestServer, string>();

  beforeAll(async () => {
    osrm = await new FakeOsrm().start();
    footOsrm = await new FakeOsrm().start();
    db = await createTestDatabase();
    server = await startTestServer({ ROUTING_URL: `${osrm.url}/`, ROUTING_TIMEOUT_MS: '5000' }, db);
    tight = await startTestServer({ ROUTING_URL: osrm.url, ROUTING_TIMEOUT_MS: '400' }, db);
    split = await startTestServer({ ROUTING_URL: osrm.url, ROUTING_FOOT_URL: footOsrm.url }, db);
    off = await startTestServer({}, db);
    api = client(server.url);
    for (const s of [server, tight, split, off]) tokens.set(s, (await signUp(client(s.url))).accessToken);
    token = tokens.get(server)!;
  });
  afterAll(async () => {
    await off?.stop();
    await split?.stop();
    await tight?.stop();
    await server?.stop();
    await db?.drop();
    await footOsrm?.stop();
    await osrm?.stop();
  });
  beforeEach(() => {
    osrm.reset();
    footOsrm.reset();
  });

  const post = (on: TestServer, legs: unknown[]) =>
    client(on.url).post('/routing/legs', { legs }, { token: tokens.get(on)! });

  it('measures car legs on the driving profile and walking legs on the foot profile, in order', async () => {
    const res = await post(server, [
      leg(cityHall, gyeongbokgung, 'car'),
      leg(cityHall, gyeongbokgung, 'transit'),
      leg(gyeongbokgung, namsanTower, 'walk'),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(routingLegsResponseSchema.parse(res.body)).toEqual({
      available: true,
      legs: [
        expected(cityHall, gyeongbokgung, 'driving'),
        null,
        expected(gyeongbokgung, namsanTower, 'foot'),
      ],
    });
    // OSRM's order is lng,lat; no geometry asked for.
    expect(osrm.requests.map((r) => [r.profile, r.coordinates, r.query.get('overview')])).toEqual(
      expect.arrayContaining([
        [
          'driving',
          [
            [cityHall.lng, cityHall.lat],
            [gyeongbokgung.lng, gyeongbokgung.lat],
          ],
          'false',
        ],
        [
          'foot',
          [
            [gyeongbokgung.lng, gyeongbokgung.lat],
            [namsanTower.lng, namsanTower.lat],
          ],
          'false',
        ],
      ]),
    );
    expect(osrm.requests).toHaveLength(2);
  });

  it('answers transit legs null without asking the routing service', async () => {
    const res = await post(server, [
      leg(busanStation, haeundae, 'transit'),
      leg(haeundae, busanStation, 'transit'),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: true, legs: [null, null] });
    expect(osrm.requests).toHaveLength(0);
  });

  it('asks the routing service once for a repeated leg (cache keyed at 5 decimals)', async () => {
    const legs = [leg(jejuAirport, seongsan, 'car'), leg(seongsan, jejuAirport, 'walk')];
    const first = await post(server, legs);
    expect(first.status).toBe(200);
    expect(osrm.requests).toHaveLength(2);
    const hitsBefore = await counter(api, 'hamgaja_routing_cache_hits_total');

    const again = await post(server, legs);
    expect(again.body).toEqual(first.body);
    // Differences past the fifth decimal (under a metre) are the same leg.
    const nudged = { lat: jejuAirport.lat + 0.000001, lng: jejuAirport.lng - 0.000001 };
    const close = await post(server, [leg(nudged, seongsan, 'car')]);
    expect(close.body).toEqual({ available: true, legs: [first.body.legs[0]] });
    expect(osrm.requests).toHaveLength(2);
    expect(await counter(api, 'hamgaja_routing_cache_hits_total')).toBe(hitsBefore + 3);

    // The same leg twice in one request is asked once too; a new mode is a new leg.
    const twice = await post(server, [leg(cityHall, haeundae, 'car'), leg(cityHall, haeundae, 'car')]);
    expect(twice.body.legs[0]).toEqual(expected(cityHall, haeundae, 'driving'));
    expect(twice.body.legs[1]).toEqual(twice.body.legs[0]);
    expect(osrm.requests).toHaveLength(3);
  });

  it('answers null within ROUTING_TIMEOUT_MS when the routing service hangs, and caches no failure', async () => {
    osrm.answer = () => ({ kind: 'hang' });
    const legs = [leg(gwangjangMarket, namsanTower, 'car'), leg(gwangjangMarket, cityHall, 'walk')];
    const timeouts = () => counter(client(tight.url), 'hamgaja_routing_requests_total{result="timeout"}');
    const timeoutsBefore = await timeouts();
    const started = Date.now();
    const res = await post(tight, legs);
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: true, legs: [null, null] });
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(2000);
    expect(await timeouts()).toBe(timeoutsBefore + 2);

    // The service recovers: the same legs are asked again, not served as cached nulls.
    osrm.reset();
    const later = await post(tight, legs);
    expect(later.body.legs).toEqual([
      expected(gwangjangMarket, namsanTower, 'driving'),
      expected(gwangjangMarket, cityHall, 'foot'),
    ]);
    expect(osrm.requests).toHaveLength(2);
  });

  it('drops legs still queued when the time is up instead of making the request wait', async () => {
    osrm.answer = () => ({ kind: 'hang' });
    const legs = Array.from({ length: 40 }, (_, i) => leg(east(busanStation, i), haeundae, 'car'));
    const started = Date.now();
    const res = await post(tight, legs);
    expect(res.status).toBe(200);
    expect(res.body.legs).toEqual(legs.map(() => null));
    expect(Date.now() - started).toBeLessThan(2000);
    // Only the first four were ever sent.
    expect(osrm.requests).toHaveLength(4);
  });

  it('keeps at most 4 calls in flight to the routing service', async () => {
    osrm.answer = () => ({ kind: 'slow', ms: 60 });
    const legs = Array.from({ length: 12 }, (_, i) => leg(east(cityHall, i + 1), seongsan, 'car'));
    const res = await post(server, legs);
    expect(res.status).toBe(200);
    expect(res.body.legs.every((l: unknown) => l !== null)).toBe(true);
    expect(osrm.requests).toHaveLength(12);
    expect(osrm.maxInFlight).toBe(4);
  });

  it.each([
    ['an HTTP 500', { kind: 'error', status: 500 }, 'http_error'],
    ['an HTTP 502 from a proxy', { kind: 'error', status: 502 }, 'http_error'],
    ['code NoRoute', { kind: 'no_route' }, 'no_route'],
    ['a body that is not JSON', { kind: 'garbage' }, 'bad_answer'],
    ['code Ok without routes', { kind: 'empty' }, 'bad_answer'],
  ] as const)('answers null for %s and still succeeds', async (_name, reply, result) => {
    osrm.answer = () => reply;
    const from = east(gyeongbokgung, 100 + Math.floor(Math.random() * 1e4));
    const before = await counter(api, `hamgaja_routing_requests_total{result="${result}"}`);
    const res = await post(server, [leg(from, namsanTower, 'car'), leg(from, namsanTower, 'transit')]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ available: true, legs: [null, null] });
    expect(osrm.requests).toHaveLength(1);
    expect(await counter(api, `hamgaja_routing_requests_total{result="${result}"}`)).toBe(before + 1);
  });

  it('sends walking legs to ROUTING_FOOT_URL and car legs to ROUTING_URL', async () => {
    const res = await post(split, [
      leg(haeundae, busanStation, 'walk'),
      leg(busanStation, jejuAirport, 'car'),
    ]);
    expect(res.body.legs).toEqual([
      expected(haeundae, busanStation, 'foot'),
      expected(busanStation, jejuAirport, 'driving'),
    ]);
    expect(footOsrm.requests.map((r) => r.profile)).toEqual(['foot']);
    expect(osrm.requests.map((r) => r.profile)).toEqual(['driving']);
  });

  it('answers every leg null with available: false when ROUTING_URL is unset', async () => {
    const res = await post(off, [leg(cityHall, gyeongbokgung, 'car'), leg(cityHall, gyeongbokgung, 'walk')]);
    expect(res.status).toBe(200);
    expect(routingLegsResponseSchema.parse(res.body)).toEqual({ available: false, legs: [null, null] });
    expect(osrm.requests).toHaveLength(0);
  });

  it('refuses invalid requests with 400 validation_failed', async () => {
    const ok = leg(cityHall, gyeongbokgung, 'car');
    const bad: unknown[] = [
      { legs: Array.from({ length: 101 }, () => ok) },
      { legs: [{ ...ok, from: { lat: 91, lng: 127 } }] },
      { legs: [{ ...ok, to: { lat: 37.5, lng: -180.5 } }] },
      { legs: [{ ...ok, from: { lat: '37.5', lng: 127 } }] },
      { legs: [{ ...ok, mode: 'bike' }] },
      { legs: [{ ...ok, extra: true }] },
      { legs: ok },
      {},
    ];
    for (const body of bad) {
      const res = await api.post('/routing/legs', body, { token });
      expectProblem(res, 400, 'validation_failed');
    }
    expectProblem(
      await api.post('/routing/legs', undefined, { token, raw: '{"legs": [' }),
      400,
      'invalid_json',
    );
    expect(osrm.requests).toHaveLength(0);
    // The limit itself is fine.
    const hundred = await api.post(
      '/routing/legs',
      { legs: Array.from({ length: 100 }, () => ok) },
      { token },
    );
    expect(hundred.status).toBe(200);
    expect(hundred.body.legs).toHaveLength(100);
  });

  it('requires an access token', async () => {
    expectProblem(
      await api.post('/routing/legs', { legs: [leg(cityHall, gyeongbokgung, 'car')] }),
      401,
      'unauthenticated',
    );
    expectProblem(await client(off.url).post('/routing/legs', { legs: [] }), 401, 'unauthenticated');
    expect(osrm.requests).toHaveLength(0);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api.get('/docs/openapi.json')).body;
    expect(doc.paths['/api/routing/legs'].post.security).toEqual([{ bearer: [] }]);
  });
});
