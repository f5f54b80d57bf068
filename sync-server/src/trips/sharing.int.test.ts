import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { syncClient, syncState, tripDoc, type Doc, type SyncClient } from '../sync/testing.js';

describe('sharing a trip: invites, members and roles', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://hamgaja.example' });
    api = client(server.url);
    const o = await signUp(api, 'Olivia');
    owner = syncClient(api, o.accessToken);
    ownerId = o.user.id;
  });
  afterAll(() => server.stop());

  async function newTrip(title = 'Busan food tour'): Promise<Doc> {
    return (await owner.create('trips', [tripDoc(ownerId, { title })]))[0]!;
  }
  const invite = (tripId: string, body: unknown = { role: 'viewer' }) =>
    api.post(`/trips/${tripId}/invites`, body, { token: owner.token });
  const accept = (code: string, token: string) => api.post(`/invites/${code}/accept`, undefined, { token });
  const role = async (tripId: string, userId: string) =>
    (await api.get(`/trips/${tripId}/members`, { token: owner.token })).body.find(
      (m: { userId: string }) => m.userId === userId,
    )?.role;

  it('creates invites with defaults and limits, as links under PUBLIC_URL', async () => {
    const trip = await newTrip();
    const res = await invite(trip.id, { role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      code: expect.stringMatching(/^[\w-]{20,}$/),
      url: `https://hamgaja.example/invite/${res.body.code}`,
      role: 'editor',
      expiresAt: expect.any(String),
      maxUses: null,
      uses: 0,
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThanOrEqual(168);
    const limited = await invite(trip.id, { role: 'viewer', expiresInHours: 2, maxUses: 3 });
    expect(limited.body).toMatchObject({ role: 'viewer', maxUses: 3, uses: 0 });
    expect(Date.parse(limited.body.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
  });

  it('refuses invalid invite requests without writing', async () => {
    const trip = await newTrip();
    const before = await syncState(server);
    for (const body of [
      { role: 'owner' },
      { role: 'viewer', expiresInHours: 0 },
      { role: 'viewer', expiresInHours: 721 },
      { role: 'viewer', maxUses: 0 },
      { role: 'viewer', maxUses: 101 },
      { role: 'viewer', extra: 1 },
      {},
    ]) {
      expectProblem(await invite(trip.id, body), 400, 'validation_failed');
    }
    expectProblem(await invite('not a trip id!'), 404, 'not_found');
    expect(await syncState(server)).toEqual(before);
  });

  it('previews an invite, then accepting it makes the user a member', async () => {
    const trip = await newTrip('Gyeongju temples');
    const code = (await invite(trip.id, { role: 'editor' })).body.code;
    const guest = await signUp(api, 'Gina');
    expectProblem(await api.get(`/invites/${code}`), 401, 'unauthenticated');
    const preview = await api.get(`/invites/${code}`, { token: guest.accessToken });
    expect(preview.body).toEqual({
      tripTitle: 'Gyeongju temples',
      role: 'editor',
      invitedBy: 'Olivia',
      expiresAt: expect.any(String),
    });
    expect(await accept(code, guest.accessToken).then((r) => r.body)).toEqual({
      tripId: trip.id,
      role: 'editor',
    });
    expect(await role(trip.id, guest.user.id)).toBe('editor');
    expect((await api.get(`/trips/${trip.id}/invites`, { token: owner.token })).body[0].uses).toBe(1);
  });

  it('keeps the higher role when a member accepts another invite', async () => {
    const trip = await newTrip();
    const viewerCode = (await invite(trip.id, { role: 'viewer' })).body.code;
    const editorCode = (await invite(trip.id, { role: 'editor' })).body.code;
    const hana = await signUp(api, 'Hana');
    expect((await accept(editorCode, hana.accessToken)).body).toEqual({ tripId: trip.id, role: 'editor' });
    expect((await accept(viewerCode, hana.accessToken)).body).toEqual({ tripId: trip.id, role: 'editor' });
    expect(await role(trip.id, hana.user.id)).toBe('editor');
    const ian = await signUp(api, 'Ian');
    await accept(viewerCode, ian.accessToken);
    expect((await accept(editorCode, ian.accessToken)).body.role).toBe('editor');
    expect((await accept(viewerCode, owner.token)).body).toEqual({ tripId: trip.id, role: 'owner' });
    expect(await role(trip.id, ownerId)).toBe('owner');
  });

  it('answers unknown and revoked invites with 404, expired and used-up ones with 410', async () => {
    const trip = await newTrip();
    const user = await signUp(api, 'Jae');
    expectProblem(await accept('x'.repeat(22), user.accessToken), 404, 'invite_not_found');
    expectProblem(
      await api.get(`/invites/${'y'.repeat(22)}`, { token: user.accessToken }),
      404,
      'invite_not_found',
    );
    expectProblem(await accept('short', user.accessToken), 404, 'invite_not_found');

    const revoked = (await invite(trip.id)).body.code;
    expect(
      (await api.delete(`/trips/${trip.id}/invites/${revoked}`, undefined, { token: owner.token })).status,
    ).toBe(204);
    expectProblem(await accept(revoked, user.accessToken), 404, 'invite_not_found');
    expectProblem(
      await api.delete(`/trips/${trip.id}/invites/${revoked}`, undefined, { token: owner.token }),
      404,
      'invite_not_found',
    );

    const expired = (await invite(trip.id)).body.code;
    await server.ctx.db.sequelize.query('UPDATE trip_invites SET expires_at = :past WHERE code = :code', {
      replacements: { past: new Date(Date.now() - 1000), code: expired },
    });
    expectProblem(await api.get(`/invites/${expired}`, { token: user.accessToken }), 410, 'invite_expired');
    expectProblem(await accept(expired, user.accessToken), 410, 'invite_expired');

    const once = (await invite(trip.id, { role: 'viewer', maxUses: 1 })).body.code;
    expect((await accept(once, user.accessToken)).status).toBe(200);
    const late = await signUp(api, 'Kim');
    expectProblem(await accept(once, late.accessToken), 410, 'invite_expired');
    expect(await role(trip.id, late.user.id)).toBeUndefined();

    // Only invites that can still be used are listed.
    const live = (await invite(trip.id)).body.code;
    const listed = (await api.get(`/trips/${trip.id}/invites`, { token: owner.token })).body.map(
      (i: { code: string }) => i.code,
    );
    expect(listed).toEqual([live]);
  });

  it('lets exactly maxUses people in when they accept at the same time', async () => {
    const trip = await newTrip();
    const code = (await invite(trip.id, { role: 'viewer', maxUses: 2 })).body.code;
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(api, `Racer ${i}`)));
    const answers = await Promise.all(people.map((p) => accept(code, p.accessToken)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 410, 410, 410, 410]);
    expect((await api.get(`/trips/${trip.id}/members`, { token: owner.token })).body).toHaveLength(3);
  });

  it('changes roles and removes members; the owner stays', async () => {
    const trip = await newTrip();
    const code = (await invite(trip.id)).body.code;
    const lee = await signUp(api, 'Lee');
    await accept(code, lee.accessToken);
    const changed = await api.patch(
      `/trips/${trip.id}/members/${lee.user.id}`,
      { role: 'editor' },
      { token: owner.token },
    );
    expect(changed.body).toEqual({
      userId: lee.user.id,
      displayName: 'Lee',
      role: 'editor',
      joinedAt: expect.any(String),
    });
    expectProblem(
      await api.patch(`/trips/${trip.id}/members/${lee.user.id}`, { role: 'owner' }, { token: owner.token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.patch(`/trips/${trip.id}/members/nobody`, { role: 'viewer' }, { token: owner.token }),
      404,
      'not_found',
    );
    expectProblem(
      await api.delete(`/trips/${trip.id}/members/nobody`, undefined, { token: owner.token }),
      404,
      'not_found',
    );
    expect(
      (await api.delete(`/trips/${trip.id}/members/${lee.user.id}`, undefined, { token: owner.token }))
        .status,
    ).toBe(204);
    expect(await role(trip.id, lee.user.id)).toBeUndefined();
    // Lee is a stranger now.
    expectProblem(await api.get(`/trips/${trip.id}/members`, { token: lee.accessToken }), 404, 'not_found');
  });

  it('refuses invites to a deleted trip', async () => {
    const trip = await newTrip();
    const code = (await invite(trip.id)).body.code;
    await owner.update('trips', trip, { ...trip, _deleted: true });
    const user = await signUp(api, 'Min');
    expectProblem(await accept(code, user.accessToken), 404, 'invite_not_found');
    expectProblem(await invite(trip.id), 404, 'not_found');
  });
});
