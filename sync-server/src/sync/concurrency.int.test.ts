import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { checklistItemDoc, openStream, syncClient, tripDoc, type Doc, type SyncClient } from './testing.js';

const PUSHERS = 10;
const BATCHES = 15;
const BATCH_SIZE = 6;

describe('rule 3: concurrent pushes never make a pull skip a row', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let pushers: SyncClient[];
  let trip: Doc;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const o = await signUp(api, 'Owner');
    owner = syncClient(api, o.accessToken);
    trip = (await owner.create('trips', [tripDoc(o.user.id)]))[0]!;
    pushers = [];
    for (let i = 0; i < PUSHERS; i += 1) {
      const s = await signUp(api, `Pusher ${i}`);
      const invite = await api.post(`/trips/${trip.id}/invites`, { role: 'editor' }, { token: owner.token });
      await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: s.accessToken });
      pushers.push(syncClient(api, s.accessToken));
    }
  });
  afterAll(() => server.stop());

  it(`${PUSHERS} clients push at once while another pulls continuously: every row is seen`, async () => {
    const stream = await openStream(server.url, 'checklistItems', owner.token);
    const written = new Map<string, Doc>();
    let pushing = true;

    const seenByPull = new Map<string, Doc>();
    let pulls = 0;
    const puller = (async () => {
      let checkpoint: string | null = null;
      // Keep pulling while the pushes run, then once more after they end.
      for (let last = false; ; last = !pushing) {
        const res = await owner.pull('checklistItems', checkpoint, 25);
        expect(res.status, res.text).toBe(200);
        pulls += 1;
        for (const d of res.body.documents) seenByPull.set(d.id, d);
        checkpoint = res.body.checkpoint;
        if (last && res.body.documents.length < 25) return;
      }
    })();

    // The puller is awaited together with the pushers: if a push fails, the puller still stops
    // (pushing = false) and is awaited, instead of pulling on against a stopped server and
    // rejecting after the test as an unhandled rejection.
    const pushed = Promise.all(
      pushers.map(async (p, n) => {
        let previous: Doc | undefined;
        for (let b = 0; b < BATCHES; b += 1) {
          const fresh = Array.from({ length: BATCH_SIZE }, (_, i) =>
            checklistItemDoc(trip.id, { text: `p${n} b${b} i${i}` }),
          );
          const rows: { newDocumentState: Doc; assumedMasterState?: Doc }[] = fresh.map((d) => ({
            newDocumentState: d,
          }));
          // Also edit a document written earlier, so updates race with inserts.
          if (previous)
            rows.push({ newDocumentState: { ...previous, done: true }, assumedMasterState: previous });
          const res = await p.push('checklistItems', rows);
          expect(res.status, res.text).toBe(200);
          expect(res.body).toEqual([]);
          for (const d of fresh) written.set(d.id, d);
          if (previous) written.set(previous.id, { ...previous, done: true });
          previous = fresh[0];
        }
      }),
    ).finally(() => {
      pushing = false;
    });
    await Promise.all([pushed, puller]);

    expect(written.size).toBe(PUSHERS * BATCHES * BATCH_SIZE);
    expect(pulls).toBeGreaterThan(PUSHERS);
    const missing = [...written.keys()].filter((id) => !seenByPull.has(id));
    expect(missing).toEqual([]);
    // And the latest state of each document reached the continuous puller.
    for (const [id, doc] of written) expect(seenByPull.get(id)).toEqual(doc);

    // The live stream saw every row too, in change-key order.
    const seenByStream = new Map<string, Doc>();
    const deadline = Date.now() + 10_000;
    while (seenByStream.size < written.size && Date.now() < deadline) {
      for (const e of stream.events)
        if (e !== 'RESYNC') for (const d of e.documents) seenByStream.set(d.id, d);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect([...written.keys()].filter((id) => !seenByStream.has(id))).toEqual([]);
    stream.close();
  });
});
