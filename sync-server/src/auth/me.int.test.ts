import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSchema } from '@hamgaja/shared';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { accountState, rows, userRow } from '../../test/db-state.js';

describe('my account: /me and /me/password', () => {
  let server: TestServer;
  let api: Client;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterAll(() => server.stop());

  it('shows my profile and nothing of anyone else', async () => {
    const a = await signUp(api, 'Alice');
    const b = await signUp(api, 'Bob');
    const me = await api.get('/me', { token: a.accessToken });
    expect(me.status).toBe(200);
    expect(userSchema.strict().parse(me.body)).toMatchObject({
      id: a.user.id,
      email: a.email,
      displayName: 'Alice',
      locale: 'ko',
    });
    expect(me.text).not.toContain(b.user.id);
    expect(me.text).not.toMatch(/argon2|password/i);
  });

  it('edits display name, phone, address and locale, and clears them with null', async () => {
    const a = await signUp(api);
    const res = await api.patch(
      '/me',
      { displayName: ' 홍길동 ', phone: '010-1234-5678', address: '서울 종로구', locale: 'en' },
      { token: a.accessToken },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: '홍길동',
      phone: '010-1234-5678',
      address: '서울 종로구',
      locale: 'en',
      email: a.email,
    });
    expect((await api.get('/me', { token: a.accessToken })).body).toEqual(res.body);
    const row = await userRow(server, a.email);
    expect(row).toMatchObject({
      display_name: '홍길동',
      phone: '010-1234-5678',
      address: '서울 종로구',
      locale: 'en',
    });

    const cleared = await api.patch('/me', { phone: null, address: null }, { token: a.accessToken });
    expect(cleared.body).toMatchObject({ displayName: '홍길동', phone: null, address: null, locale: 'en' });
    expect(await userRow(server, a.email)).toMatchObject({ phone: null, address: null });
  });

  it('refuses to change the email, unknown fields or bad values, leaving the row as it was', async () => {
    const a = await signUp(api);
    const before = await accountState(server);
    const bad: [unknown, string][] = [
      [{ email: 'new@example.com' }, 'validation_failed'],
      [{ displayName: 'ok', email: 'new@example.com' }, 'validation_failed'],
      [{ id: 'someone-else' }, 'validation_failed'],
      [{ passwordHash: 'x' }, 'validation_failed'],
      [{ createdAt: '2020-01-01T00:00:00Z' }, 'validation_failed'],
      [{}, 'validation_failed'],
      [{ displayName: '   ' }, 'validation_failed'],
      [{ displayName: 'x'.repeat(61) }, 'validation_failed'],
      [{ displayName: null }, 'validation_failed'],
      [{ locale: 'fr' }, 'validation_failed'],
      [{ phone: '1'.repeat(31) }, 'validation_failed'],
      [{ address: 'a'.repeat(201) }, 'validation_failed'],
    ];
    for (const [body, code] of bad) {
      const res = await api.patch('/me', body, { token: a.accessToken });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expectProblem(res, 400, code);
    }
    expect(await accountState(server)).toEqual(before);
  });

  it("changes only the caller's own row", async () => {
    const a = await signUp(api, 'A');
    const b = await signUp(api, 'B');
    const bBefore = await userRow(server, b.email);
    const res = await api.patch('/me', { displayName: 'A renamed' }, { token: a.accessToken });
    expect(res.body.id).toBe(a.user.id);
    expect(await userRow(server, b.email)).toEqual(bBefore);
    expect((await api.get('/me', { token: b.accessToken })).body.displayName).toBe('B');
  });

  it('changes the password: other sessions end, this one stays, the old password stops working', async () => {
    const a = await signUp(api);
    const otherDevice = await api.post('/auth/login', { email: a.email, password: a.password });
    const hashBefore = (await userRow(server, a.email))?.password_hash;

    const res = await api.post(
      '/me/password',
      { currentPassword: a.password, newPassword: 'brand-new-secret' },
      { token: a.accessToken },
    );
    expect(res.status).toBe(204);
    const hashAfter = (await userRow(server, a.email))?.password_hash;
    expect(hashAfter).toMatch(/^\$argon2id\$/);
    expect(hashAfter).not.toBe(hashBefore);

    expectProblem(
      await api.post('/auth/refresh', { refreshToken: otherDevice.body.refreshToken }),
      401,
      'invalid_token',
    );
    const mine = await api.post('/auth/refresh', { refreshToken: a.refreshToken });
    expect(mine.status).toBe(200);
    expect((await api.get('/me', { token: mine.body.accessToken })).status).toBe(200);

    expectProblem(
      await api.post('/auth/login', { email: a.email, password: a.password }),
      401,
      'invalid_credentials',
    );
    expect((await api.post('/auth/login', { email: a.email, password: 'brand-new-secret' })).status).toBe(
      200,
    );
  });

  it('refuses a password change with a wrong current password or a weak new one, changing nothing', async () => {
    const a = await signUp(api);
    const b = await signUp(api);
    const before = await accountState(server);
    // B's password does not open A's account.
    expectProblem(
      await api.post(
        '/me/password',
        { currentPassword: b.password, newPassword: 'whatever-123' },
        { token: a.accessToken },
      ),
      403,
      'invalid_credentials',
    );
    expectProblem(
      await api.post(
        '/me/password',
        { currentPassword: a.password, newPassword: 'short' },
        { token: a.accessToken },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.post(
        '/me/password',
        { currentPassword: a.password, newPassword: 'x'.repeat(129) },
        { token: a.accessToken },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.post('/me/password', { currentPassword: a.password }, { token: a.accessToken }),
      400,
      'validation_failed',
    );
    expect(await accountState(server)).toEqual(before);
    expect((await api.post('/auth/login', { email: a.email, password: a.password })).status).toBe(200);
  });

  it('deletes the account only with its password, then every old token fails', async () => {
    const a = await signUp(api);
    const b = await signUp(api);
    const secondSession = await api.post('/auth/login', { email: a.email, password: a.password });
    const before = await accountState(server);
    expectProblem(await api.delete('/me', {}, { token: a.accessToken }), 400, 'validation_failed');
    // What happens to the board posts must be said, and be one of the two choices.
    for (const body of [
      { password: a.password },
      { password: a.password, board: 'keep' },
      { password: a.password, board: null },
      { password: a.password, board: 'delete', trips: { 'trip-1': 'give-away' } },
      { password: a.password, board: 'delete', trips: ['delete'] },
    ]) {
      expectProblem(await api.delete('/me', body, { token: a.accessToken }), 400, 'validation_failed');
    }
    expectProblem(
      await api.delete('/me', { password: 'wrong-password', board: 'delete' }, { token: a.accessToken }),
      403,
      'invalid_credentials',
    );
    expectProblem(
      await api.delete('/me', { password: b.password, board: 'delete' }, { token: a.accessToken }),
      403,
      'invalid_credentials',
    );
    expectProblem(
      await api.request('DELETE', '/me', { token: a.accessToken }),
      415,
      'unsupported_media_type',
    );
    expect(await accountState(server)).toEqual(before);

    expect(
      (await api.delete('/me', { password: a.password, board: 'delete' }, { token: a.accessToken })).status,
    ).toBe(204);
    expect(await userRow(server, a.email)).toBeUndefined();
    expect(await rows(server, 'SELECT id FROM refresh_tokens WHERE user_id = ?', [a.user.id])).toEqual([]);

    expectProblem(await api.get('/me', { token: a.accessToken }), 401, 'invalid_token');
    expectProblem(
      await api.patch('/me', { displayName: 'ghost' }, { token: a.accessToken }),
      401,
      'invalid_token',
    );
    expectProblem(
      await api.post(
        '/me/password',
        { currentPassword: a.password, newPassword: 'new-password-1' },
        { token: a.accessToken },
      ),
      401,
      'invalid_token',
    );
    expectProblem(
      await api.delete('/me', { password: a.password, board: 'delete' }, { token: a.accessToken }),
      401,
      'invalid_token',
    );
    expectProblem(await api.post('/auth/refresh', { refreshToken: a.refreshToken }), 401, 'account_deleted');
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: secondSession.body.refreshToken }),
      401,
      'account_deleted',
    );
    expectProblem(
      await api.post('/auth/login', { email: a.email, password: a.password }),
      401,
      'invalid_credentials',
    );

    // B is untouched, and the email is free again.
    expect((await api.get('/me', { token: b.accessToken })).body.id).toBe(b.user.id);
    expect((await api.get(`/auth/email-available?email=${encodeURIComponent(a.email)}`)).body.available).toBe(
      true,
    );
    expect(
      (await api.post('/auth/signup', { email: a.email, password: 'a-new-life-1', displayName: 'Again' }))
        .status,
    ).toBe(201);
  });
});
