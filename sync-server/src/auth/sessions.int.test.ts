import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  expectProblem,
  signUp,
  startInstancePair,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { exec } from '../../test/db-state.js';
import { openStream, V, type OpenStream } from '../sync/testing.js';
import { hashToken } from './tokens.js';

/** Ending a session must end its access on every instance within this long. */
const BOUND_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sessionOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

/** Polls until the access token is refused (or the 5 s bound passes), then checks the refusal everywhere. */
async function expectRefusedWithinBound(api: Client, token: string) {
  const deadline = Date.now() + BOUND_MS;
  let res = await api.get('/me', { token });
  while (res.status === 200 && Date.now() < deadline) {
    await sleep(50);
    res = await api.get('/me', { token });
  }
  expectProblem(res, 401, 'invalid_token');
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  // Every router checks the session, not only /me.
  expectProblem(await api.get('/sync/trips/pull', { token, headers: V }), 401, 'invalid_token');
  expectProblem(await api.post('/trips/x/invites', { role: 'viewer' }, { token }), 401, 'invalid_token');
  // Public reads that take a token when one is sent check its session too.
  expectProblem(await api.get('/posts', { token }), 401, 'invalid_token');
}

async function expectAccepted(api: Client, token: string) {
  const res = await api.get('/me', { token });
  expect(res.status, res.text).toBe(200);
}

describe('sessions: ending a session ends its access tokens and streams', () => {
  let server: TestServer;
  let api: Client;
  const streams: OpenStream[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server.stop();
  });

  async function stream(token: string) {
    const s = await openStream(server.url, 'trips', token);
    streams.push(s);
    expect(s.status).toBe(200);
    return s;
  }
  const login = async (s: { email: string; password: string }) => {
    const res = await api.post('/auth/login', { email: s.email, password: s.password });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string };
  };

  it('logout: the access token is refused and its stream closes; other sessions go on', async () => {
    const a = await signUp(api);
    const other = await login(a);
    const mine = await stream(a.accessToken);
    const otherStream = await stream(other.accessToken);
    await expectAccepted(api, a.accessToken);

    const out = await api.post('/auth/logout', { refreshToken: a.refreshToken }, { token: a.accessToken });
    expect(out.status).toBe(204);
    await expectRefusedWithinBound(api, a.accessToken);
    await mine.waitForEnd(BOUND_MS);
    // Reconnecting with the old token is refused; the refresh token is dead too: signed out.
    expect((await openStream(server.url, 'trips', a.accessToken)).status).toBe(401);
    expectProblem(await api.post('/auth/refresh', { refreshToken: a.refreshToken }), 401, 'invalid_token');

    expect(otherStream.ended).toBe(false);
    await expectAccepted(api, other.accessToken);
    // Logging out an ended session again stays harmless.
    expect(
      (await api.post('/auth/logout', { refreshToken: a.refreshToken }, { token: a.accessToken })).status,
    ).toBe(204);
  });

  it('password change: the other sessions are refused at once, the caller’s goes on', async () => {
    const a = await signUp(api);
    const other = await login(a);
    const otherStream = await stream(other.accessToken);
    const res = await api.post(
      '/me/password',
      { currentPassword: a.password, newPassword: 'a-brand-new-secret' },
      { token: a.accessToken },
    );
    expect(res.status).toBe(204);
    await expectRefusedWithinBound(api, other.accessToken);
    await otherStream.waitForEnd(BOUND_MS);
    await expectAccepted(api, a.accessToken);
  });

  it('end my other sessions: every session but the caller’s ends', async () => {
    const a = await signUp(api);
    const second = await login(a);
    const third = await login(a);
    const b = await signUp(api);
    const thirdStream = await stream(third.accessToken);
    const mine = await stream(a.accessToken);

    const res = await api.post('/me/sessions/end-others', undefined, { token: a.accessToken });
    expect(res).toMatchObject({ status: 200, body: { ended: 2 } });
    await expectRefusedWithinBound(api, second.accessToken);
    await expectRefusedWithinBound(api, third.accessToken);
    await thirdStream.waitForEnd(BOUND_MS);
    for (const refreshToken of [second.refreshToken, third.refreshToken]) {
      expectProblem(await api.post('/auth/refresh', { refreshToken }), 401, 'invalid_token');
    }
    expect(mine.ended).toBe(false);
    await expectAccepted(api, a.accessToken);
    expect((await api.post('/auth/refresh', { refreshToken: a.refreshToken })).status).toBe(200);
    await expectAccepted(api, b.accessToken);
    // Nothing left to end; without a token, nothing happens at all.
    expect(await api.post('/me/sessions/end-others', undefined, { token: a.accessToken })).toMatchObject({
      status: 200,
      body: { ended: 0 },
    });
    expectProblem(await api.post('/me/sessions/end-others'), 401, 'unauthenticated');
  });

  it('a reused refresh token revokes its family: every access token of that session is refused', async () => {
    const a = await signUp(api);
    const other = await login(a);
    const first = await api.post('/auth/refresh', { refreshToken: a.refreshToken });
    const second = await api.post('/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    const rotatedStream = await stream(second.body.accessToken);
    // Past the grace window, the first token coming back is a theft.
    await exec(server, 'UPDATE refresh_tokens SET used_at = ? WHERE id = ?', [
      new Date(Date.now() - 60_000),
      a.refreshToken.split('.')[0],
    ]);
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: a.refreshToken }),
      401,
      'refresh_token_reused',
    );
    for (const token of [a.accessToken, first.body.accessToken, second.body.accessToken]) {
      await expectRefusedWithinBound(api, token);
    }
    await rotatedStream.waitForEnd(BOUND_MS);
    await expectAccepted(api, other.accessToken);
  });

  it('account deletion: every session of the account is refused', async () => {
    const a = await signUp(api);
    const other = await login(a);
    const otherStream = await stream(other.accessToken);
    expect(
      (await api.delete('/me', { password: a.password, board: 'delete' }, { token: a.accessToken })).status,
    ).toBe(204);
    await expectRefusedWithinBound(api, a.accessToken);
    await expectRefusedWithinBound(api, other.accessToken);
    await otherStream.waitForEnd(BOUND_MS);
  });

  it('password reset: every session of the account is refused', async () => {
    const a = await signUp(api);
    const token = randomBytes(32).toString('base64url');
    await exec(
      server,
      'INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
      [randomUUID(), a.user.id, hashToken(token), new Date(Date.now() + 600_000), new Date()],
    );
    await expectAccepted(api, a.accessToken);
    const res = await api.post('/auth/password-reset/confirm', { token, password: 'a-reset-password' });
    expect(res.status).toBe(204);
    await expectRefusedWithinBound(api, a.accessToken);
  });
});

