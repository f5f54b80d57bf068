import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type ApiResponse,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { latest, stopDoc, syncClient, tripDoc, type Doc, type SyncClient } from '../sync/testing.js';

/**
 * The sync engine and sharing bind every value ($name) instead of writing it into the SQL.
 * Ids, titles and display names that look like SQL (quotes, backslashes, `$1`, `:name`, the
 * engine's own placeholder names, `--`, NUL where the schema takes it) go through pushes,
 * pulls (the feed and both backfills), invites, members and a trip's deletion: nothing answers
 * 500 and every value comes back as sent.
 */
const hex = () => randomBytes(4).toString('hex');
// Document ids only take [A-Za-z0-9_-]: `--` (a comment), `_` (a LIKE wildcard), a leading `-`.
const tripId = () => `--trip_${hex()}-_`;
const stopId = () => `-_--stop_${hex()}--`;
// Display names are trimmed, 1 to 60 characters.
const OWNER_NAME = `O'Brien "Ob" \\ $1 :name`;
const GUEST_NAME = `$userId :tripId \\' $$ ? \`x\` ;--`;
const TITLE = `It's a "trip" \\ \\' $1 $tripId :tripId :code ? ;-- \u0000 end`;
const NOTE = `note \\" $collection $no :afterSeq $$ '' \u0000 가`;

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(async () => {
  await server?.stop();
});

function expectOk(res: ApiResponse, status = 200) {
  expect(res.status, res.text).toBe(status);
}

async function pullAll(sync: SyncClient, collection: string, checkpoint?: string | null) {
  // A small page, so paging (LIMIT and the change key of each page) is exercised too.
  return sync.pullAll(collection, checkpoint, 2);
}

