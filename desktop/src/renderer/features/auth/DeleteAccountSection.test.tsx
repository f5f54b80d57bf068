// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { syncClient, tripDoc } from '../../../../../sync-server/src/sync/testing';
import { createServices, type Services } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import { DeleteAccountSection } from './DeleteAccountSection';

let server: TestServer;
let services: Services;

beforeAll(async () => {
  server = await startTestServer();
  await useLanguage('en');
});

afterAll(async () => {
  services?.session.dispose();
  await server.stop();
});

beforeEach(() => {
  localStorage.clear();
  services?.session.dispose();
  services = createServices(server.url);
});

describe('deleting my account', { timeout: 30_000 }, () => {
  it('shows what will happen, asks the choices it needs, and deletes with them', async () => {
    const api = client(server.url);
    const una = await signUp(api, 'Una');
    const vin = await signUp(api, 'Vin');
    const mine = tripDoc(una.user.id, { title: 'Only mine' });
    const shared = tripDoc(una.user.id, { title: 'With Vin' });
    await syncClient(api, una.accessToken).create('trips', [mine, shared]);
    const invite = await api.post(
      `/trips/${shared.id}/invites`,
      { role: 'viewer' },
      { token: una.accessToken },
    );
    await api.post(`/invites/${invite.body.code}/accept`, undefined, { token: vin.accessToken });
    const post = await api.post('/posts', { title: 'Jeju', body: 'Lovely' }, { token: una.accessToken });

    await services.session.login(una.email, una.password);
    renderPage(<DeleteAccountSection />, { services, path: '/me', routes: { '/': <h1>home</h1> } });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete your account?' });

    // The preview: the trip only Una is in is deleted; the one shared with a viewer needs a choice.
    await within(dialog).findByText('Deleted from the server and all your devices (only you are in them):');
    expect(within(dialog).getByText('Only mine')).toBeTruthy();
    expect(within(dialog).getByText('Your board posts: 1 posts, 0 comments, 0 photos')).toBeTruthy();

    // Nothing is sent before every choice is made.
    await user.type(within(dialog).getByLabelText('Password', { selector: 'input' }), una.password);
    await user.click(within(dialog).getByRole('button', { name: 'Delete for good' }));
    expect(within(dialog).getByText('Choose what happens to this trip.')).toBeTruthy();
    expect(within(dialog).getByText('Choose what happens to your posts.')).toBeTruthy();
    expect((await api.get('/me', { token: una.accessToken })).status).toBe(200);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'With Vin' }), 'Hand over to Vin');
    await user.click(within(dialog).getByRole('radio', { name: /Keep them without my name/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete for good' }));
    await screen.findByRole('heading', { name: 'home' });

    expect(services.session.getState().status).toBe('anonymous');
    const members = await api.get(`/trips/${shared.id}/members`, { token: vin.accessToken });
    expect(members.body).toMatchObject([{ userId: vin.user.id, role: 'owner' }]);
    await waitFor(async () =>
      expect((await api.get(`/posts/${post.body.id}`)).body).toMatchObject({ title: 'Jeju', author: null }),
    );
  });
});
