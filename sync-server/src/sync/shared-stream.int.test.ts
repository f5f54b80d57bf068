/**
 * One connection for every collection's live changes (GET /api/sync/stream): a browser holds
 * only 6 HTTP/1.1 connections per server, so a stream per collection would leave none for the
 * pulls, pushes and pages once there are six collections. Each event names its collection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, replicateAll, syncedCollections, type Fetch } from '@hamgaja/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { DeviceSession, stopOf, tripOf, uid, type Account } from '../../test/devices.js';
import {
  hasDoc,
  isResync,
  openSharedStream,
  schemaHeaders,
  stopDoc,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type SyncClient,
} from './testing.js';

const version = (name: keyof typeof syncedCollections) => syncedCollections[name].version;

describe('replication: one stream for every collection', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient;
  let aliceId: string;
  let trip: Doc;
  const open: OpenStream[] = [];

  beforeAll(async () => {
    server = await startTestServer({ SYNC_HEARTBEAT_SECONDS: '1' });
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    alice = syncClient(api, a.accessToken);
    aliceId = a.user.id;
    trip = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server.stop();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  async function shared(streams: string, token = alice.token) {
    const s = await openSharedStream(server.url, token, streams);
    open.push(s);
    return s;
  }

  it("names each event's collection, skips only the naming replication's own pushes, and pings once", async () => {
    const s = await shared(`trips:${version('trips')}:replica-t1,stops:${version('stops')}:replica-s1`);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.headers.get('x-accel-buffering')).toBe('no');

    const stop = stopDoc(trip.id);
    await alice.create('stops', [stop]);
    const named = async (id: string) => {
      await s.waitFor(hasDoc(id));
      return s.named.filter((n) => hasDoc(id)(n.data)).map((n) => n.event);
    };
    expect(await named(stop.id)).toEqual(['stops']);
    const renamed = { ...trip, title: 'Renamed on the shared stream' };
    const pushed = await api.post<Doc[]>(
      '/sync/trips/push',
      [{ newDocumentState: renamed, assumedMasterState: trip }],
      { token: alice.token, headers: schemaHeaders('trips') },
    );
    expect(pushed.status, pushed.text).toBe(200);
    trip = renamed;
    expect(await named(trip.id)).toEqual(['trips']);

    // A push named like the stops part is not echoed to it; the trips part has another name.
    const own = stopDoc(trip.id);
    const res = await api.post<Doc[]>('/sync/stops/push', [{ newDocumentState: own }], {
      token: alice.token,
      headers: { ...schemaHeaders('stops'), 'x-hamgaja-client': 'replica-s1' },
    });
    expect(res.status, res.text).toBe(200);
    const after = stopDoc(trip.id);
    await alice.create('stops', [after]);
    await s.waitFor(hasDoc(after.id));
    expect(s.events.some(hasDoc(own.id))).toBe(false);

    // Heartbeats: one ping per connection, not one per collection on it (counted against a
    // stream of one collection opened beside it: the same heartbeats).
    const single = await shared(`trips:${version('trips')}`);
    const double = await shared(`trips:${version('trips')},stops:${version('stops')}`);
    await expect.poll(() => single.comments.length, { timeout: 6000 }).toBeGreaterThanOrEqual(3);
    expect(double.comments.length).toBeLessThanOrEqual(single.comments.length + 1);
    expect(s.events.filter(isResync)).toEqual([]);
  });

  it('refuses an old schema version (426), an unknown collection (404) and a malformed list (400)', async () => {
    const old = await shared(`trips:${version('trips')},stops:${version('stops') - 1}`);
    expect(old.status).toBe(426);
    const unknown = await shared(`trips:${version('trips')},nothing:0`);
    expect(unknown.status).toBe(404);
    for (const bad of ['', 'trips', `trips:0,trips:0`, 'trips:0:bad name', `trips:0:${'x'.repeat(65)}`]) {
      const s = await shared(bad);
      expect(s.status, bad).toBe(400);
      expect((s as unknown as { body: { code: string } }).body.code).toBe('validation_failed');
    }
    const unauthenticated = await shared(`trips:${version('trips')}`, 'not-a-token');
    expect(unauthenticated.status).toBe(401);
  });

  it('carries a device replication of several collections on a single connection', async () => {
    const me: Account = await (async () => {
      const signed = await signUp(client(server.url), 'Traveller');
      return { id: signed.user.id, email: signed.email, password: signed.password };
    })();
    const streams: string[] = [];
    const counting: Fetch = (url, init) => {
      if (String(url).includes('/stream')) streams.push(String(url));
      return fetch(url, init as RequestInit) as unknown as ReturnType<Fetch>;
    };
    const devices = await Promise.all(
      ['laptop', 'phone'].map(async (name) => {
        const session = await new DeviceSession(client(server.url)).login(me);
        const db = await createDatabase<'trips' | 'stops' | 'checklistItems' | 'expenses'>({
          storage: getRxStorageMemory(),
          name: uid(name),
          devMode: true,
          multiInstance: false,
          collections: ['trips', 'stops', 'checklistItems', 'expenses'],
          userId: me.id,
        });
        const sync = replicateAll(db, {
          baseUrl: server.url,
          getAccessToken: session.getAccessToken,
          waitForLeadership: false,
          retry: { initialDelayMs: 50, maxDelayMs: 400 },
          ...(name === 'phone' ? { fetch: counting } : {}),
        });
        return { db, sync };
      }),
    );
    const [laptop, phone] = devices as [(typeof devices)[0], (typeof devices)[0]];
    try {
      await Promise.all(devices.map((d) => d.sync.awaitInSync()));
      const tripId = uid('trip');
      await laptop.db.trips.insert(tripOf(tripId, me.id));
      const stopId = uid('stop');
      await laptop.db.stops.insert(stopOf(stopId, tripId));
      // Live, not polled: both arrive on the phone's one stream.
      await expect
        .poll(async () => (await phone.db.stops.findOne(stopId).exec())?.tripId, { timeout: 10_000 })
        .toBe(tripId);
      expect(await phone.db.trips.findOne(tripId).exec()).toBeTruthy();
      expect(streams).toHaveLength(1);
      const url = new URL(streams[0]!);
      expect(url.pathname).toBe('/api/sync/stream');
      const parts = url.searchParams.get('streams')!.split(',');
      expect(parts.map((p) => p.split(':')[0]).sort()).toEqual([
        'checklistItems',
        'expenses',
        'stops',
        'trips',
      ]);
      for (const part of parts) expect(part).toMatch(/^\w+:\d+:[\w-]{8,64}$/);
    } finally {
      for (const d of devices) {
        await d.sync.stop();
        await d.db.close();
      }
    }
  });
});
