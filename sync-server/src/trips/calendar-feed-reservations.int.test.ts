// The calendar feed carries the trip's reservations (one VEVENT each, UID reservation-<id>@hamgaja).
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { reservationDoc, syncClient, tripDoc, type SyncClient } from '../sync/testing.js';

describe('calendar feed with reservations', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const o = await signUp(api, 'Olivia');
    owner = syncClient(api, o.accessToken);
    ownerId = o.user.id;
  });
  afterAll(() => server.stop());

  it('lists a live reservation at its instants and drops a deleted one', async () => {
    const [trip] = await owner.create('trips', [tripDoc(ownerId)]);
    const [flight, gone] = await owner.create('reservations', [
      reservationDoc(trip!.id, {
        title: 'Korean Air 703',
        start: { date: '2025-04-01', time: '23:30', timeZone: 'Asia/Seoul' },
        end: { date: '2025-04-02', time: '01:10', timeZone: 'Asia/Tokyo' },
        from: { name: 'ICN' },
        to: { name: 'NRT' },
      }),
      reservationDoc(trip!.id, { title: 'Cancelled ferry', type: 'ferry' }),
    ]);
    await owner.update('reservations', gone!, { ...gone!, _deleted: true });
    const created = await api.post<{ token: string }>(`/trips/${trip!.id}/calendar-feed`, undefined, {
      token: owner.token,
    });
    expect(created.status, created.text).toBe(201);

    const feed = await api.get<string>(`/calendar/${created.body.token}.ics?lang=en`);
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(feed.body))
      .getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent));
    const uids = events.map((event) => event.uid);
    expect(uids).toContain(`reservation-${flight!.id}@hamgaja`);
    expect(uids).not.toContain(`reservation-${gone!.id}@hamgaja`);
    const event = events.find((e) => e.uid === `reservation-${flight!.id}@hamgaja`)!;
    expect(event.summary).toBe('Korean Air 703 (ICN → NRT)');
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-04-01T14:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2025-04-01T16:10:00.000Z');
  });
});
