import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolHandler, resolveBundlePath } from './app-protocol.js';

let base: string;
let root: string;
const csp = "default-src 'self'";

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hamgaja-protocol-'));
  root = path.join(base, 'web');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  // Next to the bundle, never to be served.
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await writeFile(path.join(base, 'web-secret.txt'), 'secret');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') =>
  createProtocolHandler({ root, contentSecurityPolicy: () => csp })(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves bundle files with their type, the CSP and nosniff', async () => {
    const res = await get('app://hamgaja/assets/main-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html and a missing asset with 404', async () => {
    for (const route of ['app://hamgaja/', 'app://hamgaja/trips/abc', 'app://hamgaja/invite/CODE?x=1']) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain('<title>app</title>');
    }
    expect((await get('app://hamgaja/assets/missing.js')).status).toBe(404);
    expect((await get('app://hamgaja/api/trips')).status).toBe(404);
  });

  // The WHATWG URL parser already folds plain `..`; the handler must also refuse what survives it.
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%5c..%5c..%5csecret.txt',
    '/%00index.html',
    '/C:/Windows/win.ini',
    '/%2e%2e%2fweb-secret.txt',
  ])('never reads outside the bundle: %s', async (attempt) => {
    const res = await get(`app://hamgaja${attempt}`);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('secret');
  });

  it('resolveBundlePath refuses every escape and keeps files inside the root', () => {
    for (const attempt of [
      '/../x',
      '/a/../../x',
      '/%2e%2e/x',
      '/..%2fx',
      '/a%5c..%5c..%5cx',
      '/%00',
      '/c:/x',
      '/%E0%A4%A',
    ])
      expect(resolveBundlePath(root, attempt), attempt).toBeNull();
    expect(resolveBundlePath(root, '/assets/main-abc.js')).toBe(path.join(root, 'assets', 'main-abc.js'));
  });

  it('refuses other hosts, schemes and methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://hamgaja/index.html', 'POST')).status).toBe(405);
    const res = await get('app://hamgaja/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
