import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startInstancePair, type TestServer } from '../../test/harness.js';
import type { ChangeMessage } from './changes.js';
import {
  checklistItemDoc,
  counter,
  hasDoc,
  isResync,
  openStream,
  stopDoc,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type StreamEvent,
  type SyncClient,
} from './testing.js';

/** The documents a stream carried, latest state per id. */
function streamed(stream: OpenStream, from = 0): Map<string, Doc> {
  const seen = new Map<string, Doc>();
  for (const e of stream.events.slice(from))
    if (e !== 'RESYNC') for (const d of e.documents) seen.set(d.id, d);
  return seen;
}

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Makes a server lose its announcements that `drop` picks (a crash between commit and publish, a Redis blip). */
function loseAnnouncements(server: TestServer, drop: (message: ChangeMessage) => boolean): () => void {
  const live = server.ctx.live as { publish(message: ChangeMessage): void };
  const original = live.publish.bind(live);
  live.publish = (message) => {
    if (!drop(message)) original(message);
  };
  return () => {
    live.publish = original;
  };
}

describe('per-trip change keys: rule 3 under real concurrency, two instances, racing commits', () => {
  let pair: Awaited<ReturnType<typeof startInstancePair>>;

  beforeAll(async () => {
    // Every transaction waits 0-20 ms between taking its keys and committing: commits overtake each other.
    pair = await startInstancePair({ SYNC_TEST_COMMIT_DELAY_MS: '20' });
  });
  afterAll(() => pair?.stop());

  it('20 writers over 10 trips and 10 writers on one trip: pull and stream tailers skip nothing and end current', async () => {
    const { a, b } = pair;
    const owner = await signUp(client(a.url), 'Tailer');
    const onA = syncClient(client(a.url), owner.accessToken);
    const onB = syncClient(client(b.url), owner.accessToken);
    const trips = Array.from({ length: 11 }, () => tripDoc(owner.user.id));
    await onA.create('trips', trips);
    const streams = [
      await openStream(a.url, 'stops', owner.accessToken),
      await openStream(b.url, 'stops', owner.accessToken),
    ];

    const written = new Map<string, Doc>();
    let writing = true;
    const tail = async (via: SyncClient) => {
      const seen = new Map<string, Doc>();
      let checkpoint: string | null = null;
      for (let last = false; ; last = !writing) {
        const res = await via.pull('stops', checkpoint, 20);
        expect(res.status, res.text).toBe(200);
        for (const d of res.body.documents) seen.set(d.id, d);
        checkpoint = res.body.checkpoint;
        if (last && res.body.documents.length < 20) return seen;
      }
    };
    const tailers = [tail(onA), tail(onB)];
    const writers = Array.from({ length: 30 }, async (_, w) => {
      const trip = w < 20 ? trips[w % 10]! : trips[10]!;
      const via = w % 2 === 0 ? onA : onB;
      let previous: Doc | undefined;
      for (let round = 0; round < 6; round++) {
        const fresh = [
          stopDoc(trip.id, { note: `w${w} r${round} a` }),
          stopDoc(trip.id, { note: `w${w} r${round} b` }),
        ];
        const rows: { newDocumentState: Doc; assumedMasterState?: Doc }[] = fresh.map((d) => ({
          newDocumentState: d,
        }));
        if (previous)
          rows.push({
            newDocumentState: { ...previous, note: `${previous.note as string} edited` },
            assumedMasterState: previous,
          });
        const res = await via.push('stops', rows);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual([]);
        for (const d of fresh) written.set(d.id, d);
        if (previous) written.set(previous.id, { ...previous, note: `${previous.note as string} edited` });
        previous = fresh[0];
      }
    });
    await Promise.all(writers).finally(() => {
      writing = false;
    });
    const seenByPull = await Promise.all(tailers);

    expect(written.size).toBe(30 * 6 * 2);
    for (const seen of seenByPull) {
      expect(
        [...written.keys()].filter((id) => !seen.has(id)),
        'skipped by a pull',
      ).toEqual([]);
      expect(
        [...written].filter(([id, doc]) => JSON.stringify(seen.get(id)) !== JSON.stringify(doc)),
        'stale',
      ).toEqual([]);
    }
    for (const stream of streams) {
      await eventually('every write on the stream', () =>
        [...written].every(([id, doc]) => JSON.stringify(streamed(stream).get(id)) === JSON.stringify(doc)),
      );
      expect(stream.events.filter(isResync)).toEqual([]);
      stream.close();
    }
  }, 120_000);
});

