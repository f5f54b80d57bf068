// Stops schema version 1 (travelMode added), rule 10: an app still on version 0 is told to
// update and writes nothing; version-1 apps replicate the travel mode; stops stored in the
// version-0 shape (before the change) are answered with `travelMode: null` wherever they leave
// the server, and compare equal to that shape, so no edit based on them looks stale (rule 2).
import { QueryTypes } from 'sequelize';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncedCollections } from '@hamgaja/shared';
import { closeAllDevices, openDevice, stopOf, tripOf, uid, waitFor } from '../../test/devices.js';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import {
  hasDoc,
  openStream,
  schemaHeaders,
  stopDoc,
  syncClient,
  syncState,
  tripDoc,
  type Doc,
  type SyncClient,
} from './testing.js';

describe('stops schema version 1: travelMode', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient & { id: string; email: string; password: string };
  let bob: SyncClient & { id: string };
  let trip: Doc;
  const v0 = { 'x-hamgaja-schema-version': '0' };

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    const b = await signUp(api, 'Bob');
    alice = { ...syncClient(api, a.accessToken), id: a.user.id, email: a.email, password: a.password };
    bob = { ...syncClient(api, b.accessToken), id: b.user.id };
    trip = (await alice.create('trips', [tripDoc(alice.id)]))[0]!;
    const invite = await api.post(`/trips/${trip.id}/invites`, { role: 'editor' }, { token: alice.token });
    expect(
      (await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: bob.token })).status,
    ).toBe(200);
  });
  afterEach(() => closeAllDevices());
  afterAll(() => server.stop());

  /** Rewrites a stored stop as the server held it before version 1: without travelMode. */
  async function storeInOldShape(doc: Doc): Promise<Doc> {
    const { travelMode: _dropped, ...old } = doc;
    await server.ctx.db.sequelize.query(
      "UPDATE sync_documents SET data = $data WHERE collection = 'stops' AND id = $id",
      { bind: { data: JSON.stringify(old), id: doc.id }, type: QueryTypes.UPDATE },
    );
    const [row] = await server.ctx.db.sequelize.query<{ data: string }>(
      "SELECT data FROM sync_documents WHERE collection = 'stops' AND id = $id",
      { bind: { id: doc.id }, type: QueryTypes.SELECT },
    );
    expect(JSON.parse(row!.data)).not.toHaveProperty('travelMode');
    return old as Doc;
  }

  it('is version 1 of stops; the other collections stay at 0', () => {
    expect(syncedCollections.stops.version).toBe(1);
    expect(schemaHeaders('stops')).toEqual({ 'x-hamgaja-schema-version': '1' });
    expect(schemaHeaders('trips')).toEqual({ 'x-hamgaja-schema-version': '0' });
  });

  it('answers an app on stops version 0 with 426 "update the app" on pull, push and stream, writing nothing', async () => {
    const before = await syncState(server);
    const pushed = await api.post(
      '/sync/stops/push',
      [{ newDocumentState: stopDoc(trip.id, { travelMode: undefined }) }],
      { token: alice.token, headers: v0 },
    );
    expectProblem(pushed, 426, 'upgrade_required');
    expect(pushed.body).toMatchObject({ detail: 'Update the app to keep syncing' });
    expect(pushed.headers.get('upgrade')).toBe('hamgaja-schema');

    const pulled = await api.get('/sync/stops/pull', { token: alice.token, headers: v0 });
    expectProblem(pulled, 426, 'upgrade_required');
    expect(pulled.body).toMatchObject({ detail: 'Update the app to keep syncing' });

    const viaHeader = await openStream(server.url, 'stops', alice.token, v0);
    expect(viaHeader.status).toBe(426);
    expect((viaHeader as unknown as { body: { code: string; detail: string } }).body).toMatchObject({
      code: 'upgrade_required',
      detail: 'Update the app to keep syncing',
    });
    expect((await openStream(server.url, 'stops', alice.token, {}, '?schemaVersion=0')).status).toBe(426);
    expect(await syncState(server)).toEqual(before);

    // Per collection: the same app's trips (still version 0) sync on.
    expect((await api.get('/sync/trips/pull', { token: alice.token, headers: v0 })).status).toBe(200);
  });

  it('replicates a travel mode: pushed by one member, pulled and streamed to another', async () => {
    const stream = await openStream(server.url, 'stops', bob.token);
    try {
      expect(stream.status).toBe(200);
      const stop = stopDoc(trip.id, { travelMode: 'car' });
      await alice.create('stops', [stop]);
      const { documents } = await bob.pullAll('stops');
      expect(documents.find((d) => d.id === stop.id)).toEqual(stop);
      const event = await stream.waitFor(hasDoc(stop.id));
      expect(event !== 'RESYNC' && event.documents.find((d) => d.id === stop.id)).toEqual(stop);

      const walked = await bob.update('stops', stop, { ...stop, travelMode: 'walk' });
      expect((await alice.pullAll('stops')).documents.filter((d) => d.id === stop.id).at(-1)).toEqual(walked);
      await alice.update('stops', walked, { ...walked, travelMode: null });
    } finally {
      stream.close();
    }
  });

  it('replicates a travel mode between real RxDB devices (which send their schema version)', async () => {
    const account = { id: alice.id, email: alice.email, password: alice.password };
    const laptop = await openDevice(server.url, account, 'laptop');
    const phone = await openDevice(server.url, account, 'phone');
    const tripId = uid('trip');
    const stopId = uid('stop');
    await laptop.db.trips.insert(tripOf(tripId, alice.id));
    await laptop.db.stops.insert(stopOf(stopId, tripId));
    laptop.connect();
    phone.connect();
    await waitFor('the stop on the phone', async () => (await phone.stop(stopId))?.travelMode === null);
    await (await laptop.db.stops.findOne(stopId).exec())!.incrementalPatch({ travelMode: 'transit' });
    await waitFor(
      'the travel mode on the phone',
      async () => (await phone.stop(stopId))?.travelMode === 'transit',
    );
  });

  it('refuses an invalid or missing travel mode like any invalid document', async () => {
    const before = await syncState(server);
    for (const bad of [
      stopDoc(trip.id, { travelMode: 'bike' }),
      stopDoc(trip.id, { travelMode: 'CAR' }),
      stopDoc(trip.id, { travelMode: 1 }),
      stopDoc(trip.id, { travelMode: undefined }),
    ]) {
      const res = await alice.push('stops', [{ newDocumentState: JSON.parse(JSON.stringify(bad)) as Doc }]);
      expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(res.body)).toContain('travelMode');
    }
    expect(await syncState(server)).toEqual(before);
  });

  it('answers stops stored before version 1 with travelMode null: pulls, conflicts, edits, streams', async () => {
    const stop = stopDoc(trip.id, { note: 'stored by the old server' });
    await alice.create('stops', [stop]);
    const old = await storeInOldShape(stop);

    // A fresh pull, on another member's account too.
    for (const who of [alice, bob]) {
      const pulled = (await who.pullAll('stops')).documents.find((d) => d.id === stop.id);
      expect(pulled).toEqual({ ...old, travelMode: null });
    }

    // A retry of the pushed state (as upgraded) is no change, not a conflict.
    const retry = await alice.push('stops', [{ newDocumentState: stop }]);
    expect(retry.body).toEqual([]);
    // A stale write is answered with the master in the current shape.
    const conflict = await bob.push('stops', [
      { newDocumentState: { ...stop, note: 'stale' }, assumedMasterState: { ...stop, note: 'older' } },
    ]);
    expect(conflict.body).toEqual([{ ...old, travelMode: null }]);
    // An edit based on what the pull gave is no conflict (the stored text is not what it compares).
    const stream = await openStream(server.url, 'stops', bob.token);
    try {
      const edited = await alice.update('stops', stop, { ...stop, travelMode: 'car', note: 'edited' });
      const event = await stream.waitFor(hasDoc(stop.id));
      expect(event !== 'RESYNC' && event.documents.find((d) => d.id === stop.id)).toEqual(edited);
    } finally {
      stream.close();
    }
  });

  it('upgrades old stops in tombstones: a deleted trip cascades, a removed member gets redacted ones', async () => {
    const carol = await signUp(api, 'Carol');
    const carolSync = syncClient(api, carol.accessToken);
    const doomed = (await alice.create('trips', [tripDoc(alice.id)]))[0]!;
    const invite = await api.post(`/trips/${doomed.id}/invites`, { role: 'viewer' }, { token: alice.token });
    await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: carol.accessToken });
    const [kept, cascaded] = await alice.create('stops', [stopDoc(doomed.id), stopDoc(doomed.id)]);
    const seen = await carolSync.pullAll('stops');
    await storeInOldShape(kept!);
    await storeInOldShape(cascaded!);

    // Carol loses the trip: its stops come to her as redacted tombstones, in the current shape.
    const removed = await api.delete(`/trips/${doomed.id}/members/${carol.user.id}`, undefined, {
      token: alice.token,
    });
    expect(removed.status, removed.text).toBe(204);
    const redacted = (await carolSync.pullAll('stops', seen.checkpoint)).documents.filter(
      (d) => d.tripId === doomed.id,
    );
    expect(redacted).toHaveLength(2);
    for (const doc of redacted) expect(doc).toMatchObject({ _deleted: true, travelMode: null });

    // Deleting the trip turns its stops into tombstones written in the current shape.
    await alice.update('trips', doomed, { ...doomed, _deleted: true });
    const tombstones = (await alice.pullAll('stops')).documents.filter((d) => d.tripId === doomed.id);
    expect(tombstones.map((d) => d.id).sort()).toEqual([kept!.id, cascaded!.id].sort());
    for (const doc of tombstones) expect(doc).toMatchObject({ _deleted: true, travelMode: null });
    const rows = await server.ctx.db.sequelize.query<{ data: string }>(
      "SELECT data FROM sync_documents WHERE collection = 'stops' AND trip_id = $tripId",
      { bind: { tripId: doomed.id }, type: QueryTypes.SELECT },
    );
    for (const row of rows) expect(JSON.parse(row.data)).toMatchObject({ travelMode: null, _deleted: true });
  });
});