describe('sessions: what an access token must carry', () => {
  let server: TestServer;
  let api: Client;
  let a: Awaited<ReturnType<typeof signUp>>;
  let b: Awaited<ReturnType<typeof signUp>>;
  const secret = randomBytes(32).toString('hex');
  beforeAll(async () => {
    server = await startTestServer({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: '900' });
    api = client(server.url);
    a = await signUp(api);
    b = await signUp(api);
  });
  afterAll(() => server.stop());

  const now = () => Math.floor(Date.now() / 1000);
  /** Signed with the server's real secret, as a leaked-secret forgery or an old server would. */
  const sign = (payload: Record<string, unknown>, options: jwt.SignOptions = {}) =>
    jwt.sign({ typ: 'access', sid: sessionOf(a.accessToken), ...payload }, secret, {
      algorithm: 'HS256',
      issuer: 'hamgaja',
      subject: a.user.id,
      ...options,
    });

  it('accepts a well-formed token of an open session (the control for the cases below)', async () => {
    await expectAccepted(api, sign({}, { expiresIn: 900 }));
    await expectAccepted(api, sign({}, { expiresIn: 900 + 20 }));
  });

  it('refuses tokens without exp or iat, too long-lived, issued in the future, or of an unknown session', async () => {
    const tokens = {
      noExpiry: sign({}),
      noIssuedAt: sign({ exp: now() + 600 }, { noTimestamp: true }),
      tenYears: sign({}, { expiresIn: '3650d' }),
      overLifetime: sign({}, { expiresIn: 900 + 31 }),
      fromTheFuture: sign({ iat: now() + 3600, exp: now() + 3600 + 600 }),
      unknownSession: sign({ sid: randomUUID() }, { expiresIn: 600 }),
      anotherUsersSession: sign({ sid: sessionOf(b.accessToken) }, { expiresIn: 600 }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await api.get('/me', { token });
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 401,
        code: 'invalid_token',
      });
      expectProblem(res, 401, 'invalid_token');
      // A live stream refuses it as well.
      expect({ name, stream: (await openStream(server.url, 'trips', token)).status }).toEqual({
        name,
        stream: 401,
      });
    }
  });
});

describe('sessions: two instances sharing one database and Redis', () => {
  let pair: Awaited<ReturnType<typeof startInstancePair>>;
  let a: TestServer;
  let b: TestServer;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    pair = await startInstancePair();
    ({ a, b } = pair);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await pair?.stop();
  });

  it('logout on instance A: the token is refused on B and B’s stream closes, within 5 s', async () => {
    const apiA = client(a.url);
    const apiB = client(b.url);
    const alice = await signUp(apiA);
    const other = await apiA.post('/auth/login', { email: alice.email, password: alice.password });
    // B has seen the session open (and remembers that for a few seconds).
    await expectAccepted(apiB, alice.accessToken);
    const onB = await openStream(b.url, 'trips', alice.accessToken);
    const otherOnB = await openStream(b.url, 'trips', other.body.accessToken);
    streams.push(onB, otherOnB);
    expect([onB.status, otherOnB.status]).toEqual([200, 200]);

    expect(
      (await apiA.post('/auth/logout', { refreshToken: alice.refreshToken }, { token: alice.accessToken }))
        .status,
    ).toBe(204);
    await expectRefusedWithinBound(apiB, alice.accessToken);
    await onB.waitForEnd(BOUND_MS);
    expect(otherOnB.ended).toBe(false);
    await expectAccepted(apiB, other.body.accessToken);
  });

  it('a family revoked on B (refresh-token reuse) is refused on A within 5 s', async () => {
    const apiA = client(a.url);
    const apiB = client(b.url);
    const bob = await signUp(apiA);
    const onA = await openStream(a.url, 'trips', bob.accessToken);
    streams.push(onA);
    await expectAccepted(apiA, bob.accessToken);
    expect((await apiB.post('/auth/refresh', { refreshToken: bob.refreshToken })).status).toBe(200);
    await exec(b, 'UPDATE refresh_tokens SET used_at = ? WHERE id = ?', [
      new Date(Date.now() - 60_000),
      bob.refreshToken.split('.')[0],
    ]);
    expectProblem(
      await apiB.post('/auth/refresh', { refreshToken: bob.refreshToken }),
      401,
      'refresh_token_reused',
    );
    await expectRefusedWithinBound(apiA, bob.accessToken);
    await onA.waitForEnd(BOUND_MS);
  });
});
