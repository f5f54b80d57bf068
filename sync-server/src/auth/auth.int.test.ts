import { gzipSync } from 'node:zlib';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '@hamgaja/shared';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { accountState, exec, rows, userRow } from '../../test/db-state.js';
import { REFRESH_REUSE_GRACE_MS } from './service.js';

type Session = Awaited<ReturnType<typeof signUp>>;

describe('accounts: sign-up, log-in, sessions', () => {
  let server: TestServer;
  let api: Client;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterAll(() => server.stop());

  it('signs up with a lowercased email, an argon2id hash and a working session', async () => {
    const res = await api.post('/auth/signup', {
      email: '  Mixed.Case@Example.COM ',
      password: 'correct horse battery',
      displayName: ' 김여행 ',
      locale: 'en',
    });
    expect(res.status).toBe(201);
    const session = sessionSchema.parse(res.body);
    expect(session.user).toMatchObject({
      email: 'mixed.case@example.com',
      displayName: '김여행',
      locale: 'en',
      phone: null,
    });
    expect(res.text).not.toContain('correct horse battery');
    const row = await userRow(server, 'mixed.case@example.com');
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain('correct horse battery');
    const me = await api.get('/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(session.user.id);
  });

  it('refuses a second account for the same email, whatever its case, writing nothing', async () => {
    const a = await signUp(api);
    const before = await accountState(server);
    const res = await api.post('/auth/signup', {
      email: a.email.toUpperCase(),
      password: 'another-password',
      displayName: 'Twin',
    });
    expectProblem(res, 409, 'email_taken');
    expect(await accountState(server)).toEqual(before);
  });

  it('logs in case-insensitively and answers unknown email and wrong password identically', async () => {
    const a = await signUp(api);
    const ok = await api.post('/auth/login', { email: a.email.toUpperCase(), password: a.password });
    expect(ok.status).toBe(200);
    expect(sessionSchema.parse(ok.body).user.id).toBe(a.user.id);
    expect(ok.body.refreshToken).not.toBe(a.refreshToken);

    const before = await accountState(server);
    const wrongPassword = await api.post('/auth/login', { email: a.email, password: `${a.password}x` });
    const unknownEmail = await api.post('/auth/login', { email: `nobody-${a.email}`, password: a.password });
    expectProblem(wrongPassword, 401, 'invalid_credentials');
    expectProblem(unknownEmail, 401, 'invalid_credentials');
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(unknownEmail.body)).toEqual(strip(wrongPassword.body));
    expect(
      [...unknownEmail.headers.keys()].filter((k) => k !== 'date' && k !== 'x-request-id').sort(),
    ).toEqual([...wrongPassword.headers.keys()].filter((k) => k !== 'date' && k !== 'x-request-id').sort());
    expect(await accountState(server)).toEqual(before);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family but no other session', async () => {
    const a = await signUp(api);
    const other = await api.post('/auth/login', { email: a.email, password: a.password });
    const first = await api.post('/auth/refresh', { refreshToken: a.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(a.refreshToken);
    expect((await api.get('/me', { token: first.body.accessToken })).body.id).toBe(a.user.id);
    const second = await api.post('/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    // The first token comes back (stolen copy): the session family dies, the successor included.
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: a.refreshToken }),
      401,
      'refresh_token_reused',
    );
    const successor = await api.post('/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(successor.status).toBe(401);
    expect(['refresh_token_reused', 'invalid_token']).toContain(successor.body.code);
    const family = await rows(
      server,
      'SELECT revoked_at FROM refresh_tokens WHERE user_id = ? AND family_id = (SELECT family_id FROM refresh_tokens WHERE id = ?)',
      [a.user.id, second.body.refreshToken.split('.')[0]],
    );
    expect(family).toHaveLength(3);
    expect(family.every((r) => r.revoked_at !== null)).toBe(true);

    // The other device's session (its own family) is untouched.
    expect((await api.post('/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(200);
  });

  it('keeps the session when a refresh is retried right after its answer was lost (reload, second tab)', async () => {
    const a = await signUp(api);
    const answers = await Promise.all(
      [0, 1].map(() => api.post('/auth/refresh', { refreshToken: a.refreshToken })),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers[0]!.body.refreshToken).not.toBe(answers[1]!.body.refreshToken);
    // A retry after a lost answer: the old token once more, nothing newer used yet.
    const retry = await api.post('/auth/refresh', { refreshToken: a.refreshToken });
    expect(retry.status).toBe(200);
    for (const session of [...answers, retry]) {
      expect((await api.get('/me', { token: session.body.accessToken })).status).toBe(200);
      expect((await api.post('/auth/refresh', { refreshToken: session.body.refreshToken })).status).toBe(200);
    }
    // Once a later token of the family has been used, the old one coming back is a theft.
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: a.refreshToken }),
      401,
      'refresh_token_reused',
    );
  });

  it('treats a used refresh token coming back after the grace period as stolen', async () => {
    const a = await signUp(api);
    const first = await api.post('/auth/refresh', { refreshToken: a.refreshToken });
    expect(first.status).toBe(200);
    const aged = new Date(Date.now() - REFRESH_REUSE_GRACE_MS - 1000);
    await exec(server, 'UPDATE refresh_tokens SET used_at = ? WHERE id = ?', [
      aged,
      a.refreshToken.split('.')[0],
    ]);
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: a.refreshToken }),
      401,
      'refresh_token_reused',
    );
    // The whole family ended, the unused successor included.
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: first.body.refreshToken }),
      401,
      'invalid_token',
    );
  });

  it('refuses forged, unknown and expired refresh tokens without touching the session', async () => {
    const a = await signUp(api);
    const [id] = a.refreshToken.split('.');
    const before = await accountState(server);
    for (const refreshToken of [
      `${id}.forged-secret`,
      'not-a-token',
      `${id}.`,
      '.x',
      'a.b.c',
      `${crypto.randomUUID()}.secret`,
    ]) {
      expectProblem(await api.post('/auth/refresh', { refreshToken }), 401, 'invalid_token');
    }
    expect(await accountState(server)).toEqual(before);
    // A guess at the token does not end the real session.
    expect((await api.post('/auth/refresh', { refreshToken: a.refreshToken })).status).toBe(200);

    const b = await signUp(api);
    await exec(server, 'UPDATE refresh_tokens SET expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      b.refreshToken.split('.')[0],
    ]);
    expectProblem(await api.post('/auth/refresh', { refreshToken: b.refreshToken }), 401, 'invalid_token');
  });

  it('logs out the session of the presented refresh token, and only that user may', async () => {
    const a = await signUp(api);
    const b = await signUp(api);
    // A cannot end B's session even with B's refresh token.
    expect(
      (await api.post('/auth/logout', { refreshToken: b.refreshToken }, { token: a.accessToken })).status,
    ).toBe(204);
    const bNext = await api.post('/auth/refresh', { refreshToken: b.refreshToken });
    expect(bNext.status).toBe(200);

    expect(
      (await api.post('/auth/logout', { refreshToken: a.refreshToken }, { token: a.accessToken })).status,
    ).toBe(204);
    expectProblem(await api.post('/auth/refresh', { refreshToken: a.refreshToken }), 401, 'invalid_token');
    // Logging out twice is harmless.
    expect(
      (await api.post('/auth/logout', { refreshToken: a.refreshToken }, { token: a.accessToken })).status,
    ).toBe(204);
    expectProblem(await api.post('/auth/logout', { refreshToken: a.refreshToken }), 401, 'unauthenticated');
  });

  it('says whether an email is free, case-insensitively', async () => {
    const a = await signUp(api);
    const taken = await api.get(`/auth/email-available?email=${encodeURIComponent(a.email.toUpperCase())}`);
    expect(taken).toMatchObject({ status: 200, body: { available: false } });
    const free = await api.get(`/auth/email-available?email=${encodeURIComponent(`free-${a.email}`)}`);
    expect(free).toMatchObject({ status: 200, body: { available: true } });
    expectProblem(await api.get('/auth/email-available'), 400, 'validation_failed');
    expectProblem(await api.get('/auth/email-available?email=not-an-email'), 400, 'validation_failed');
    expectProblem(await api.get('/auth/email-available?email=a@b.co&email=c@d.co'), 400, 'validation_failed');
    expectProblem(await api.get('/auth/email-available?email=a@b.co&extra=1'), 400, 'validation_failed');
  });

  it('signs up and refreshes concurrently without a failure', async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(api, `Parallel ${i}`)));
    const refreshed = await Promise.all(
      sessions.map((s) => api.post('/auth/refresh', { refreshToken: s.refreshToken })),
    );
    expect(refreshed.map((r) => r.status)).toEqual(sessions.map(() => 200));
  });
});

