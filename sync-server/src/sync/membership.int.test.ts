import { replicatedDocumentSchemas } from '@hamgaja/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import {
  checklistItemDoc,
  collectionNames,
  docFor,
  edited,
  expenseDoc,
  hasDoc,
  isResync,
  latest,
  openStream,
  stopDoc,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type SyncClient,
} from './testing.js';

describe('replication: membership changes move data (rule 6)', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient;
  let aliceId: string;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    alice = syncClient(api, a.accessToken);
    aliceId = a.user.id;
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server.stop();
  });

  async function newUser(name: string) {
    const s = await signUp(api, name);
    return { id: s.user.id, sync: syncClient(api, s.accessToken) };
  }

  async function invite(tripId: string, role: 'editor' | 'viewer', token: string) {
    const created = await api.post(`/trips/${tripId}/invites`, { role }, { token: alice.token });
    expect(created.status).toBe(201);
    const accepted = await api.post(`/invites/${created.body.code}/accept`, undefined, { token });
    expect(accepted.status).toBe(200);
  }

  /** Alice's trip with one document of every collection; returns them by collection. */
  async function aliceTrip() {
    const trip = tripDoc(aliceId);
    await alice.create('trips', [trip]);
    const docs: Record<string, Doc> = { trips: trip };
    for (const c of collectionNames.filter((c) => c !== 'trips')) {
      docs[c] = (await alice.create(c, [docFor(c, trip.id, aliceId)]))[0]!;
    }
    return docs;
  }

  /** A user whose checkpoints are past the given documents' change keys (they have their own trip). */
  async function userWithCheckpoints(name: string) {
    const user = await newUser(name);
    const own = tripDoc(user.id);
    await user.sync.create('trips', [own]);
    const checkpoints: Record<string, string> = {};
    for (const c of collectionNames) {
      if (c !== 'trips') await user.sync.create(c, [docFor(c, own.id, user.id)]);
      checkpoints[c] = (await user.sync.pullAll(c)).checkpoint!;
    }
    return { ...user, own, checkpoints };
  }

  it("a new member's next pull brings the trip's existing documents, in every collection", async () => {
    const docs = await aliceTrip();
    const bob = await userWithCheckpoints('Bob');
    for (const c of collectionNames)
      expect((await bob.sync.pull(c, bob.checkpoints[c])).body.documents).toEqual([]);
    await invite(docs.trips!.id, 'viewer', bob.sync.token);
    for (const c of collectionNames) {
      const { documents, checkpoint } = await bob.sync.pullAll(c, bob.checkpoints[c]);
      expect(documents, c).toEqual([docs[c]]);
      bob.checkpoints[c] = checkpoint!;
      // Delivered once: the next pull is empty.
      expect((await bob.sync.pull(c, checkpoint)).body.documents).toEqual([]);
    }
    // Later changes come through the normal feed.
    const changed = await alice.update('stops', docs.stops!, edited('stops', docs.stops!, 'later'));
    expect((await bob.sync.pull('stops', bob.checkpoints.stops)).body.documents).toEqual([changed]);
  });

  it('a member removed and invited back while pulling tombstones page by page gets every document back live', async () => {
    const docs = await aliceTrip();
    const more = await alice.create('stops', [stopDoc(docs.trips!.id), stopDoc(docs.trips!.id)]);
    const stops = [docs.stops!, ...more];
    const dave = await newUser('Dave');
    await invite(docs.trips!.id, 'editor', dave.sync.token);
    const before = await dave.sync.pullAll('stops');
    expect(before.documents.map((d) => d.id).sort()).toEqual(stops.map((d) => d.id).sort());

    expect(
      (await api.delete(`/trips/${docs.trips!.id}/members/${dave.id}`, undefined, { token: alice.token }))
        .status,
    ).toBe(204);
    // One tombstone, and a cursor into the rest of the removal.
    const first = await dave.sync.pull('stops', before.checkpoint, 1);
    expect(first.body.documents).toHaveLength(1);
    expect(first.body.documents[0]!._deleted).toBe(true);
    // Invited back before the device pulled the rest.
    await invite(docs.trips!.id, 'viewer', dave.sync.token);
    const rest = await dave.sync.pullAll('stops', first.body.checkpoint);
    const final = latest([...first.body.documents, ...rest.documents]);
    for (const stop of stops) expect(final.get(stop.id), stop.id).toEqual(stop);
    // Every access event was delivered: nothing more comes.
    expect((await dave.sync.pull('stops', rest.checkpoint)).body.documents).toEqual([]);
  });

  it("a removed member's next pull turns every document of the trip into a tombstone, with nothing written after they left", async () => {
    const docs = await aliceTrip();
    const carol = await newUser('Carol');
    await invite(docs.trips!.id, 'editor', carol.sync.token);
    const checkpoints: Record<string, string> = {};
    for (const c of collectionNames) {
      const pulled = await carol.sync.pullAll(c);
      expect(latest(pulled.documents).get(docs[c]!.id)).toEqual(docs[c]);
      checkpoints[c] = pulled.checkpoint!;
    }
    const stream = await openStream(server.url, 'stops', carol.sync.token);
    streams.push(stream);

    expect(
      (await api.delete(`/trips/${docs.trips!.id}/members/${carol.id}`, undefined, { token: alice.token }))
        .status,
    ).toBe(204);
    await stream.waitFor(isResync);
    // Written after Carol left: she must never see it.
    const secret = stopDoc(docs.trips!.id, { note: 'secret after removal' });
    await alice.create('stops', [secret]);
    const changedStop = await alice.update('stops', docs.stops!, { ...docs.stops!, note: 'also secret' });

    for (const c of collectionNames) {
      const { documents } = await carol.sync.pullAll(c, checkpoints[c]);
      const mine = documents.filter((d) => d.id === docs[c]!.id);
      expect(mine, c).toHaveLength(1);
      expect(mine[0]!._deleted, c).toBe(true);
      expect(replicatedDocumentSchemas[c].safeParse(mine[0]).success, c).toBe(true);
      expect(JSON.stringify(documents)).not.toContain('secret');
      for (const d of documents) expect(d._deleted).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.events.filter((e) => e !== 'RESYNC')).toEqual([]);
    expect(changedStop.note).toBe('also secret');
    // A device of Carol's without a checkpoint may hold documents it pushed itself (pushes are not
    // echoed): it gets the same redacted tombstones, nothing live, nothing written after she left.
    for (const c of collectionNames) {
      const { documents } = await carol.sync.pullAll(c);
      expect(JSON.stringify(documents)).not.toContain('secret');
      for (const d of documents) {
        expect(d._deleted).toBe(true);
        expect(d.tripId ?? d.id).toBe(docs.trips!.id);
      }
    }
  });

  it('leaving works like being removed, and joining again brings the documents back', async () => {
    const docs = await aliceTrip();
    const dave = await newUser('Dave');
    await invite(docs.trips!.id, 'viewer', dave.sync.token);
    const { checkpoint } = await dave.sync.pullAll('checklistItems');
    expect(
      (await api.delete(`/trips/${docs.trips!.id}/members/${dave.id}`, undefined, { token: dave.sync.token }))
        .status,
    ).toBe(204);
    const afterLeave = await dave.sync.pullAll('checklistItems', checkpoint);
    expect(afterLeave.documents.map((d) => [d.id, d._deleted])).toEqual([[docs.checklistItems!.id, true]]);
    await invite(docs.trips!.id, 'viewer', dave.sync.token);
    const back = await dave.sync.pullAll('checklistItems', afterLeave.checkpoint);
    expect(back.documents).toEqual([docs.checklistItems]);
  });

  it('pages through a large backfill without losing or repeating documents', async () => {
    const trip = tripDoc(aliceId);
    await alice.create('trips', [trip]);
    const items = Array.from({ length: 57 }, (_, i) => checklistItemDoc(trip.id, { text: `item ${i}` }));
    await alice.create('checklistItems', items);
    const erin = await userWithCheckpoints('Erin');
    await invite(trip.id, 'viewer', erin.sync.token);
    // Something new in Erin's own trip too: it must not be lost (trips are read one after another, in any order).
    const own = checklistItemDoc(erin.own.id);
    await erin.sync.create('checklistItems', [own]);
    const { documents } = await erin.sync.pullAll('checklistItems', erin.checkpoints.checklistItems, 10);
    expect(documents.map((d) => d.id).sort()).toEqual([...items.map((d) => d.id), own.id].sort());
    // Within the trip, in key order.
    expect(documents.filter((d) => d.id !== own.id).map((d) => d.id)).toEqual(items.map((d) => d.id));
  });

  it("a role change sends RESYNC and keeps the member's data", async () => {
    const docs = await aliceTrip();
    const frank = await newUser('Frank');
    await invite(docs.trips!.id, 'viewer', frank.sync.token);
    const { checkpoint } = await frank.sync.pullAll('expenses');
    const stream = await openStream(server.url, 'expenses', frank.sync.token);
    streams.push(stream);
    const res = await api.patch(
      `/trips/${docs.trips!.id}/members/${frank.id}`,
      { role: 'editor' },
      { token: alice.token },
    );
    expect(res.status).toBe(200);
    await stream.waitFor(isResync);
    expect((await frank.sync.pull('expenses', checkpoint)).body.documents).toEqual([]);
    // As an editor Frank may now write, and his stream carries his write.
    const expense = expenseDoc(docs.trips!.id, frank.id);
    await frank.sync.create('expenses', [expense]);
    await stream.waitFor(hasDoc(expense.id));
  });
});
