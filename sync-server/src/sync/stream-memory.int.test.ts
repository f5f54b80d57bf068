import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestDatabase, signUp, type TestDb } from '../../test/harness.js';

const STREAMS = 1000;
const RSS_BUDGET_BYTES = 150 * 1024 * 1024;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.join(serverDir, 'dist', `stream-memory-test-${randomBytes(4).toString('hex')}`);

/** The built server in its own process, so its memory is measured alone. */
describe(`${STREAMS} idle streams fit in ${RSS_BUDGET_BYTES / 1024 / 1024} MB of server memory`, () => {
  let db: TestDb;
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  const open: { req: ClientRequest; res?: IncomingMessage }[] = [];

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['build.mjs', path.join(buildDir, 'main.js')], { cwd: serverDir });
    db = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'hamgaja-mem-'));
    child = spawn(process.execPath, [path.join(buildDir, 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        const match = out.match(/listening on (http:\/\/[\d.:]+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of open) s.req.destroy();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('close', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    rmSync(buildDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const rss = async () => Number((await client(url).get('/metrics')).text.match(/^hamgaja_process_resident_memory_bytes (\d+)/m)?.[1]);

  it('holds the streams open and stays within budget', async () => {
    const user = await signUp(client(url), 'Many Tabs');
    const before = await rss();
    const target = new URL(url);
    const collections = ['trips', 'stops', 'checklistItems', 'expenses'];
    for (let batch = 0; batch < STREAMS; batch += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          new Promise<void>((resolve, reject) => {
            const req = request(
              {
                host: target.hostname,
                port: target.port,
                path: `/api/sync/${collections[(batch + i) % 4]}/stream`,
                agent: false,
                headers: { authorization: `Bearer ${user.accessToken}`, 'x-hamgaja-schema-version': '0' },
              },
              (res) => {
                entry.res = res;
                if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
                else resolve();
              },
            );
            const entry: { req: ClientRequest; res?: IncomingMessage } = { req };
            req.on('error', reject);
            req.end();
            open.push(entry);
          }),
        ),
      );
    }
    const metrics = (await client(url).get('/metrics')).text;
    expect(Number(metrics.match(/^hamgaja_sync_open_streams (\d+)/m)?.[1])).toBe(STREAMS);
    // Idle streams: give V8's memory reducer the quiet time it waits for after the burst of opens.
    let after = await rss();
    const settleFrom = Date.now();
    const deadline = settleFrom + 90_000;
    while (after > RSS_BUDGET_BYTES && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      after = await rss();
    }
    console.info(`server RSS: ${Math.round(before / 1048576)} MB before, ${Math.round(after / 1048576)} MB with ${STREAMS} idle streams (settled in ${Math.round((Date.now() - settleFrom) / 1000)} s)`);
    expect(after).toBeLessThanOrEqual(RSS_BUDGET_BYTES);
    // Still all open and live.
    expect(open.every((s) => s.res && !s.res.destroyed)).toBe(true);
  }, 180_000);
});
