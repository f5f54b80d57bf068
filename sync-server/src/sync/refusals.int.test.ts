/**
 * Sync rules 11 and 12 over real HTTP: every refusal the current state causes converges (it is
 * answered as a conflict carrying what the caller may see), no child is ever live in a deleted
 * trip, and references stay inside the trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
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

type Person = { id: string; sync: SyncClient };

describe('refusals converge (rule 11), no orphans, references stay inside the trip (rule 12)', () => {
  let server: TestServer;
  let api: Client;
  let owner: Person;

  const person = async (name: string): Promise<Person> => {
    const s = await signUp(api, name);
    return { id: s.user.id, sync: syncClient(api, s.accessToken) };
  };
  /** A new trip of the owner's, shared with each of `members` in the given role. */
  async function sharedTrip(members: [Person, 'editor' | 'viewer'][] = []): Promise<Doc> {
    const [trip] = await owner.sync.create('trips', [tripDoc(owner.id)]);
    for (const [member, role] of members) {
      const invite = await api.post(`/trips/${trip!.id}/invites`, { role }, { token: owner.sync.token });
      const accepted = await api.post(`/invites/${invite.body.code}/accept`, undefined, {
        token: member.sync.token,
      });
      expect(accepted.status).toBe(200);
    }
    return trip!;
  }
  const deleteTrip = (trip: Doc) => owner.sync.update('trips', trip, { ...trip, _deleted: true });
  /** Pushes rows and expects the answer to be exactly `answer`, with nothing written. */
  async function answeredWithoutWrite(
    who: Person,
    collection: string,
    rows: { newDocumentState: Doc; assumedMasterState?: Doc }[],
    answer: Doc[],
  ) {
    const before = await syncState(server);
    const res = await who.sync.push(collection, rows);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(answer);
    expect(await syncState(server)).toEqual(before);
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    owner = await person('Owner');
  });
  afterAll(() => server.stop());

  it("answers an editor's stale edit to a trip the owner deleted with the tombstone (the four-step reproduction)", async () => {
    const editor = await person('Editor');
    const trip = await sharedTrip([[editor, 'editor']]);
    // 2. The editor edits the title; 3. the owner deletes the trip.
    const edited = await editor.sync.update('trips', trip, { ...trip, title: 'Jeju, edited' });
    const tombstone = { ...edited, _deleted: true };
    await owner.sync.update('trips', edited, tombstone);
    // 4. Another edit based on the state of step 2: a conflict carrying the tombstone, not 403.
    await answeredWithoutWrite(
      editor,
      'trips',
      [{ newDocumentState: { ...edited, title: 'Jeju, edited again' }, assumedMasterState: edited }],
      [tombstone],
    );
    // The same holds for an edit based on the first state, and for a viewer.
    await answeredWithoutWrite(
      editor,
      'trips',
      [{ newDocumentState: { ...trip, notes: 'bring sunscreen' }, assumedMasterState: trip }],
      [tombstone],
    );
    // Pushing the tombstone the device now holds changes nothing and is not a conflict.
    await answeredWithoutWrite(
      editor,
      'trips',
      [{ newDocumentState: tombstone, assumedMasterState: { ...trip, notes: 'bring sunscreen' } }],
      [],
    );
  });

  it('answers an editor who tries to delete or bring back a trip with the master state', async () => {
    const editor = await person('Editor');
    const trip = await sharedTrip([[editor, 'editor']]);
    await answeredWithoutWrite(
      editor,
      'trips',
      [{ newDocumentState: { ...trip, _deleted: true }, assumedMasterState: trip }],
      [trip],
    );
    const tombstone = { ...trip, _deleted: true };
    await deleteTrip(trip);
    await answeredWithoutWrite(
      editor,
      'trips',
      [{ newDocumentState: trip, assumedMasterState: tombstone }],
      [tombstone],
    );
  });

  it("answers a removed member's pending edits and new documents with redacted tombstones, and they reveal nothing", async () => {
    const editor = await person('Editor');
    const trip = await sharedTrip([[editor, 'editor']]);
    const [stop] = await owner.sync.create('stops', [stopDoc(trip.id, { note: 'secret-after-leaving' })]);
    expect(
      (await api.delete(`/trips/${trip.id}/members/${editor.id}`, undefined, { token: owner.sync.token }))
        .status,
    ).toBe(204);
    const before = await syncState(server);
    const res = await editor.sync.push('stops', [
      { newDocumentState: { ...stop!, note: 'offline edit' }, assumedMasterState: stop! },
      { newDocumentState: stopDoc(trip.id, { id: 'stop-new-offline', note: 'made offline' }) },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(await syncState(server)).toEqual(before);
    const answered = latest(res.body);
    expect(answered.get(stop!.id)).toMatchObject({ id: stop!.id, tripId: trip.id, _deleted: true, note: '' });
    expect(answered.get('stop-new-offline')).toMatchObject({ tripId: trip.id, _deleted: true, note: '' });
    expect(res.text).not.toContain('secret-after-leaving');
    // The trip itself: a redacted tombstone too.
    const tripAnswer = await editor.sync.push('trips', [
      { newDocumentState: { ...trip, title: 'mine' }, assumedMasterState: trip },
    ]);
    expect(tripAnswer.body).toEqual([expect.objectContaining({ id: trip.id, title: '-', _deleted: true })]);
  });

  it("answers a demoted editor's pending edits, deletions and new documents without writing them", async () => {
    const editor = await person('Editor');
    const trip = await sharedTrip([[editor, 'editor']]);
    const [item] = await owner.sync.create('checklistItems', [checklistItemDoc(trip.id)]);
    expect(
      (
        await api.patch(
          `/trips/${trip.id}/members/${editor.id}`,
          { role: 'viewer' },
          { token: owner.sync.token },
        )
      ).status,
    ).toBe(200);
    const fresh = checklistItemDoc(trip.id, { text: 'Charger' });
    await answeredWithoutWrite(
      editor,
      'checklistItems',
      [
        { newDocumentState: { ...item!, done: true }, assumedMasterState: item! },
        { newDocumentState: fresh },
      ],
      [item!, { ...fresh, _deleted: true }],
    );
    await answeredWithoutWrite(
      editor,
      'checklistItems',
      [{ newDocumentState: { ...item!, _deleted: true }, assumedMasterState: item! }],
      [item!],
    );
  });

  it('never stores a child live in a deleted trip: new stops, checklist items and expenses get tombstones', async () => {
    const editor = await person('Editor');
    const trip = await sharedTrip([[editor, 'editor']]);
    await deleteTrip(trip);
    for (const who of [owner, editor]) {
      const children: [string, Doc][] = [
        ['stops', stopDoc(trip.id)],
        ['checklistItems', checklistItemDoc(trip.id)],
        ['expenses', expenseDoc(trip.id, who.id)],
      ];
      for (const [collection, doc] of children)
        await answeredWithoutWrite(
          who,
          collection,
          [{ newDocumentState: doc }],
          [{ ...doc, _deleted: true }],
        );
    }
    // Nothing of the trip is live on the server.
    const rows = await server.ctx.db.sequelize.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM sync_documents WHERE trip_id = :tripId AND deleted = :no',
      { type: 'SELECT' as never, replacements: { tripId: trip.id, no: false } },
    );
    expect(Number(rows[0]!.n)).toBe(0);
    // Bringing a cascaded child back to life is answered with its tombstone too.
    const [stop] = await (async () => {
      const other = await sharedTrip([[editor, 'editor']]);
      const created = await owner.sync.create('stops', [stopDoc(other.id)]);
      await deleteTrip(other);
      return created;
    })();
    const tombstone = { ...stop!, _deleted: true };
    await answeredWithoutWrite(
      editor,
      'stops',
      [{ newDocumentState: { ...stop!, note: 'late edit' }, assumedMasterState: tombstone }],
      [tombstone],
    );
  });

  it('refuses an expense naming people who never belonged to the trip, or a stop of another trip, naming the row and field', async () => {
    const editor = await person('Editor');
    const stranger = await person('Stranger');
    const trip = await sharedTrip([[editor, 'editor']]);
    const [ownStop] = await owner.sync.create('stops', [stopDoc(trip.id)]);
    const [strangerTrip] = await stranger.sync.create('trips', [tripDoc(stranger.id)]);
    const [strangerStop] = await stranger.sync.create('stops', [
      stopDoc(strangerTrip!.id, { note: 'stranger-note' }),
    ]);
    const cases: [Doc, string][] = [
      [expenseDoc(trip.id, stranger.id), 'paidBy'],
      // Bound, not spliced into SQL: quotes, backslashes and NUL are just characters of an unknown id.
      [expenseDoc(trip.id, "o'brien\\\u0000--"), 'paidBy'],
      [expenseDoc(trip.id, editor.id, { splitAmong: [editor.id, stranger.id] }), 'splitAmong'],
      [expenseDoc(trip.id, editor.id, { stopId: strangerStop!.id }), 'stopId'],
      [expenseDoc(trip.id, editor.id, { stopId: 'stop-that-does-not-exist' }), 'stopId'],
    ];
    for (const [doc, field] of cases) {
      const before = await syncState(server);
      const fine = expenseDoc(trip.id, owner.id);
      const res = await editor.sync.push('expenses', [{ newDocumentState: fine }, { newDocumentState: doc }]);
      expectProblem(res, 422, 'invalid_reference');
      const problem = res.body as unknown as { errors: unknown[]; detail: string };
      expect(problem.errors).toEqual([{ path: `1.newDocumentState.${field}`, message: expect.any(String) }]);
      expect(problem.detail).toContain(field);
      expect(res.text).not.toContain(strangerStop!.note as string);
      expect(await syncState(server)).toEqual(before);
    }
    // Members and a stop of the same trip are fine.
    await editor.sync.create('expenses', [
      expenseDoc(trip.id, owner.id, { splitAmong: [owner.id, editor.id], stopId: ownStop!.id }),
    ]);
  });

  it('keeps expenses that name a removed member readable and editable', async () => {
    const editor = await person('Editor');
    const friend = await person('Friend');
    const trip = await sharedTrip([
      [editor, 'editor'],
      [friend, 'editor'],
    ]);
    const [expense] = await editor.sync.create('expenses', [
      expenseDoc(trip.id, friend.id, { splitAmong: [friend.id, editor.id] }),
    ]);
    expect(
      (await api.delete(`/trips/${trip.id}/members/${friend.id}`, undefined, { token: owner.sync.token }))
        .status,
    ).toBe(204);
    expect(latest((await editor.sync.pullAll('expenses')).documents).get(expense!.id)).toEqual(expense);
    // They were a member: a new expense may still name them, and the old one can change.
    await editor.sync.update('expenses', expense!, { ...expense!, note: 'settled' });
    await editor.sync.create('expenses', [expenseDoc(trip.id, friend.id)]);
  });

  it('still refuses outright what could never have been allowed: a stranger, a forged owner', async () => {
    const stranger = await person('Stranger');
    const trip = await sharedTrip();
    const before = await syncState(server);
    const res = await stranger.sync.push('trips', [
      { newDocumentState: { ...trip, title: 'mine' }, assumedMasterState: trip },
    ]);
    expectProblem(res, 403, 'forbidden');
    expect((await stranger.sync.push('trips', [{ newDocumentState: tripDoc(owner.id) }])).status).toBe(403);
    expect((await stranger.sync.push('stops', [{ newDocumentState: stopDoc(trip.id) }])).status).toBe(403);
    expect(await syncState(server)).toEqual(before);
  });
});
