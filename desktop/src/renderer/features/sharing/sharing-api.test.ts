// The sharing client against a real sync server (SQLite) over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../../../sync-server/test/harness';
import { ApiError } from '../../api/http';
import { calendarFeedUrls, createSharingApi, type SharingApi } from './sharing-api';

let server: TestServer;
let api: Client;
let sharing: SharingApi;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sharing = createSharingApi((input, init) => fetch(input, init), server.url);
});

afterAll(async () => {
  await server.stop();
});

/** Creates a trip the way the app does: by pushing it through replication. */
async function pushTrip(
  owner: { accessToken: string; user: { id: string } },
  title: string,
): Promise<string> {
  const id = `trip-${crypto.randomUUID().slice(0, 8)}`;
  const res = await api.post(
    '/sync/trips/push',
    [
      {
        newDocumentState: {
          id,
          title,
          description: '',
          destination: { regionCode: '6' },
          startDate: '2026-05-01',
          endDate: '2026-05-03',
          timeZone: 'Asia/Seoul',
          currency: 'KRW',
          plannedBudget: null,
          coverImage: null,
          notes: '',
          ownerId: owner.user.id,
          _deleted: false,
        },
      },
    ],
    { token: owner.accessToken, headers: { 'x-hamgaja-schema-version': '0' } },
  );
  expect(res.status, res.text).toBe(200);
  return id;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('sharing API client', { timeout: 30_000 }, () => {
  it('invites, previews, accepts, changes roles, removes and leaves', async () => {
    const owner = await signUp(api, 'Minji');
    const friend = await signUp(api, 'Jun');
    const other = await signUp(api, 'Sora');
    const tripId = await pushTrip(owner, 'Busan weekend');

    const invite = await sharing.createInvite(owner.accessToken, tripId, {
      role: 'viewer',
      expiresInHours: 24,
    });
    expect(invite).toMatchObject({ role: 'viewer', uses: 0, maxUses: null });
    expect(invite.url).toMatch(new RegExp(`/invite/${invite.code}$`));
    expect(await sharing.listInvites(owner.accessToken, tripId)).toEqual([invite]);
    // Only the owner manages invites.
    expect((await rejection(sharing.listInvites(friend.accessToken, tripId))).status).toBeGreaterThanOrEqual(
      403,
    );

    expect(await sharing.previewInvite(friend.accessToken, invite.code)).toMatchObject({
      tripTitle: 'Busan weekend',
      role: 'viewer',
      invitedBy: 'Minji',
    });
    expect(await sharing.acceptInvite(friend.accessToken, invite.code)).toEqual({ tripId, role: 'viewer' });
    const members = await sharing.members(friend.accessToken, tripId);
    expect(members.map((member) => [member.displayName, member.role])).toEqual([
      ['Minji', 'owner'],
      ['Jun', 'viewer'],
    ]);

    expect(await sharing.changeRole(owner.accessToken, tripId, friend.user.id, 'editor')).toMatchObject({
      userId: friend.user.id,
      role: 'editor',
    });
    expect(
      (await rejection(sharing.changeRole(friend.accessToken, tripId, owner.user.id, 'viewer'))).code,
    ).toBe('forbidden');

    await sharing.removeMember(owner.accessToken, tripId, friend.user.id);
    expect((await rejection(sharing.members(friend.accessToken, tripId))).status).toBe(404);

    // A second invite: Sora joins and leaves by herself.
    const second = await sharing.createInvite(owner.accessToken, tripId, { role: 'editor' });
    await sharing.acceptInvite(other.accessToken, second.code);
    await sharing.removeMember(other.accessToken, tripId, other.user.id);
    expect((await sharing.members(owner.accessToken, tripId)).map((member) => member.displayName)).toEqual([
      'Minji',
    ]);

    await sharing.revokeInvite(owner.accessToken, tripId, second.code);
    const revoked = await rejection(sharing.previewInvite(friend.accessToken, second.code));
    expect([revoked.status, revoked.code]).toEqual([404, 'invite_not_found']);
  });

  it('makes, rotates and revokes a calendar feed whose URL serves the trip', async () => {
    const owner = await signUp(api, 'Minji');
    const tripId = await pushTrip(owner, 'Gangneung coast');
    expect(await sharing.calendarFeed(owner.accessToken, tripId)).toEqual({
      active: false,
      createdAt: null,
      rotatedAt: null,
    });
    const created = await sharing.createCalendarFeed(owner.accessToken, tripId);
    const { url, webcalUrl } = calendarFeedUrls(created.token, server.url, 'http://unused.example');
    expect(webcalUrl).toBe(url.replace(/^http:/, 'webcal:'));
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('Gangneung coast');
    expect(await sharing.calendarFeed(owner.accessToken, tripId)).toMatchObject({ active: true });

    const rotated = await sharing.createCalendarFeed(owner.accessToken, tripId);
    expect(rotated.rotatedAt).not.toBeNull();
    expect((await fetch(url)).status).toBe(404);
    await sharing.revokeCalendarFeed(owner.accessToken, tripId);
    const gone = await rejection(sharing.revokeCalendarFeed(owner.accessToken, tripId));
    expect([gone.status, gone.code]).toEqual([404, 'calendar_feed_not_found']);
  });

  it('builds feed URLs at this page when the API is on the same origin', () => {
    expect(calendarFeedUrls('t0k', '', 'https://trip.example')).toEqual({
      url: 'https://trip.example/api/calendar/t0k.ics',
      webcalUrl: 'webcal://trip.example/api/calendar/t0k.ics',
    });
  });
});
