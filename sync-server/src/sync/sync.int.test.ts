import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import {
  checklistItemDoc,
  expenseDoc,
  latest,
  stopDoc,
  syncClient,
  syncState,
  tripDoc,
  type Doc,
  type SyncClient,
} from './testing.js';

describe('replication: pull and push', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient;
  let aliceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    alice = syncClient(api, a.accessToken);
    aliceId = a.user.id;
  });
  afterAll(() => server.stop());

  it('creates a trip by pushing it, then pulls it back exactly as pushed', async () => {
    const trip = tripDoc(aliceId);
    await alice.create('trips', [trip]);
    const { documents } = await alice.pullAll('trips');
    expect(latest(documents).get(trip.id)).toEqual(trip);
    const members = await api.get(`/trips/${trip.id}/members`, { token: alice.token });
    expect(members.body).toEqual([
      expect.objectContaining({ userId: aliceId, role: 'owner', displayName: 'Alice' }),
    ]);
  });

  it('strips RxDB meta fields and never stores them', async () => {
    const trip = tripDoc(aliceId);
    const withMeta = { ...trip, _meta: { lwt: 1 }, _rev: '1-abc', _attachments: {} };
    const res = await alice.push('trips', [{ newDocumentState: withMeta as Doc }]);
    expect(res.status).toBe(200);
    const { documents } = await alice.pullAll('trips');
    expect(latest(documents).get(trip.id)).toEqual(trip);
    const state = await syncState(server);
    expect(JSON.stringify(state.documents)).not.toContain('_rev');
  });

  it('pages in change-key order with checkpoints and returns nothing new after the last page', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const stops = Array.from({ length: 25 }, (_, i) => stopDoc(trip.id, { note: `stop ${i}` }));
    await alice.create('stops', stops.slice(0, 10));
    await alice.create('stops', stops.slice(10));
    const first = await alice.pull('stops', null, 10);
    expect(first.body.documents.map((d) => d.id)).toEqual(stops.slice(0, 10).map((s) => s.id));
    const rest = await alice.pullAll('stops', first.body.checkpoint, 10);
    expect(rest.documents.map((d) => d.id)).toEqual(stops.slice(10).map((s) => s.id));
    const again = await alice.pull('stops', rest.checkpoint, 10);
    expect(again.body).toEqual({ documents: [], checkpoint: rest.checkpoint });

    // A later edit moves the document to the end of the feed.
    const changed = await alice.update('stops', stops[3]!, { ...stops[3]!, note: 'moved' });
    const next = await alice.pull('stops', rest.checkpoint);
    expect(next.body.documents).toEqual([changed]);
  });

  it('is idempotent: a retried push changes nothing and reports no conflict', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const item = checklistItemDoc(trip.id);
    await alice.create('checklistItems', [item]);
    const before = await syncState(server);
    const retry = await alice.push('checklistItems', [{ newDocumentState: item }]);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual([]);
    const done = { ...item, done: true };
    await alice.update('checklistItems', item, done);
    const afterUpdate = await syncState(server);
    const retryUpdate = await alice.push('checklistItems', [
      { newDocumentState: done, assumedMasterState: item },
    ]);
    expect(retryUpdate.body).toEqual([]);
    expect(await syncState(server)).toEqual(afterUpdate);
    expect(afterUpdate.sequences).not.toEqual(before.sequences);
  });

  it('answers a conflict with the current master state and writes nothing for that row', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const stop = stopDoc(trip.id);
    await alice.create('stops', [stop]);
    const master = await alice.update('stops', stop, { ...stop, note: 'from phone' });
    const before = await syncState(server);
    const stale = await alice.push('stops', [
      { newDocumentState: { ...stop, note: 'from laptop' }, assumedMasterState: stop },
    ]);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual([master]);
    expect(await syncState(server)).toEqual(before);
    // Without an assumed master, an existing document is a conflict too.
    const blind = await alice.push('stops', [{ newDocumentState: { ...stop, note: 'blind' } }]);
    expect(blind.body).toEqual([master]);
  });

  it('writes the non-conflicting rows of a batch and answers the conflicting ones', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const [a, b] = await alice.create('expenses', [
      expenseDoc(trip.id, aliceId),
      expenseDoc(trip.id, aliceId),
    ]);
    const bMaster = await alice.update('expenses', b!, { ...b!, amount: 999 });
    const res = await alice.push('expenses', [
      { newDocumentState: { ...a!, amount: 1 }, assumedMasterState: a! },
      { newDocumentState: { ...b!, amount: 2 }, assumedMasterState: b! },
    ]);
    expect(res.body).toEqual([bMaster]);
    const docs = latest((await alice.pullAll('expenses')).documents);
    expect(docs.get(a!.id)?.amount).toBe(1);
    expect(docs.get(b!.id)?.amount).toBe(999);
  });

  it('keeps tombstones and delivers them to pulls', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const stop = stopDoc(trip.id);
    await alice.create('stops', [stop]);
    const { checkpoint } = await alice.pullAll('stops');
    await alice.update('stops', stop, { ...stop, _deleted: true });
    const next = await alice.pull('stops', checkpoint);
    expect(next.body.documents).toEqual([{ ...stop, _deleted: true }]);
    const fresh = latest((await alice.pullAll('stops')).documents);
    expect(fresh.get(stop.id)).toEqual({ ...stop, _deleted: true });
  });

  it('deleting a trip tombstones its stops, checklist items and expenses', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const stop = stopDoc(trip.id);
    const item = checklistItemDoc(trip.id);
    const expense = expenseDoc(trip.id, aliceId);
    await alice.create('stops', [stop]);
    await alice.create('checklistItems', [item]);
    await alice.create('expenses', [expense]);
    const cps = {
      stops: (await alice.pullAll('stops')).checkpoint,
      checklistItems: (await alice.pullAll('checklistItems')).checkpoint,
      expenses: (await alice.pullAll('expenses')).checkpoint,
    };
    await alice.update('trips', trip, { ...trip, _deleted: true });
    expect((await alice.pull('stops', cps.stops)).body.documents).toEqual([{ ...stop, _deleted: true }]);
    expect((await alice.pull('checklistItems', cps.checklistItems)).body.documents).toEqual([
      { ...item, _deleted: true },
    ]);
    expect((await alice.pull('expenses', cps.expenses)).body.documents).toEqual([
      { ...expense, _deleted: true },
    ]);
  });

  it('counts pushed, pulled and conflicting documents per collection, and open streams, in the metrics', async () => {
    const read = async () => {
      const text = (await api.get('/metrics')).text;
      const value = (name: string, collection?: string) =>
        Number(
          new RegExp(`^${name}${collection ? `\\{collection="${collection}"\\}` : ''} (\\d+)`, 'm').exec(
            text,
          )?.[1] ?? 0,
        );
      return {
        pushedTrips: value('hamgaja_sync_documents_pushed_total', 'trips'),
        pushedStops: value('hamgaja_sync_documents_pushed_total', 'stops'),
        pulledTrips: value('hamgaja_sync_documents_pulled_total', 'trips'),
        pulledStops: value('hamgaja_sync_documents_pulled_total', 'stops'),
        conflictsTrips: value('hamgaja_sync_conflicts_total', 'trips'),
        conflictsStops: value('hamgaja_sync_conflicts_total', 'stops'),
        streams: value('hamgaja_sync_open_streams'),
      };
    };
    const before = await read();
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    await alice.create('stops', [stopDoc(trip.id), stopDoc(trip.id)]);
    // A blind write to an existing trip is a conflict: nothing written.
    await alice.push('trips', [{ newDocumentState: { ...trip, title: 'x' } }]);
    // A retry of an accepted push writes nothing either.
    await alice.push('trips', [{ newDocumentState: trip }]);
    const pulledTrips = (await alice.pullAll('trips')).documents.length;
    const pulledStops = (await alice.pullAll('stops')).documents.length;
    const after = await read();
    expect(after).toEqual({
      pushedTrips: before.pushedTrips + 1,
      pushedStops: before.pushedStops + 2,
      pulledTrips: before.pulledTrips + pulledTrips,
      pulledStops: before.pulledStops + pulledStops,
      conflictsTrips: before.conflictsTrips + 1,
      conflictsStops: before.conflictsStops,
      streams: 0,
    });
  });

  it('treats ids that differ only in case as different documents', async () => {
    const trip = await alice.create('trips', [tripDoc(aliceId)]).then((d) => d[0]!);
    const lower = stopDoc(trip.id, { id: 'case-stop-abc', note: 'lower' });
    const upper = stopDoc(trip.id, { id: 'case-stop-ABC', note: 'upper' });
    await alice.create('stops', [lower]);
    await alice.create('stops', [upper]);
    const docs = latest((await alice.pullAll('stops')).documents);
    expect(docs.get(lower.id)).toEqual(lower);
    expect(docs.get(upper.id)).toEqual(upper);
  });

  it('describes every sync and sharing route in the OpenAPI document', async () => {
    const paths = Object.keys((await api.get('/docs/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/sync/{collection}/pull',
        '/api/sync/{collection}/push',
        '/api/sync/{collection}/stream',
        '/api/trips/{id}/invites',
        '/api/trips/{id}/invites/{code}',
        '/api/invites/{code}',
        '/api/invites/{code}/accept',
        '/api/trips/{id}/members',
        '/api/trips/{id}/members/{userId}',
      ]),
    );
  });
});