describe('values bound, never written into the SQL', () => {
  it('pushes, pulls, shares and unshares tricky ids, titles and names as sent', async () => {
    const o = await signUp(api, OWNER_NAME);
    const g = await signUp(api, GUEST_NAME);
    const owner = syncClient(api, o.accessToken);
    const guest = syncClient(api, g.accessToken);

    const trip = tripDoc(o.user.id, { id: tripId(), title: TITLE, description: NOTE });
    await owner.create('trips', [trip]);
    const stops = [stopDoc(trip.id, { id: stopId(), note: NOTE }), stopDoc(trip.id, { id: stopId() })];
    await owner.create('stops', stops);
    const ownStops = latest((await pullAll(owner, 'stops')).documents);
    for (const s of stops)
      expect(ownStops.get(s.id)).toMatchObject({ id: s.id, tripId: trip.id, note: s.note });

    // The guest reads nothing yet; this checkpoint comes back after gaining the trip.
    const before = await pullAll(guest, 'stops');
    expect(before.documents).toEqual([]);

    // Invites: created, listed (times keep their milliseconds), previewed, accepted.
    const created = await api.post(
      `/trips/${trip.id}/invites`,
      { role: 'viewer', expiresInHours: 1, maxUses: 2 },
      { token: o.accessToken },
    );
    expectOk(created, 201);
    const code = created.body.code as string;
    const listed = await api.get(`/trips/${trip.id}/invites`, { token: o.accessToken });
    expectOk(listed);
    expect(listed.body).toEqual([created.body]);
    const preview = await api.get(`/invites/${code}`, { token: g.accessToken });
    expectOk(preview);
    expect(preview.body).toEqual({
      tripTitle: TITLE,
      role: 'viewer',
      invitedBy: OWNER_NAME,
      expiresAt: created.body.expiresAt,
    });
    const accepted = await api.post(`/invites/${code}/accept`, undefined, { token: g.accessToken });
    expectOk(accepted);
    expect(accepted.body).toEqual({ tripId: trip.id, role: 'viewer' });

    const members = await api.get(`/trips/${trip.id}/members`, { token: g.accessToken });
    expectOk(members);
    expect(members.body).toEqual([
      { userId: o.user.id, displayName: OWNER_NAME, role: 'owner', joinedAt: expect.any(String) },
      { userId: g.user.id, displayName: GUEST_NAME, role: 'viewer', joinedAt: expect.any(String) },
    ]);
    for (const m of members.body as { joinedAt: string }[])
      expect(Number.isNaN(Date.parse(m.joinedAt))).toBe(false);

    // Gaining the trip brings its documents (the gained backfill), as stored.
    const gained = await pullAll(guest, 'stops', before.checkpoint);
    const gainedStops = latest(gained.documents);
    for (const s of stops)
      expect(gainedStops.get(s.id)).toMatchObject({ id: s.id, note: s.note, _deleted: false });
    const trips = latest((await pullAll(guest, 'trips')).documents);
    expect(trips.get(trip.id)).toMatchObject({ title: TITLE, description: NOTE });

    // A role change, then a push by the guest with another tricky id, read by the owner's feed.
    const changed = await api.patch(
      `/trips/${trip.id}/members/${g.user.id}`,
      { role: 'editor' },
      { token: o.accessToken },
    );
    expectOk(changed);
    expect(changed.body).toMatchObject({ userId: g.user.id, displayName: GUEST_NAME, role: 'editor' });
    const theirs = stopDoc(trip.id, { id: stopId(), note: `${NOTE} ${GUEST_NAME}` });
    await guest.create('stops', [theirs]);
    expect(latest((await pullAll(owner, 'stops')).documents).get(theirs.id)).toMatchObject({
      note: theirs.note,
    });

    // Losing the trip turns its documents into tombstones (the lost backfill).
    const member = await pullAll(guest, 'stops', gained.checkpoint);
    expectOk(
      await api.delete(`/trips/${trip.id}/members/${g.user.id}`, undefined, { token: o.accessToken }),
      204,
    );
    const lost = latest((await pullAll(guest, 'stops', member.checkpoint)).documents);
    for (const s of [...stops, theirs]) expect(lost.get(s.id)).toMatchObject({ id: s.id, _deleted: true });

    // Revoking; unknown but well-formed codes and member ids are 404s, not 500s.
    expectOk(await api.delete(`/trips/${trip.id}/invites/${code}`, undefined, { token: o.accessToken }), 204);
    expect((await api.get(`/trips/${trip.id}/invites`, { token: o.accessToken })).body).toEqual([]);
    expectProblem(
      await api.post(`/invites/${code}/accept`, undefined, { token: g.accessToken }),
      404,
      'invite_not_found',
    );
    const unknownCode = '--__--__--__--__-_';
    expectProblem(
      await api.get(`/invites/${unknownCode}`, { token: g.accessToken }),
      404,
      'invite_not_found',
    );
    expectProblem(
      await api.delete(`/trips/${trip.id}/invites/${unknownCode}`, undefined, { token: o.accessToken }),
      404,
      'invite_not_found',
    );
    expectProblem(
      await api.patch(`/trips/${trip.id}/members/-_--_`, { role: 'viewer' }, { token: o.accessToken }),
      404,
      'not_found',
    );

    // Deleting the trip deletes its live documents with it.
    const latestTrip = latest((await pullAll(owner, 'trips')).documents).get(trip.id) as Doc;
    await owner.update('trips', latestTrip, { ...latestTrip, _deleted: true });
    const gone = latest((await pullAll(owner, 'stops')).documents);
    for (const s of [...stops, theirs]) expect(gone.get(s.id)).toMatchObject({ id: s.id, _deleted: true });
  });

  it('stores a display name with NUL as sent, or refuses it with a 4xx', async () => {
    const name = `nul\u0000'$1:name\\`;
    const email = `nul-${hex()}@example.com`;
    const res = await api.post('/auth/signup', { email, password: `pass-${hex()}-x`, displayName: name });
    expect(res.status, res.text).toBeLessThan(500);
    if (res.status !== 201) return;
    const owner = syncClient(api, res.body.accessToken as string);
    const trip = tripDoc(res.body.user.id as string, { id: tripId() });
    await owner.create('trips', [trip]);
    const members = await api.get(`/trips/${trip.id}/members`, { token: owner.token });
    expectOk(members);
    expect(members.body).toMatchObject([{ displayName: name, role: 'owner' }]);
    const code = (await api.post(`/trips/${trip.id}/invites`, { role: 'viewer' }, { token: owner.token }))
      .body.code as string;
    const guest = await signUp(api, GUEST_NAME);
    const preview = await api.get(`/invites/${code}`, { token: guest.accessToken });
    expectOk(preview);
    expect(preview.body).toMatchObject({ invitedBy: name });
  });
});