describe('per-trip change keys: locks and lost announcements', () => {
  let pair: Awaited<ReturnType<typeof startInstancePair>>;

  beforeAll(async () => {
    pair = await startInstancePair({ SYNC_GAP_SECONDS: '1', SYNC_CHECK_SECONDS: '2' });
  });
  afterAll(() => pair?.stop());

  it('a push that conflicts or is refused takes no sequence lock', async () => {
    const { a } = pair;
    const api = client(a.url);
    const owner = await signUp(api, 'Owner');
    const viewer = await signUp(api, 'Viewer');
    const mine = syncClient(api, owner.accessToken);
    const trip = tripDoc(owner.user.id);
    await mine.create('trips', [trip]);
    const invite = await api.post(
      `/trips/${trip.id}/invites`,
      { role: 'viewer' },
      { token: owner.accessToken },
    );
    await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: viewer.accessToken });
    const item = (await mine.create('checklistItems', [checklistItemDoc(trip.id)]))[0]!;
    const current = await mine.update('checklistItems', item, { ...item, done: true });

    const locksBefore = await counter(a, 'hamgaja_sync_lock_wait_seconds');
    const unlockedBefore = await counter(a, 'hamgaja_sync_pushes_unlocked_total');
    // A stale edit (conflict), a retry of the stored state, a viewer's edit (refused, answered with the master).
    const stale = await mine.push('checklistItems', [
      { newDocumentState: { ...item, text: 'stale' }, assumedMasterState: item },
    ]);
    expect(stale.body).toEqual([current]);
    expect(
      (await mine.push('checklistItems', [{ newDocumentState: current, assumedMasterState: item }])).body,
    ).toEqual([]);
    const refused = await syncClient(api, viewer.accessToken).push('checklistItems', [
      { newDocumentState: { ...current, text: 'viewer' }, assumedMasterState: current },
    ]);
    expect(refused.body).toEqual([current]);
    expect(await counter(a, 'hamgaja_sync_pushes_unlocked_total')).toBe(unlockedBefore + 3);
    expect(await counter(a, 'hamgaja_sync_lock_wait_seconds')).toBe(locksBefore);

    // A push that writes takes its trip's lock, once.
    await mine.update('checklistItems', current, { ...current, text: 'written' });
    expect(await counter(a, 'hamgaja_sync_lock_wait_seconds')).toBe(locksBefore + 1);
  });

  it("a lost announcement makes only that trip's streams catch up; the others receive nothing extra", async () => {
    const { a, b } = pair;
    const apiA = client(a.url);
    const users = await Promise.all(['One', 'Two', 'Three', 'Guest'].map((n) => signUp(apiA, n)));
    const [u1, u2, u3, guest] = users as [
      (typeof users)[0],
      (typeof users)[0],
      (typeof users)[0],
      (typeof users)[0],
    ];
    const trips = [tripDoc(u1.user.id), tripDoc(u2.user.id), tripDoc(u3.user.id)] as const;
    await syncClient(apiA, u1.accessToken).create('trips', [trips[0]]);
    await syncClient(apiA, u2.accessToken).create('trips', [trips[1]]);
    await syncClient(apiA, u3.accessToken).create('trips', [trips[2]]);
    const invite = await apiA.post(
      `/trips/${trips[0].id}/invites`,
      { role: 'viewer' },
      { token: u1.accessToken },
    );
    await apiA.post(`/invites/${invite.body.code}/accept`, undefined, { token: guest.accessToken });

    const s1 = await openStream(a.url, 'stops', u1.accessToken);
    const sGuest = await openStream(b.url, 'stops', guest.accessToken);
    const s2 = await openStream(b.url, 'stops', u2.accessToken);
    const s3a = await openStream(a.url, 'stops', u3.accessToken);
    const s3b = await openStream(b.url, 'stops', u3.accessToken);
    const all = [s1, sGuest, s2, s3a, s3b];
    await new Promise((r) => setTimeout(r, 300));
    const baseline = all.map((s) => s.events.length);
    // Read-backs of either kind: the gap timer, or the periodic check if it comes first.
    const catchUps = async () =>
      (await counter(a, 'hamgaja_sync_catchups_total')) + (await counter(b, 'hamgaja_sync_catchups_total'));
    const catchUpsBefore = await catchUps();

    // Trip 1's first change is committed but never announced; its next change is.
    let announced = 0;
    const restore = loseAnnouncements(a, (m) => trips[0].id in m.trips && announced++ === 0);
    const first = stopDoc(trips[0].id, { note: 'never announced' });
    const second = stopDoc(trips[0].id, { note: 'announced' });
    const mine = syncClient(apiA, u1.accessToken);
    await mine.create('stops', [first]);
    await mine.create('stops', [second]);
    const other = stopDoc(trips[1].id, { note: 'trip two' });
    await syncClient(client(b.url), u2.accessToken).create('stops', [other]);
    restore();
    expect(announced).toBe(2); // the first was lost, the second went out

    for (const stream of [s1, sGuest]) {
      await stream.waitFor(hasDoc(first.id), 10_000);
      await stream.waitFor(hasDoc(second.id), 10_000);
    }
    await s2.waitFor(hasDoc(other.id));
    await new Promise((r) => setTimeout(r, 1500));
    // Trip one's two streams (one per instance) read back, once each: nothing else did.
    expect(await catchUps()).toBe(catchUpsBefore + 2);
    // Nobody RESYNCs; trip two's member got exactly its own change; trip three's streams got nothing.
    all.forEach((s, i) => expect(s.events.slice(baseline[i]).filter(isResync)).toEqual([]));
    expect(
      s2.events.slice(baseline[2]).flatMap((e: StreamEvent) => (e === 'RESYNC' ? [] : e.documents)),
    ).toEqual([other]);
    expect(s3a.events.slice(baseline[3])).toEqual([]);
    expect(s3b.events.slice(baseline[4])).toEqual([]);

    // A change whose announcement is lost with nothing after it is found by the periodic check.
    let lost = 0;
    const restore3 = loseAnnouncements(a, (m) => trips[2].id in m.trips && lost++ === 0);
    const quiet = stopDoc(trips[2].id, { note: 'announced nowhere' });
    await syncClient(apiA, u3.accessToken).create('stops', [quiet]);
    restore3();
    await s3a.waitFor(hasDoc(quiet.id), 10_000);
    await s3b.waitFor(hasDoc(quiet.id), 10_000);
    expect(
      s1.events
        .slice(baseline[0])
        .flatMap((e) => (e === 'RESYNC' ? [] : e.documents))
        .map((d) => d.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    for (const s of all) s.close();
  });
});
