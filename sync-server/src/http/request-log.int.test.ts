// The request log: one short line per request at info (no header of either side), headers
// only at debug (credentials redacted even then), and a readable line in the pretty format.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { client, createTestDatabase, signUp, type TestDb } from '../../test/harness.js';
import { loggedPath } from './request-log.js';

type Captured = { server: RunningServer; lines: string[]; stop(): Promise<void> };
const running: Captured[] = [];
afterAll(async () => {
  for (const r of running.splice(0)) await r.stop();
});

/** A server whose log goes into `lines` instead of stdout. */
async function startCapturing(env: Record<string, string>): Promise<Captured> {
  const db: TestDb = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hamgaja-log-'));
  const lines: string[] = [];
  let rest = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l !== ''));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT: '10000',
    ...env,
  });
  const server = await startServer(config, { logDestination: destination });
  const captured = {
    server,
    lines,
    async stop() {
      await server.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  running.push(captured);
  return captured;
}

const token = () => `probe-${randomBytes(8).toString('hex')}`;

/** Signs up, then asks GET /api/me with distinctive headers (and a query) of its own. */
async function probe(server: RunningServer) {
  const api = client(server.url);
  const user = await signUp(api, 'Log Probe');
  const secrets = {
    cookie: `session=${token()}`,
    userAgent: `LogProbe/${token()}`,
    query: token(),
  };
  const res = await fetch(`${server.url}/api/me?q=${secrets.query}`, {
    headers: {
      authorization: `Bearer ${user.accessToken}`,
      cookie: secrets.cookie,
      'user-agent': secrets.userAgent,
    },
  });
  await res.text();
  expect(res.status).toBe(200);
  const requestId = res.headers.get('x-request-id')!;
  // Values of the answer's own headers that must not reach the info line.
  const responseValues = ['content-security-policy', 'etag', 'strict-transport-security']
    .map((name) => res.headers.get(name))
    .filter((v): v is string => !!v);
  expect(responseValues.length).toBeGreaterThanOrEqual(2);
  return { user, secrets, requestId, responseValues };
}

/** The log line of the request with this id (written when the answer has gone out). */
async function lineOf(lines: string[], requestId: string, pick = (l: string) => l.includes(requestId)) {
  for (let i = 0; i < 100; i++) {
    const found = lines.filter(pick).find((l) => l.includes('/api/me'));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line for ${requestId} in:\n${lines.join('\n')}`);
}

describe('request log', { timeout: 60_000 }, () => {
  it('at info: one short line with method, path, status, duration, request id and user id, no header', async () => {
    const { server, lines } = await startCapturing({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    const { user, secrets, requestId, responseValues } = await probe(server);
    const raw = await lineOf(lines, requestId);
    const line = JSON.parse(raw) as Record<string, unknown>;

    expect(line).toMatchObject({
      level: 30,
      reqId: requestId,
      userId: user.user.id,
      method: 'GET',
      path: '/api/me',
      status: 200,
      responseTime: expect.any(Number),
      msg: expect.stringMatching(/^GET \/api\/me 200 \d+ms$/),
    });
    expect(line).not.toHaveProperty('req');
    expect(line).not.toHaveProperty('res');
    for (const value of [
      user.accessToken,
      secrets.cookie,
      secrets.userAgent,
      secrets.query,
      ...responseValues,
    ]) {
      expect(raw).not.toContain(value);
    }
    expect(raw).not.toMatch(/authorization|cookie|user-agent|headers/i);
    expect(raw.length).toBeLessThan(400);
    // No other line of the whole start and request holds a header or credential either.
    for (const other of lines) expect(other).not.toContain(user.accessToken);
  });

  it('at debug: headers appear, Authorization and Cookie still redacted', async () => {
    const { server, lines } = await startCapturing({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' });
    const { user, secrets, requestId, responseValues } = await probe(server);
    const raw = await lineOf(lines, requestId);
    const line = JSON.parse(raw) as {
      userId: string;
      req: { headers: Record<string, string> };
      res: { headers: Record<string, string> };
    };

    expect(line.userId).toBe(user.user.id);
    expect(line.req.headers['user-agent']).toBe(secrets.userAgent);
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(line.req.headers.cookie).toBe('[redacted]');
    expect(Object.values(line.res.headers)).toEqual(expect.arrayContaining(responseValues));
    expect(raw).not.toContain(user.accessToken);
    expect(raw).not.toContain(secrets.cookie);
  });

  it('pretty: one readable line, request and user id after the message', async () => {
    const { server, lines } = await startCapturing({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    const { user, secrets, requestId } = await probe(server);
    // eslint-disable-next-line no-control-regex
    const plain = (await lineOf(lines, requestId)).replace(/\u001b\[[\d;]*m/g, '');

    expect(plain).toMatch(
      new RegExp(
        `^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] INFO: GET /api/me 200 \\d+ms req=${requestId} user=${user.user.id}$`,
      ),
    );
    expect(plain).not.toContain(secrets.userAgent);
    expect(lines.some((l) => l.includes('Hamgaja') || l.includes('dev catalog loaded'))).toBe(true);
    expect(lines.every((l) => !l.trimStart().startsWith('{'))).toBe(true);
  });
});

describe('logged path', () => {
  it('drops the query string and masks invite codes', () => {
    expect(loggedPath('/api/sync/trips/pull?checkpoint=abc&limit=50')).toBe('/api/sync/trips/pull');
    expect(loggedPath('/api/invites/Q2xk3Jd9/accept')).toBe('/api/invites/…/accept');
    expect(loggedPath('/api/trips/t1/invites/Q2xk3Jd9')).toBe('/api/trips/t1/invites/…');
    expect(loggedPath('/api/attractions')).toBe('/api/attractions');
  });
});
