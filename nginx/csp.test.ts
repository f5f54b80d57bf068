// The web image's Content-Security-Policy is a committed line of hamgaja/security-headers.conf (the
// image renders its config with sh, no Node): it must be the app's one policy from @hamgaja/shared.
// `npx vitest run nginx/csp.test.ts -u` rewrites the line from the shared definition.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyHeader } from '../shared/src/security/content-security-policy.js';
import { renderNginx } from './render.mjs';

const CONF = path.join(import.meta.dirname, 'hamgaja', 'security-headers.conf');
const CSP_LINE = /^add_header Content-Security-Policy "[^"\n]*" always;$/m;

/** The conf with its CSP line written from the shared definition (unchanged when in step). */
export function withSharedPolicy(conf: string): string {
  const policy = contentSecurityPolicyHeader();
  if (policy.includes('"')) throw new Error('the policy cannot hold a double quote inside an Nginx string');
  return conf.replace(CSP_LINE, `add_header Content-Security-Policy "${policy}" always;`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('Nginx Content-Security-Policy', () => {
  it('hamgaja/security-headers.conf holds exactly one CSP line, the shared policy', async () => {
    const conf = readFileSync(CONF, 'utf8');
    expect(
      conf.match(new RegExp(CSP_LINE.source, 'gm')),
      'one add_header Content-Security-Policy',
    ).toHaveLength(1);
    await expect(withSharedPolicy(conf)).toMatchFileSnapshot(
      CONF,
      'nginx/hamgaja/security-headers.conf drifted from shared/src/security/content-security-policy.ts; run `npx vitest run nginx/csp.test.ts -u`',
    );
  });

  it('is what a running Nginx sends on the shell, an asset, the API and its own errors', async () => {
    const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));
    if (!nginx) throw new Error('nginx is not installed: run `apt-get install -y nginx`');
    const work = mkdtempSync(path.join(tmpdir(), 'hamgaja-nginx-csp-'));
    const webRoot = path.join(work, 'web');
    mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(webRoot, 'assets', 'app-abc.js'), 'console.log(1)');
    const port = await freePort();
    // No instance listens upstream: /api answers with Nginx's own 502 problem.
    const { args } = renderNginx({
      prefix: path.join(work, 'prefix'),
      listen: `127.0.0.1:${port}`,
      upstreams: [`127.0.0.1:${await freePort()}`],
      webRoot,
      user: process.getuid?.() === 0 ? userInfo().username : undefined,
    });
    expect(spawnSync(nginx, ['-t', ...args], { encoding: 'utf8' }).status).toBe(0);
    const child = spawn(nginx, [...args, '-g', 'daemon off;'], { stdio: 'ignore' });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const up = await fetch(`${base}/index.html`).then(
          () => true,
          () => false,
        );
        if (up) break;
        if (i > 100) throw new Error('nginx did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
      for (const [url, status] of [
        ['/', 200],
        ['/trips/abc', 200],
        ['/assets/app-abc.js', 200],
        ['/assets/missing.js', 404],
        ['/api/healthz', 502],
      ] as const) {
        const res = await fetch(`${base}${url}`);
        expect(res.status, url).toBe(status);
        expect(res.headers.get('content-security-policy'), url).toBe(contentSecurityPolicyHeader());
        await res.body?.cancel();
      }
    } finally {
      child.kill('SIGQUIT');
      await new Promise((r) => child.once('exit', r));
      rmSync(work, { recursive: true, force: true });
    }
  });
});