describe('accounts: access tokens', () => {
  let server: TestServer;
  let api: Client;
  let a: Session;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    a = await signUp(api);
  });
  afterAll(() => server.stop());

  const sign = (payload: object, secret: string, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, secret, { algorithm: 'HS256', issuer: 'hamgaja', subject: a.user.id, ...options });
  const sid = () => (jwt.decode(a.accessToken) as { sid: string }).sid;

  it('accepts its own token, also with a lowercase scheme', async () => {
    expect((await api.get('/me', { token: a.accessToken })).status).toBe(200);
    const lower = await api.get('/me', { headers: { authorization: `bearer ${a.accessToken}` } });
    expect(lower.status).toBe(200);
  });

  it('refuses a missing or malformed Authorization header', async () => {
    expectProblem(await api.get('/me'), 401, 'unauthenticated');
    expectProblem(
      await api.get('/me', { headers: { authorization: `Basic ${btoa('a:b')}` } }),
      401,
      'unauthenticated',
    );
    expectProblem(await api.get('/me', { headers: { authorization: 'Bearer' } }), 401, 'unauthenticated');
    expectProblem(await api.get('/me', { token: 'garbage' }), 401, 'invalid_token');
    expectProblem(await api.get('/me', { token: a.refreshToken }), 401, 'invalid_token');
  });

  it('answers an expired token with token_expired', async () => {
    const expired = sign(
      { sid: sid(), typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 },
      server.ctx.config.jwtSecret,
    );
    const res = await api.get('/me', { token: expired });
    expectProblem(res, 401, 'token_expired');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('refuses forged, unsigned and ill-formed tokens', async () => {
    const secret = server.ctx.config.jwtSecret;
    const forged = sign({ sid: sid(), typ: 'access' }, 'x'.repeat(64), { expiresIn: 600 });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        sub: a.user.id,
        sid: sid(),
        typ: 'access',
        iss: 'hamgaja',
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    const tokens = {
      forged,
      algNone: `${header}.${body}.`,
      algNoneNoDot: `${header}.${body}`,
      hs512: sign({ sid: sid(), typ: 'access' }, secret, { algorithm: 'HS512', expiresIn: 600 }),
      wrongIssuer: sign({ sid: sid(), typ: 'access' }, secret, { issuer: 'someone-else', expiresIn: 600 }),
      noType: sign({ sid: sid() }, secret, { expiresIn: 600 }),
      noSession: sign({ typ: 'access' }, secret, { expiresIn: 600 }),
      notYetValid: sign({ sid: sid(), typ: 'access' }, secret, { expiresIn: 600, notBefore: 300 }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await api.get('/me', { token });
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 401,
        code: 'invalid_token',
      });
      expectProblem(res, 401, 'invalid_token');
    }
  });

  it('never lets a token name another user than its signer', async () => {
    const b = await signUp(api);
    const me = await api.get('/me', { token: b.accessToken });
    expect(me.body.id).toBe(b.user.id);
    expect(me.text).not.toContain(a.email);
  });
});

