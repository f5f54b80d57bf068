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
  schemaHeaders,
} from './testing.js';

/** The schema-version header of stops. */
const S = schemaHeaders('stops');

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

  it('does not echo a push to the stream of the replication that sent it, and only that one', async () => {
    const own = { ...S, 'x-hamgaja-client': 'replica-a1' };
    const pushAs = (token: string, collection: string, rows: unknown[], headers: Record<string, string>) =>
      api.post<Doc[]>(`/sync/${collection}/push`, rows, {
        token,
        headers: { ...headers, ...schemaHeaders(collection) },
      });
    const sender = await openStream(server.url, 'stops', alice.token, own);
    const sibling = await openStream(server.url, 'stops', alice.token, S, '?client=replica-b2');
    const unnamed = await stream('stops', alice.token);
    open.push(sender, sibling);
    const shared = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
    // Bob edits the same trip and names his replication like Alice's: that must not silence her.
    const invite = await api.post(`/trips/${shared.id}/invites`, { role: 'editor' }, { token: alice.token });
    const accepted = await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: bob.token });
    expect(accepted.status, accepted.text).toBe(200);

    const echo = stopDoc(shared.id);
    expect((await pushAs(alice.token, 'stops', [{ newDocumentState: echo }], own)).body).toEqual([]);
    const fromBob = stopDoc(shared.id);
    expect((await pushAs(bob.token, 'stops', [{ newDocumentState: fromBob }], own)).body).toEqual([]);
    const unnamedPush = stopDoc(shared.id);
    await alice.create('stops', [unnamedPush]);

    for (const other of [sibling, unnamed]) {
      for (const doc of [echo, fromBob, unnamedPush]) await other.waitFor(hasDoc(doc.id));
    }
    await sender.waitFor(hasDoc(fromBob.id));
    await sender.waitFor(hasDoc(unnamedPush.id));
    expect(sender.events.some(hasDoc(echo.id))).toBe(false);

    // A cascade is not what the client sent: a trip deleted under the same name still reaches
    // that name's stops stream with the tombstones of the trip's stops.
    const doomed = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
    const child = stopDoc(doomed.id);
    await alice.create('stops', [child]);
    await sender.waitFor(hasDoc(child.id));
    const deleted = { ...doomed, _deleted: true };
    const res = await pushAs(
      alice.token,
      'trips',
      [{ newDocumentState: deleted, assumedMasterState: doomed }],
      own,
    );
    expect(res.status, res.text).toBe(200);
    await sender.waitFor((e) => e !== 'RESYNC' && e.documents.some((d) => d.id === child.id && d._deleted));
  });

  it('echoes a replayed push that writes now to the replication that named it, and no fresh one', async () => {
    const own = { ...S, 'x-hamgaja-client': 'replica-c3' };
    const pushAs = (token: string, rows: unknown[], headers: Record<string, string>) =>
      api.post<Doc[]>(`/sync/stops/push`, rows, { token, headers });
    const shared = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
    const carol = await signUp(api, 'Carol');
    const invite = await api.post(`/trips/${shared.id}/invites`, { role: 'viewer' }, { token: alice.token });
    await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: carol.accessToken });
    const sender = await openStream(server.url, 'stops', carol.accessToken, own);
    open.push(sender);

    // As a viewer, Carol's first push is refused (answered with the new stop's tombstone).
    const first = stopDoc(shared.id);
    const refused = await pushAs(carol.accessToken, [{ newDocumentState: first }], {
      ...own,
      'x-hamgaja-push': '1',
    });
    expect(refused.body).toEqual([{ ...first, _deleted: true }]);
    const role = await api.patch(
      `/trips/${shared.id}/members/${carol.user.id}`,
      { role: 'editor' },
      { token: alice.token },
    );
    expect(role.status, role.text).toBe(200);
    // Her next push is hers: not echoed. Then the first request arrives again and now writes:
    // her replication never saw that, so its stream brings it.
    const second = stopDoc(shared.id);
    expect(
      (await pushAs(carol.accessToken, [{ newDocumentState: second }], { ...own, 'x-hamgaja-push': '2' }))
        .body,
    ).toEqual([]);
    expect(
      (await pushAs(carol.accessToken, [{ newDocumentState: first }], { ...own, 'x-hamgaja-push': '1' }))
        .body,
    ).toEqual([]);
    await sender.waitFor(hasDoc(first.id));
    const marker = stopDoc(shared.id);
    await alice.create('stops', [marker]);
    await sender.waitFor(hasDoc(marker.id));
    expect(sender.events.some(hasDoc(second.id))).toBe(false);

    const bad = await pushAs(carol.accessToken, [{ newDocumentState: stopDoc(shared.id) }], {
      ...own,
      'x-hamgaja-push': '01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a malformed replication name on a push and on a stream, writing nothing', async () => {
    const stop = stopDoc(trip.id);
    const res = await api.post(`/sync/stops/push`, [{ newDocumentState: stop }], {
      token: alice.token,
      headers: { ...S, 'x-hamgaja-client': 'no spaces allowed' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    const { documents } = await alice.pullAll('stops');
    expect(documents.some((d) => d.id === stop.id)).toBe(false);
    const s = await openStream(server.url, 'stops', alice.token, S, '?client=short');
    expect(s.status).toBe(400);
    expect((s as unknown as { body: { code: string } }).body.code).toBe('validation_failed');
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
