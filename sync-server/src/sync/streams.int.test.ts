import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import {
  hasDoc,
  isResync,
  openStream,
  stopDoc,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type SyncClient,
} from './testing.js';

describe('replication: live streams', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient;
  let aliceId: string;
  let bob: SyncClient;
  let trip: Doc;
  const open: OpenStream[] = [];

  beforeAll(async () => {
    server = await startTestServer({ SYNC_HEARTBEAT_SECONDS: '1' });
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    alice = syncClient(api, a.accessToken);
    aliceId = a.user.id;
    bob = syncClient(api, (await signUp(api, 'Bob')).accessToken);
    trip = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server.stop();
  });

  async function stream(collection: string, token: string) {
    const s = await openStream(server.url, collection, token);
    open.push(s);
    return s;
  }

  it('answers with SSE headers that keep proxies from buffering', async () => {
    const s = await stream('stops', alice.token);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.headers.get('cache-control')).toBe('no-cache');
    expect(s.headers.get('x-accel-buffering')).toBe('no');
    s.close();
  });

  it("delivers a push to the members' streams with a checkpoint a pull can continue from", async () => {
    const mine = await stream('stops', alice.token);
    const strangers = await stream('stops', bob.token);
    const otherCollection = await stream('expenses', alice.token);
    const { checkpoint: before } = await alice.pullAll('stops');
    const stop = stopDoc(trip.id);
    await alice.create('stops', [stop]);
    const event = await mine.waitFor(hasDoc(stop.id));
    expect(event).toEqual({ documents: [stop], checkpoint: expect.any(String) });
    const cp = (event as { checkpoint: string }).checkpoint;
    // The streamed checkpoint is a real one: nothing is skipped or repeated from it.
    const next = stopDoc(trip.id);
    await alice.create('stops', [next]);
    expect((await alice.pull('stops', cp)).body.documents).toEqual([next]);
    expect((await alice.pull('stops', before)).body.documents).toEqual([stop, next]);
    await mine.waitFor(hasDoc(next.id));
    // Nothing reached the stranger or the other collection's stream.
    await new Promise((r) => setTimeout(r, 200));
    expect(strangers.events).toEqual([]);
    expect(otherCollection.events).toEqual([]);
  });

  it('sends ": ping" heartbeats', async () => {
    const s = await stream('trips', alice.token);
    const deadline = Date.now() + 4000;
    while (!s.comments.includes('ping') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(s.comments).toContain('ping');
  });

  it('reports open streams in the metrics and forgets closed ones', async () => {
    const gauge = async () =>
      Number((await api.get('/metrics')).text.match(/^hamgaja_sync_open_streams (\d+)/m)?.[1]);
    const base = await gauge();
    const s = await stream('checklistItems', alice.token);
    expect(await gauge()).toBe(base + 1);
    s.close();
    const deadline = Date.now() + 3000;
    while ((await gauge()) !== base && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await gauge()).toBe(base);
  });

  it('sends RESYNC when the caller gains a trip and then streams that trip', async () => {
    const s = await stream('stops', bob.token);
    const invite = await api.post(`/trips/${trip.id}/invites`, { role: 'viewer' }, { token: alice.token });
    expect(
      (await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: bob.token })).status,
    ).toBe(200);
    await s.waitFor(isResync);
    const stop = stopDoc(trip.id);
    await alice.create('stops', [stop]);
    await s.waitFor(hasDoc(stop.id));
  });
});

describe('replication: a stream ends when its access token expires', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(() => server.stop());

  it('closes the stream at expiry; a refreshed token opens a new one', async () => {
    const api = client(server.url);
    const session = await signUp(api, 'Alice');
    const s = await openStream(server.url, 'trips', session.accessToken);
    expect(s.status).toBe(200);
    const opened = Date.now();
    await s.waitForEnd(6000);
    expect(Date.now() - opened).toBeLessThan(5000);
    const expired = await openStream(server.url, 'trips', session.accessToken);
    expect(expired.status).toBe(401);
    const refreshed = await api.post('/auth/refresh', { refreshToken: session.refreshToken });
    const again = await openStream(server.url, 'trips', refreshed.body.accessToken);
    expect(again.status).toBe(200);
    again.close();
  });
});
