import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { accountState, exec, rows, userRow } from '../../test/db-state.js';
import { recipient, startInbox, type Inbox, type ParsedMail } from '../../test/inbox.js';

const PUBLIC_URL = 'https://trips.example.test';

function resetToken(mail: ParsedMail): string {
  const match = mail.text?.match(/(https:\/\/trips\.example\.test\/reset-password\?token=([A-Za-z0-9_%-]+))/);
  expect(match, mail.text).toBeTruthy();
  expect(mail.html).toContain(match![1]);
  return decodeURIComponent(match![2]!);
}

describe('password reset by mail', () => {
  let inbox: Inbox;
  let server: TestServer;
  let api: Client;
  beforeAll(async () => {
    inbox = await startInbox();
    server = await startTestServer({
      SMTP_URL: inbox.url,
      PUBLIC_URL,
      MAIL_FROM: 'Hamgaja <no-reply@trips.example.test>',
    });
    api = client(server.url);
  });
  afterAll(async () => {
    await server.stop();
    await inbox.close();
  });

  /** Requests a reset and returns the mail it produced. */
  async function requestReset(body: { email: string; locale?: 'ko' | 'en' }) {
    const seen = inbox.mails.length;
    const res = await api.post('/auth/password-reset/request', body);
    expect(res).toMatchObject({ status: 202 });
    return inbox.next(seen);
  }

  it('mails a Korean link, which sets a new password once and ends every session', async () => {
    const a = await signUp(api, '김민지');
    const mail = await requestReset({ email: a.email.toUpperCase() });
    expect(recipient(mail)).toBe(a.email);
    expect(mail.from?.value[0]?.address).toBe('no-reply@trips.example.test');
    expect(mail.subject).toBe('함가자 비밀번호 재설정');
    expect(mail.text).toContain('김민지님');
    const token = resetToken(mail);

    // A weak password is refused without spending the token.
    expectProblem(
      await api.post('/auth/password-reset/confirm', { token, password: 'short' }),
      400,
      'validation_failed',
    );

    expect(
      (await api.post('/auth/password-reset/confirm', { token, password: 'a-fresh-password' })).status,
    ).toBe(204);
    expect((await userRow(server, a.email))?.password_hash).toMatch(/^\$argon2id\$/);
    expect((await api.post('/auth/login', { email: a.email, password: 'a-fresh-password' })).status).toBe(
      200,
    );
    expectProblem(
      await api.post('/auth/login', { email: a.email, password: a.password }),
      401,
      'invalid_credentials',
    );
    expectProblem(await api.post('/auth/refresh', { refreshToken: a.refreshToken }), 401, 'invalid_token');

    const before = await accountState(server);
    expectProblem(
      await api.post('/auth/password-reset/confirm', { token, password: 'yet-another-one' }),
      400,
      'invalid_reset_token',
    );
    expect(await accountState(server)).toEqual(before);
  });

  it('writes in English when asked, or when the account is set to English', async () => {
    const a = await signUp(api, 'Jamie');
    const asked = await requestReset({ email: a.email, locale: 'en' });
    expect(asked.subject).toBe('Reset your Hamgaja password');
    expect(asked.text).toContain('Hello Jamie,');
    expect((await api.patch('/me', { locale: 'en' }, { token: a.accessToken })).status).toBe(200);
    expect((await requestReset({ email: a.email })).subject).toBe('Reset your Hamgaja password');
  });

  it('answers 202 for an unknown email, sends nothing and stores nothing', async () => {
    const before = await accountState(server);
    const seen = inbox.mails.length;
    const res = await api.post('/auth/password-reset/request', { email: 'nobody-here@example.com' });
    expect(res.status).toBe(202);
    expect(await accountState(server)).toEqual(before);
    // The next mail to arrive is the one for a real account: nothing was queued before it.
    const a = await signUp(api);
    await requestReset({ email: a.email });
    expect(inbox.mails.slice(seen).map(recipient)).toEqual([a.email]);
  });

  it('refuses an expired token, a superseded token and a made-up one', async () => {
    const a = await signUp(api);
    const first = resetToken(await requestReset({ email: a.email }));
    const second = resetToken(await requestReset({ email: a.email }));
    const confirm = (token: string) =>
      api.post('/auth/password-reset/confirm', { token, password: 'never-applied-1' });
    const before = await accountState(server);
    expectProblem(await confirm(first), 400, 'invalid_reset_token');
    expectProblem(await confirm('made-up-token'), 400, 'invalid_reset_token');
    await exec(
      server,
      'UPDATE password_reset_tokens SET expires_at = ? WHERE user_id = ? AND used_at IS NULL',
      [new Date(Date.now() - 1000), a.user.id],
    );
    const aged = await accountState(server);
    expectProblem(await confirm(second), 400, 'invalid_reset_token');
    expect(await accountState(server)).toEqual(aged);
    expect(before.users).toEqual(aged.users);
    expect((await api.post('/auth/login', { email: a.email, password: a.password })).status).toBe(200);
  });

  it('stores only a hash of the reset token', async () => {
    const a = await signUp(api);
    const token = resetToken(await requestReset({ email: a.email }));
    const stored = await rows(server, 'SELECT token_hash FROM password_reset_tokens WHERE user_id = ?', [
      a.user.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe('password reset when the mail server hangs', () => {
  let server: TestServer;
  const silent = createServer((socket) => sockets.push(socket));
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts the connection and never greets, like a mail server that is stuck.
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    });
  });
  afterAll(async () => {
    await server.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('still answers 202 at once', async () => {
    const api = client(server.url);
    const a = await signUp(api);
    const started = Date.now();
    const res = await api.post('/auth/password-reset/request', { email: a.email });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => sockets.length).toBe(1);
  });
});
