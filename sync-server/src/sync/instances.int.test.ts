import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import {
  client,
  signUp,
  startInstancePair,
  startTestServer,
  type TestDb,
  type TestServer,
} from '../../test/harness.js';
import { hasDoc, isResync, openStream, stopDoc, syncClient, tripDoc, type OpenStream } from './testing.js';

describe('two server instances sharing one database and Redis', () => {
  let pair: Awaited<ReturnType<typeof startInstancePair>>;
  let db: TestDb;
  let a: TestServer;
  let b: TestServer;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    pair = await startInstancePair();
    ({ db, a, b } = pair);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await pair?.stop();
  });

  it('a push to instance A reaches a stream held on instance B', async () => {
    const apiA = client(a.url);
    const alice = await signUp(apiA, 'Alice');
    const onA = syncClient(apiA, alice.accessToken);
    const trip = tripDoc(alice.user.id);
    const tripsOnB = await openStream(b.url, 'trips', alice.accessToken);
    const stopsOnB = await openStream(b.url, 'stops', alice.accessToken);
    streams.push(tripsOnB, stopsOnB);
    await onA.create('trips', [trip]);
    // Creating the trip gives Alice a trip: her streams everywhere RESYNC, then carry it.
    await tripsOnB.waitFor(isResync);
    await tripsOnB.waitFor(hasDoc(trip.id));
    const stop = stopDoc(trip.id);
    await onA.create('stops', [stop]);
    const event = await stopsOnB.waitFor(hasDoc(stop.id));
    // B's checkpoint continues a pull on A: both instances share secret and change keys.
    const next = stopDoc(trip.id);
    await onA.create('stops', [next]);
    const pulled = await onA.pull('stops', (event as { checkpoint: string }).checkpoint);
    expect(pulled.body.documents).toEqual([next]);
  });

  it('a membership change on A sends RESYNC to the member’s stream on B', async () => {
    const apiA = client(a.url);
    const apiB = client(b.url);
    const owner = await signUp(apiA, 'Owner');
    const guest = await signUp(apiB, 'Guest');
    const trip = tripDoc(owner.user.id);
    await syncClient(apiA, owner.accessToken).create('trips', [trip]);
    const guestStream = await openStream(b.url, 'stops', guest.accessToken);
    streams.push(guestStream);
    const invite = await apiA.post(
      `/trips/${trip.id}/invites`,
      { role: 'viewer' },
      { token: owner.accessToken },
    );
    expect(
      (await apiA.post(`/invites/${invite.body.code}/accept`, undefined, { token: guest.accessToken }))
        .status,
    ).toBe(200);
    await guestStream.waitFor(isResync);
    const stop = stopDoc(trip.id);
    await syncClient(apiA, owner.accessToken).create('stops', [stop]);
    await guestStream.waitFor(hasDoc(stop.id));
  });

  it('refuses to start when Redis cannot be reached, naming REDIS_URL', async () => {
    await expect(startTestServer({ REDIS_URL: 'redis://127.0.0.1:1' }, db)).rejects.toThrow(ConfigError);
    await expect(startTestServer({ REDIS_URL: 'redis://127.0.0.1:1' }, db)).rejects.toThrow(/^REDIS_URL: /);
  });
});
