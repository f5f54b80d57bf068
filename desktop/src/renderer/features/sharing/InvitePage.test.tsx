// @vitest-environment jsdom
// The invite page against a real sync server (SQLite) over HTTP.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  client,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../../../sync-server/test/harness';
import { createServices, type Services } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import InvitePage from './InvitePage';

let server: TestServer;
let api: Client;
let services: Services;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  await useLanguage('en');
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  localStorage.clear();
  services = createServices(server.url);
});

afterEach(() => services.session.dispose());

async function tripWithInvite(role: 'editor' | 'viewer') {
  const owner = await signUp(api, 'Minji');
  const tripId = `trip-${crypto.randomUUID().slice(0, 8)}`;
  const push = await api.post(
    '/sync/trips/push',
    [
      {
        newDocumentState: {
          id: tripId,
          title: 'Busan weekend',
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
  expect(push.status, push.text).toBe(200);
  const invite = await api.post(`/trips/${tripId}/invites`, { role }, { token: owner.accessToken });
  expect(invite.status, invite.text).toBe(201);
  return { tripId, code: (invite.body as { code: string }).code, owner };
}

async function show(code: string) {
  const guest = await signUp(api, 'Jun');
  await services.session.login(guest.email, guest.password);
  renderPage(<InvitePage />, {
    services,
    path: '/invite/:code',
    at: `/invite/${code}`,
    routes: { '/trips/:tripId': <h1>trip opened</h1>, '/trips': <h1>my trips</h1> },
  });
  return { guest, user: userEvent.setup({ delay: null }) };
}

describe('InvitePage', { timeout: 30_000 }, () => {
  it('shows who invites to which trip with which role, and joining opens the trip', async () => {
    const { tripId, code, owner } = await tripWithInvite('viewer');
    const { guest, user } = await show(code);
    expect(await screen.findByText('Minji invited you to “Busan weekend”.')).toBeTruthy();
    expect(screen.getByText('Viewer')).toBeTruthy();
    expect(screen.getByText('Can see the plans but not change them.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Join the trip' }));
    expect(await screen.findByRole('heading', { name: 'trip opened' })).toBeTruthy();
    const members = await api.get(`/trips/${tripId}/members`, { token: owner.accessToken });
    expect(
      (members.body as { userId: string; role: string }[]).find((m) => m.userId === guest.user.id)?.role,
    ).toBe('viewer');
  });

  it('explains an invite that was revoked, with a way back to the trips', async () => {
    const { tripId, code, owner } = await tripWithInvite('editor');
    expect(
      (await api.delete(`/trips/${tripId}/invites/${code}`, undefined, { token: owner.accessToken })).status,
    ).toBe(204);
    const { user } = await show(code);
    expect(
      await screen.findByText("We can't find this invite. Ask the person who invited you for a new link."),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Join the trip' })).toBeNull();
    await user.click(screen.getByRole('link', { name: 'Go to my trips' }));
    expect(await screen.findByRole('heading', { name: 'my trips' })).toBeTruthy();
  });
});