/** The endpoints that take a JSON body, with a valid body and whether they need a token. */
function bodyEndpoints(s: Session) {
  return [
    {
      method: 'POST',
      path: '/auth/signup',
      valid: { email: 'fresh@example.com', password: 'long-enough-1', displayName: 'Fresh' },
    },
    { method: 'POST', path: '/auth/login', valid: { email: s.email, password: s.password } },
    { method: 'POST', path: '/auth/refresh', valid: { refreshToken: s.refreshToken } },
    { method: 'POST', path: '/auth/logout', valid: { refreshToken: s.refreshToken }, authed: true },
    { method: 'POST', path: '/auth/password-reset/request', valid: { email: s.email } },
    {
      method: 'POST',
      path: '/auth/password-reset/confirm',
      valid: { token: 'x'.repeat(43), password: 'long-enough-1' },
    },
    { method: 'PATCH', path: '/me', valid: { displayName: 'Renamed' }, authed: true },
    { method: 'DELETE', path: '/me', valid: { password: s.password, board: 'delete' }, authed: true },
    {
      method: 'POST',
      path: '/me/password',
      valid: { currentPassword: s.password, newPassword: 'long-enough-2' },
      authed: true,
    },
  ] as const;
}

/** Type-confused versions of each field of a valid body. */
function wrongTypes(valid: Record<string, unknown>): unknown[] {
  const keys = Object.keys(valid);
  return [
    ...keys.flatMap((k) => [123, true, null, ['x'], { x: 1 }, ''].map((v) => ({ ...valid, [k]: v }))),
    ...keys.map((k) => ({ ...valid, [k]: 'y'.repeat(300) })),
    [valid],
    'a string',
    42,
    {},
  ];
}

