// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { createServices, type Services } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import SignupPage from './SignupPage';

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

function show() {
  renderPage(<SignupPage />, { services, path: '/signup', routes: { '/trips': <h1>trips landing</h1> } });
  const user = userEvent.setup({ delay: null });
  /** Replaces a field's text in one input event, as a browser's autofill or paste does. */
  const fill = async (label: string, text: string) => {
    await user.clear(field(label));
    await user.click(field(label));
    await user.paste(text);
  };
  return Object.assign(user, { fill });
}

const field = (name: string) => screen.getByLabelText(name, { exact: true, selector: 'input' });
const rule = (text: string) => screen.getByText(text).closest('li');

describe('sign-up form', { timeout: 30_000 }, () => {
  it('marks each password rule as the user types', async () => {
    const user = show();
    await user.fill('Email', 'minji@example.com');
    await user.type(field('Password'), 'abc');
    expect(rule('8 to 128 characters')).toHaveProperty('dataset.met', 'false');
    expect(rule('At least one letter and one number')).toHaveProperty('dataset.met', 'false');
    await user.type(field('Password'), 'defgh1');
    expect(rule('8 to 128 characters')).toHaveProperty('dataset.met', 'true');
    expect(rule('At least one letter and one number')).toHaveProperty('dataset.met', 'true');
    expect(rule('Different from your email')).toHaveProperty('dataset.met', 'true');
    await user.fill('Password', 'minji2024');
    expect(rule('Different from your email')).toHaveProperty('dataset.met', 'false');
  });

  it('says when the confirmation differs and blocks a submit with invalid fields', async () => {
    const user = show();
    await user.fill('Email', 'not-an-email');
    await user.fill('Password', 'seoul2024');
    await user.fill('Confirm password', 'seoul2025');
    expect(screen.getByText("The passwords don't match.")).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Enter a valid email address.')).toBeTruthy();
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(document.activeElement).toBe(field('Email'));
    expect(services.session.getState().status).toBe('anonymous');
  });

  it('checks with the server whether the email is free', async () => {
    const taken = await signUp(client(server.url));
    const user = show();
    await user.fill('Email', taken.email);
    expect(
      await screen.findByText('This email already has an account.', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    await user.clear(field('Email'));
    await user.fill('Email', `free-${Date.now()}@example.com`);
    expect(await screen.findByText('This email is free to use.', {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('creates the account with the optional fields and moves on', async () => {
    const email = `jeju-${Date.now()}@example.com`;
    const user = show();
    await user.fill('Email', email);
    await user.fill('Password', 'jeju2024trip');
    await user.fill('Confirm password', 'jeju2024trip');
    await user.fill('Name', 'Jiwoo');
    await user.fill('Phone', '+82 10-1234-5678');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'trips landing' }, { timeout: 10_000 })).toBeTruthy();
    const state = services.session.getState();
    expect(state.status === 'authenticated' && state.user).toMatchObject({
      email,
      displayName: 'Jiwoo',
      phone: '+82 10-1234-5678',
      address: null,
      locale: 'en',
    });
  });

  it('explains a rejected phone number without calling the server', async () => {
    const user = show();
    await user.fill('Phone', 'call me maybe');
    await user.tab();
    expect(screen.getByText('Use digits, spaces, +, - and brackets only, up to 30 characters.')).toBeTruthy();
  });
});
