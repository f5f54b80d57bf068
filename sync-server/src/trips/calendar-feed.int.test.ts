import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { stopDoc, syncClient, tripDoc, type Doc, type SyncClient } from '../sync/testing.js';
import { FEED_FETCHES_PER_HOUR } from './calendar-feed-routes.js';
import { readDate } from './membership.js';
import { sqlTime } from '../db/bind.js';

type Feed = { token: string; url: string; webcalUrl: string; createdAt: string; rotatedAt: string | null };

/** The events of an ICS text, read back by a real parser (ical.js). */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      allDay: event.startDate.isDate,
      start: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
      end: event.endDate.isDate ? event.endDate.toString() : event.endDate.toJSDate().toISOString(),
      stamp: String(vevent.getFirstPropertyValue('dtstamp')),
    };
  });
}

describe('a trip’s live calendar feed', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://hamgaja.example' });
    api = client(server.url);
    const o = await signUp(api, 'Olivia');
    owner = syncClient(api, o.accessToken);
    ownerId = o.user.id;
  });
  afterAll(() => server.stop());

  const createFeed = (tripId: string) =>
    api.post<Feed>(`/trips/${tripId}/calendar-feed`, undefined, { token: owner.token });
  /** The public feed, fetched without any sign-in. */
  const fetchFeed = (token: string, query = '', headers: Record<string, string> = {}) =>
    api.get<string>(`/calendar/${token}.ics${query}`, { headers });

  async function tripWithStops(overrides: Partial<Doc> = {}) {
    const [trip] = await owner.create('trips', [tripDoc(ownerId, { title: 'Jeju in spring', ...overrides })]);
    const stops = await owner.create('stops', [
      stopDoc(trip!.id, { day: 0, orderKey: 'a0', startTime: '09:00', durationMinutes: 120 }),
      stopDoc(trip!.id, {
        day: 1,
        orderKey: 'a0',
        startTime: '14:30',
        durationMinutes: null,
        place: { name: 'Dongmun Market', address: 'Jeju-si' },
        category: 'food',
      }),
      stopDoc(trip!.id, { day: 2, orderKey: 'a0', startTime: null, place: { name: 'Hallasan' } }),
    ]);
    return { trip: trip!, stops };
  }

  it('creates a feed whose URL serves the trip’s stops as ICS, without sign-in', async () => {
    const { trip, stops } = await tripWithStops();
    const res = await createFeed(trip.id);
    expect(res.status, res.text).toBe(201);
    const { token } = res.body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({
      active: true,
      url: `https://hamgaja.example/api/calendar/${token}.ics`,
      webcalUrl: `webcal://hamgaja.example/api/calendar/${token}.ics`,
      rotatedAt: null,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');

    // The status never shows the URL again.
    const status = await api.get(`/trips/${trip.id}/calendar-feed`, { token: owner.token });
    expect(status.body).toEqual({ active: true, createdAt: res.body.createdAt, rotatedAt: null });
    expect(status.text).not.toContain(token);

    const feed = await fetchFeed(token);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, max-age=300');
    expect(feed.headers.get('etag')).toMatch(/^"[\w-]{43}"$/);
    const [a, b, c] = stops;
    expect(events(feed.body)).toEqual([
      expect.objectContaining({
        uid: `trip-${trip.id}@hamgaja`,
        allDay: true,
        start: '2025-04-01',
        end: '2025-04-05',
      }),
      // 09:00 in Seoul (UTC+9) for two hours.
      expect.objectContaining({
        uid: `stop-${a!.id}@hamgaja`,
        summary: 'Seongsan Ilchulbong',
        allDay: false,
        start: '2025-04-01T00:00:00.000Z',
        end: '2025-04-01T02:00:00.000Z',
      }),
      expect.objectContaining({
        uid: `stop-${b!.id}@hamgaja`,
        summary: 'Dongmun Market',
        start: '2025-04-02T05:30:00.000Z',
        end: '2025-04-02T06:30:00.000Z',
      }),
      expect.objectContaining({
        uid: `stop-${c!.id}@hamgaja`,
        summary: 'Hallasan',
        allDay: true,
        start: '2025-04-03',
        end: '2025-04-04',
      }),
    ]);
    expect(feed.body).toContain('X-WR-TIMEZONE:Asia/Seoul');

    // Only a hash of the token is kept.
    const rows = await server.ctx.db.sequelize.query<Record<string, unknown>>(
      'SELECT * FROM trip_calendar_feeds WHERE trip_id = $tripId',
      { type: QueryTypes.SELECT, bind: { tripId: trip.id } },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('uses the trip’s own time zone', async () => {
    const { trip, stops } = await tripWithStops({ timeZone: 'Europe/Paris' });
    const feed = await fetchFeed((await createFeed(trip.id)).body.token);
    expect(feed.body).toContain('X-WR-TIMEZONE:Europe/Paris');
    // 09:00 in Paris in April (summer time, UTC+2).
    expect(events(feed.body).find((e) => e.uid === `stop-${stops[0]!.id}@hamgaja`)?.start).toBe(
      '2025-04-01T07:00:00.000Z',
    );
  });

  it('answers the same ETag while nothing changes, 304 to If-None-Match, and a new one after an edit', async () => {
    const { trip, stops } = await tripWithStops();
    const { token } = (await createFeed(trip.id)).body;
    // As if the trip was last changed long ago: DTSTAMP is that time, not the time of the request.
    await server.ctx.db.sequelize.query(
      'UPDATE sync_documents SET updated_at = $at WHERE trip_id = $tripId',
      {
        bind: { at: sqlTime(server.ctx.db.dialect, new Date('2025-01-02T03:04:05.678Z')), tripId: trip.id },
      },
    );
    const first = await fetchFeed(token);
    expect(new Set(events(first.body).map((e) => e.stamp))).toEqual(new Set(['2025-01-02T03:04:05Z']));
    const again = await fetchFeed(token);
    const etag = first.headers.get('etag')!;
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.body).toBe(first.body);

    const unchanged = await fetchFeed(token, '', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect((await fetchFeed(token, '', { 'if-none-match': '"something-else"' })).status).toBe(200);
    // A list, and the weak form a proxy may have made of it, match too.
    expect((await fetchFeed(token, '', { 'if-none-match': `"something-else", W/${etag}` })).status).toBe(304);
    // fetch() adds Cache-Control: no-cache to conditional requests; the condition still holds.
    expect((await fetchFeed(token, '', { 'if-none-match': etag, 'cache-control': 'no-cache' })).status).toBe(
      304,
    );

    await owner.update('stops', stops[1]!, { ...stops[1]!, note: 'Try the tangerine juice' });
    const edited = await fetchFeed(token, '', { 'if-none-match': etag });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).not.toBe(etag);
    expect(edited.body).toContain('tangerine juice');
    // DTSTAMP on every event is the trip's latest change (to the second), not the time of the request.
    const [newest] = await server.ctx.db.sequelize.query<{ latest: unknown }>(
      'SELECT MAX(updated_at) AS latest FROM sync_documents WHERE trip_id = $tripId',
      { type: QueryTypes.SELECT, bind: { tripId: trip.id } },
    );
    const changed = readDate(newest?.latest).toISOString().slice(0, 19) + 'Z';
    expect(new Set(events(edited.body).map((e) => e.stamp))).toEqual(new Set([changed]));
  });

  it('moves a moved stop (same UID, no duplicate) and drops a deleted one', async () => {
    const { trip, stops } = await tripWithStops();
    const { token } = (await createFeed(trip.id)).body;
    const [a, b, c] = stops;
    const before = events((await fetchFeed(token)).body);
    expect(before).toHaveLength(4);

    // Another day and time, through a real push.
    await owner.update('stops', a!, { ...a!, day: 3, startTime: '18:15' });
    // Deleted: a tombstone.
    await owner.update('stops', c!, { ...c!, _deleted: true });
    const after = events((await fetchFeed(token)).body);
    expect(after.map((e) => e.uid).sort()).toEqual(
      [`trip-${trip.id}@hamgaja`, `stop-${a!.id}@hamgaja`, `stop-${b!.id}@hamgaja`].sort(),
    );
    expect(after.filter((e) => e.uid === `stop-${a!.id}@hamgaja`)).toEqual([
      expect.objectContaining({ start: '2025-04-04T09:15:00.000Z', end: '2025-04-04T11:15:00.000Z' }),
    ]);
  });

  it('speaks Korean by default and English on ?lang=en; refuses another language', async () => {
    const { trip } = await tripWithStops();
    const { token } = (await createFeed(trip.id)).body;
    const ko = await fetchFeed(token);
    const en = await fetchFeed(token, '?lang=en');
    expect(en.status).toBe(200);
    expect(ko.body).toContain('관광');
    expect(en.body).toContain('Sightseeing');
    expect(en.headers.get('etag')).not.toBe(ko.headers.get('etag'));
    expectProblem(await fetchFeed(token, '?lang=fr'), 400, 'validation_failed');
  });

  it('rotating gives a new URL and ends the old one; revoking ends it', async () => {
    const { trip } = await tripWithStops();
    const first = (await createFeed(trip.id)).body;
    const rotated = await createFeed(trip.id);
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).not.toBe(first.token);
    expect(rotated.body).toMatchObject({ createdAt: first.createdAt, rotatedAt: expect.any(String) });
    expectProblem(await fetchFeed(first.token), 404, 'calendar_feed_not_found');
    expect((await fetchFeed(rotated.body.token)).status).toBe(200);

    const revoked = await api.delete(`/trips/${trip.id}/calendar-feed`, undefined, { token: owner.token });
    expect(revoked.status).toBe(204);
    expectProblem(await fetchFeed(rotated.body.token), 404, 'calendar_feed_not_found');
    expect((await api.get(`/trips/${trip.id}/calendar-feed`, { token: owner.token })).body).toEqual({
      active: false,
      createdAt: null,
      rotatedAt: null,
    });
    expectProblem(
      await api.delete(`/trips/${trip.id}/calendar-feed`, undefined, { token: owner.token }),
      404,
      'calendar_feed_not_found',
    );
    // A new one after revoking starts afresh.
    const again = await createFeed(trip.id);
    expect(again.body.rotatedAt).toBeNull();
    expect((await fetchFeed(again.body.token)).status).toBe(200);
  });

  it('answers 404 once the trip is deleted, and to tokens that never were', async () => {
    const { trip } = await tripWithStops();
    const { token } = (await createFeed(trip.id)).body;
    await owner.update('trips', trip, { ...trip, _deleted: true });
    expectProblem(await fetchFeed(token), 404, 'calendar_feed_not_found');
    expectProblem(await createFeed(trip.id), 404, 'not_found');

    const unknown = token.startsWith('A') ? `B${token.slice(1)}` : `A${token.slice(1)}`;
    for (const path of [
      `/calendar/${unknown}.ics`,
      `/calendar/${token}`,
      '/calendar/short.ics',
      `/calendar/${token}.ical`,
    ])
      expectProblem(await api.get(path), 404, 'calendar_feed_not_found');
  });

  it('ends when its maker no longer owns the trip; the new owner makes their own', async () => {
    const leaving = await signUp(api, 'Lee');
    const leaver = syncClient(api, leaving.accessToken);
    const [trip] = await leaver.create('trips', [tripDoc(leaving.user.id, { title: 'Handed over' })]);
    await leaver.create('stops', [stopDoc(trip!.id)]);
    const heir = await signUp(api, 'Hana');
    const code = (await api.post(`/trips/${trip!.id}/invites`, { role: 'editor' }, { token: leaver.token }))
      .body.code as string;
    expect((await api.post(`/invites/${code}/accept`, undefined, { token: heir.accessToken })).status).toBe(
      200,
    );
    const feed = await api.post<Feed>(`/trips/${trip!.id}/calendar-feed`, undefined, { token: leaver.token });
    expect((await fetchFeed(feed.body.token)).status).toBe(200);

    const deletion = {
      password: leaving.password,
      board: 'anonymize',
      trips: { [trip!.id]: `transfer:${heir.user.id}` },
    };
    expect((await api.delete('/me', deletion, { token: leaver.token })).status).toBe(204);
    expectProblem(await fetchFeed(feed.body.token), 404, 'calendar_feed_not_found');
    const status = await api.get(`/trips/${trip!.id}/calendar-feed`, { token: heir.accessToken });
    expect(status.body).toEqual({ active: false, createdAt: null, rotatedAt: null });
    const own = await api.post<Feed>(`/trips/${trip!.id}/calendar-feed`, undefined, {
      token: heir.accessToken,
    });
    expect(own.status).toBe(201);
    expect((await fetchFeed(own.body.token)).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const paths = Object.keys((await api.get('/docs/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/trips/{id}/calendar-feed', '/api/calendar/{token}.ics']),
    );
  });

  it('limits how often one feed is fetched', async () => {
    const { trip } = await tripWithStops();
    const { token } = (await createFeed(trip.id)).body;
    for (let i = 0; i < FEED_FETCHES_PER_HOUR; i += 1) {
      const res = await api.request('HEAD', `/calendar/${token}.ics`);
      expect(res.status).toBe(200);
    }
    const refused = await fetchFeed(token);
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other feeds are not held back.
    const other = await tripWithStops();
    expect((await fetchFeed((await createFeed(other.trip.id)).body.token)).status).toBe(200);
  });
});