describe('accounts: bad input is refused with a problem and writes nothing', () => {
  let server: TestServer;
  let api: Client;
  let s: Session;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    s = await signUp(api);
  });
  afterAll(() => server.stop());

  const cases: {
    name: string;
    send: (
      path: string,
      valid: Record<string, unknown>,
    ) => { raw?: string; body?: unknown; headers?: Record<string, string> };
    status: number;
    code: string;
  }[] = [
    {
      name: 'malformed JSON',
      send: () => ({ raw: '{"email": "a@b.co",' }),
      status: 400,
      code: 'invalid_json',
    },
    { name: 'a JSON primitive', send: () => ({ raw: 'null' }), status: 400, code: 'invalid_json' },
    {
      name: 'an unknown field',
      send: (_p, v) => ({ body: { ...v, isAdmin: true } }),
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'a prototype key',
      send: (_p, v) => ({ raw: JSON.stringify(v).replace(/^\{/, '{"__proto__":{"admin":true},') }),
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'a text/plain body',
      send: (_p, v) => ({ raw: JSON.stringify(v), headers: { 'content-type': 'text/plain' } }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a form body',
      send: () => ({
        raw: 'email=a%40b.co',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      status: 415,
      code: 'unsupported_media_type',
    },
    { name: 'no body', send: () => ({ headers: {} }), status: 415, code: 'unsupported_media_type' },
    {
      name: 'an oversized body',
      send: (_p, v) => ({ body: { ...v, padding: 'x'.repeat(1_100_000) } }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'an unsupported charset',
      send: (_p, v) => ({
        raw: JSON.stringify(v),
        headers: { 'content-type': 'application/json; charset=klingon' },
      }),
      status: 415,
      code: 'unsupported_media_type',
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} on every endpoint`, async () => {
      const before = await accountState(server);
      for (const e of bodyEndpoints(s)) {
        const res = await api.request(e.method, e.path, { ...c.send(e.path, e.valid), token: s.accessToken });
        expect({ endpoint: `${e.method} ${e.path}`, status: res.status, code: res.body?.code }).toEqual({
          endpoint: `${e.method} ${e.path}`,
          status: c.status,
          code: c.code,
        });
        expectProblem(res, c.status, c.code);
      }
      expect(await accountState(server)).toEqual(before);
    });
  }

  it('refuses wrong types and oversized fields on every endpoint', async () => {
    const before = await accountState(server);
    for (const e of bodyEndpoints(s)) {
      for (const body of wrongTypes(e.valid)) {
        const res = await api.request(e.method, e.path, { raw: JSON.stringify(body), token: s.accessToken });
        expect({ endpoint: `${e.method} ${e.path}`, body, status: res.status }).toEqual({
          endpoint: `${e.method} ${e.path}`,
          body,
          status: 400,
        });
        expectProblem(res, 400, res.body.code);
        expect(['validation_failed', 'invalid_json']).toContain(res.body.code);
      }
    }
    expect(await accountState(server)).toEqual(before);
  });

  it('refuses a corrupt gzip body and an unknown encoding', async () => {
    const before = await accountState(server);
    const body = JSON.stringify({ email: s.email, password: s.password });
    const corrupt = gzipSync(body).subarray(0, 12);
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: corrupt,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const odd = await api.request('POST', '/auth/login', {
      raw: body,
      headers: { 'content-encoding': 'compress-9000' },
    });
    expectProblem(odd, 415, 'unsupported_media_type');
    // A well-formed gzip body is understood.
    const good = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(body),
    });
    expect(good.status).toBe(200);
    await exec(server, 'DELETE FROM refresh_tokens WHERE id = ?', [
      ((await good.json()) as { refreshToken: string }).refreshToken.split('.')[0],
    ]);
    expect(await accountState(server)).toEqual(before);
  });

  it('refuses every authenticated endpoint without a valid token, writing nothing', async () => {
    const before = await accountState(server);
    const expired = jwt.sign(
      { sid: 'x', typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 },
      server.ctx.config.jwtSecret,
      {
        algorithm: 'HS256',
        issuer: 'hamgaja',
        subject: s.user.id,
      },
    );
    const forged = jwt.sign({ sid: 'x', typ: 'access' }, 'not-the-server-secret-'.repeat(3), {
      algorithm: 'HS256',
      issuer: 'hamgaja',
      subject: s.user.id,
      expiresIn: 600,
    });
    const unsigned =
      `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${btoa(JSON.stringify({ sub: s.user.id, sid: 'x', typ: 'access', iss: 'hamgaja' }))}.`.replace(
        /=/g,
        '',
      );
    const authed = [
      ...bodyEndpoints(s).filter((e) => 'authed' in e),
      { method: 'GET', path: '/me', valid: undefined },
    ];
    for (const e of authed) {
      const attempts = [
        [undefined, 'unauthenticated'],
        ['garbage.token.value', 'invalid_token'],
        [forged, 'invalid_token'],
        [unsigned, 'invalid_token'],
        [expired, 'token_expired'],
      ] as const;
      for (const [token, code] of attempts) {
        const res = await api.request(e.method, e.path, { body: e.valid, token });
        expect({ endpoint: `${e.method} ${e.path}`, code: res.body.code }).toEqual({
          endpoint: `${e.method} ${e.path}`,
          code,
        });
        expectProblem(res, 401, code);
      }
    }
    expect(await accountState(server)).toEqual(before);
  });

  it('refuses absurdly nested JSON', async () => {
    const before = await accountState(server);
    for (const raw of ['['.repeat(200_000), `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`]) {
      const res = await api.request('POST', '/auth/signup', { raw });
      expectProblem(res, 400, res.body.code);
      expect(['validation_failed', 'invalid_json']).toContain(res.body.code);
    }
    expect(await accountState(server)).toEqual(before);
  });

  it('answers unknown API paths and wrong methods with a 404 problem', async () => {
    expectProblem(await api.get('/auth/login'), 404, 'not_found');
    expectProblem(await api.request('PUT', '/me', { body: {}, token: s.accessToken }), 404, 'not_found');
    expectProblem(await api.get('/%E0%A4%A'), 404, 'not_found');
  });
});

describe('accounts: rate limits', () => {
  let server: TestServer;
  let api: Client;
  beforeAll(async () => {
    server = await startTestServer({ AUTH_RATE_LIMIT: '3', EMAIL_CHECK_RATE_LIMIT: '2' });
    api = client(server.url);
  });
  afterAll(() => server.stop());

  const expectLimited = (res: Awaited<ReturnType<Client['get']>>) => {
    expectProblem(res, 429, 'rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  };

  it('limits log-in attempts per client', async () => {
    for (let i = 0; i < 3; i++) {
      expectProblem(
        await api.post('/auth/login', { email: 'guess@example.com', password: `guess-${i}` }),
        401,
        'invalid_credentials',
      );
    }
    expectLimited(await api.post('/auth/login', { email: 'guess@example.com', password: 'guess-4' }));
  });

  it('limits sign-ups, and a limited sign-up creates nothing', async () => {
    for (let i = 0; i < 3; i++) await signUp(api);
    const before = await accountState(server);
    expectLimited(
      await api.post('/auth/signup', {
        email: 'one-too-many@example.com',
        password: 'long-enough-1',
        displayName: 'X',
      }),
    );
    expect(await accountState(server)).toEqual(before);
  });

  it('limits email checks', async () => {
    for (let i = 0; i < 2; i++)
      expect((await api.get(`/auth/email-available?email=probe${i}@example.com`)).status).toBe(200);
    expectLimited(await api.get('/auth/email-available?email=probe9@example.com'));
  });

  it('limits password-reset requests', async () => {
    for (let i = 0; i < 3; i++)
      expect((await api.post('/auth/password-reset/request', { email: `r${i}@example.com` })).status).toBe(
        202,
      );
    expectLimited(await api.post('/auth/password-reset/request', { email: 'r9@example.com' }));
  });
});
