// What Nginx adds in front of the instances: SPA serving and caching, the /api proxy, limits,
// headers, SSE streaming and failover. Everything goes over real HTTP to the real stack.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIResponse } from '@playwright/test';
import { contentSecurityPolicyHeader } from '../../shared/src/security/content-security-policy.js';
import { expect, nth, test } from './fixtures.js';
import { startNginx, startStack } from './stack.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The app's one policy; nginx/hamgaja/security-headers.conf writes it out (nginx/csp.test.ts). */
const CSP = contentSecurityPolicyHeader();

/** Every security header exactly once with our value (a duplicate would mean the instance's copy leaked). */
function expectSecurityHeaders(res: APIResponse | Response, what: string) {
  const all =
    'headersArray' in res
      ? res.headersArray()
      : [...res.headers.entries()].map(([name, value]) => ({ name, value }));
  const values = (name: string) => all.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  const csp = values('content-security-policy');
  expect(csp, `${what}: one CSP`).toHaveLength(1);
  expect(csp[0], what).toBe(CSP);
  expect(values('x-content-type-options'), what).toEqual(['nosniff']);
  expect(values('referrer-policy'), what).toEqual(['strict-origin-when-cross-origin']);
  expect(values('permissions-policy'), what).toEqual(['geolocation=(self), camera=(), microphone=()']);
  expect(values('x-frame-options'), what).toEqual(['DENY']);
  // Plain HTTP: HSTS belongs to the TLS listener only.
  expect(values('strict-transport-security'), what).toEqual([]);
  // server_tokens off: no version number.
  expect(values('server'), what).toEqual(['nginx']);
}

function indexHtml(webRoot: string): string {
  return readFileSync(path.join(webRoot, 'index.html'), 'utf8');
}

/** Hashed JS and CSS the shell references (Vite puts them under /assets/). */
function hashedAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
}

test.describe('SPA through Nginx', () => {
  test('serves the shell at / and at a deep client route, uncached', async ({ request, stack }) => {
    const shell = indexHtml(stack.webRoot);
    for (const url of ['/', '/trips/abc', '/index.html']) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers()['cache-control'], url).toBe('no-cache');
      expect(await res.text(), url).toBe(shell);
      expectSecurityHeaders(res, url);
    }
  });

  test('hashed assets are immutable, gzip-compressed, and a missing one is a 404 (not the shell)', async ({
    request,
    stack,
  }) => {
    const assets = hashedAssets(indexHtml(stack.webRoot));
    expect(assets.length, 'the shell references hashed assets').toBeGreaterThan(0);
    for (const asset of assets) {
      const res = await request.get(asset, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status(), asset).toBe(200);
      expect(res.headers()['cache-control'], asset).toBe(IMMUTABLE);
      expectSecurityHeaders(res, asset);
    }
    const script = nth(
      assets.filter((a) => a.endsWith('.js')),
      0,
    );
    const zipped = await request.get(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers()['content-encoding']).toBe('gzip');
    expect(zipped.headers()['vary']).toMatch(/Accept-Encoding/i);

    const missing = await request.get('/assets/does-not-exist-0123.js');
    expect(missing.status()).toBe(404);
    expect(missing.headers()['cache-control']).toBeUndefined();
    expect(await missing.text()).not.toContain('<div id="root"');
  });

  test('service worker and manifest revalidate on every load', async ({ request }) => {
    const sw = await request.get('/sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toMatch(/javascript/);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    const manifest = await request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers()['cache-control']).toBe('no-cache');
    expect(await manifest.json()).toHaveProperty('name');
  });

  test('the shell runs in Chromium under the CSP without violations', async ({ page, request }) => {
    type Violation = { directive: string; blocked: string; file: string; line: number; column: number };
    const violations: Violation[] = [];
    const errors: string[] = [];
    await page.exposeFunction('reportViolation', (v: Violation) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { reportViolation(v: unknown): void }).reportViolation;
        report({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          file: e.sourceFile,
          line: e.lineNumber,
          column: e.columnNumber,
        });
      });
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const res = await page.goto('/trips/abc');
    expect(res?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);

    // zod (in the shared schemas) probes whether eval is allowed by compiling an empty function in a
    // try/catch and falls back to its plain parser; that probe is the one tolerated eval report.
    const unexpected: Violation[] = [];
    for (const v of violations) {
      if (v.blocked === 'eval' && v.file.startsWith(stackOrigin(res?.url()))) {
        const source = (await (await request.get(v.file)).text()).split('\n')[v.line - 1] ?? '';
        if (/^(new )?Function\((``|""|'')\)/.test(source.slice(v.column - 1))) continue;
      }
      unexpected.push(v);
    }
    expect(unexpected).toEqual([]);
  });
});

function stackOrigin(url: string | undefined): string {
  return url ? new URL(url).origin : 'about:invalid';
}

test.describe('/api through Nginx', () => {
  test('proxies /api/healthz and passes the request id through (or makes one)', async ({ request }) => {
    const res = await request.get('/api/healthz', { headers: { 'x-request-id': 'e2e-trace-42' } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers()['x-request-id']).toBe('e2e-trace-42');
    expectSecurityHeaders(res, '/api/healthz');

    const generated = await request.get('/api/healthz', { headers: { 'x-request-id': 'not a valid id!' } });
    expect(generated.headers()['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the instance’s problem+json answers keep Nginx’s security headers, once', async ({ request }) => {
    const res = await request.get('/api/no-such-route');
    expect(res.status()).toBe(404);
    expect(res.headers()['content-type']).toMatch(/^application\/problem\+json/);
    expect((await res.json()).code).toBe('not_found');
    expectSecurityHeaders(res, 'server 404');
  });

  test('/api/metrics is not reachable publicly, in any spelling', async ({ request, stack }) => {
    // The control: the instance itself serves metrics, so only Nginx can be hiding them.
    const direct = await request.get(`${stack.instanceUrls[0]}/api/metrics`);
    expect(direct.status()).toBe(200);
    expect(await direct.text()).toContain('hamgaja_http_request_duration_seconds');

    for (const url of [
      '/api/metrics',
      '/api/metrics/',
      '/api/METRICS',
      '/api//metrics',
      '/api/%6detrics',
      '/api/./metrics',
      '/api/metrics?format=text',
    ]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(404);
      expect(res.headers()['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(await res.text(), url).not.toContain('hamgaja_');
      expectSecurityHeaders(res, url);
    }
  });

  test('a 10 MB body reaches the instance; only bodies over 12 MB are refused by Nginx', async ({
    request,
  }) => {
    const tenMb = randomBytes(10 * 1024 * 1024);
    const accepted = await request.post('/api/uploads', {
      data: tenMb,
      headers: { 'content-type': 'application/octet-stream' },
    });
    // The instance answered (401 without a token, or 404 before the route exists): not Nginx's 413.
    expect(accepted.status()).not.toBe(413);
    expect(accepted.headers()['content-type']).toMatch(/^application\/problem\+json/);
    expect(accepted.headers()['x-request-id'], 'answered by the instance').toBeTruthy();
    expect((await accepted.json()).code).not.toBe('payload_too_large');

    const tooBig = await request.post('/api/uploads', {
      data: randomBytes(13 * 1024 * 1024),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(tooBig.status()).toBe(413);
    expect(tooBig.headers()['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooBig.headers()['x-request-id'], 'answered by Nginx, not the instance').toBeUndefined();
    expect(await tooBig.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
    expectSecurityHeaders(tooBig, '413');
  });

  test('a pull checkpoint of the longest size the server issues reaches the instance', async ({
    request,
  }) => {
    // CHECKPOINT_MAX_LENGTH (sync-server/src/sync/checkpoint.ts): 16 KB in the query string,
    // twice Nginx's default request line buffer (which would answer 414).
    const checkpoint = 'A'.repeat(16 * 1024);
    const res = await request.get(`/api/sync/stops/pull?limit=10&checkpoint=${checkpoint}`);
    expect(res.status(), await res.text()).not.toBe(414);
    expect(res.headers()['x-request-id'], 'answered by the instance').toBeTruthy();
    expect(res.headers()['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('a burst on /api/auth/login is answered 429 by Nginx', async ({ playwright, stack }) => {
    // Its own Nginx (own rate-limit zone), so the burst cannot slow the other specs' logins.
    const nginx = await startNginx({
      upstreams: stack.instanceUrls.map((u) => new URL(u).host),
      webRoot: stack.webRoot,
    });
    const api = await playwright.request.newContext({ baseURL: nginx.url });
    try {
      const burst = await Promise.all(
        Array.from({ length: 40 }, () => api.post('/api/auth/login', { data: {} })),
      );
      const statuses = burst.map((r) => r.status());
      const limited = burst.filter((r) => r.status() === 429);
      // burst=10 passes ~11 to the instance (400: empty body); the instance's own limit is off here.
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(5);
      expect(limited.length).toBeGreaterThanOrEqual(20);
      expect(
        statuses.every((s) => s === 400 || s === 429),
        statuses.join(','),
      ).toBe(true);
      const answer = nth(limited, 0);
      expect(answer.headers()['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers()['retry-after']).toBe('1');
      expect(await answer.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expectSecurityHeaders(answer, '429');
      // Other API paths are not limited.
      expect((await api.get('/api/healthz')).status()).toBe(200);
    } finally {
      await api.dispose();
      await nginx.stop();
    }
  });

  test('SSE events arrive at once through Nginx (no proxy buffering)', async ({ stack, signUp }) => {
    const account = await signUp();
    const headers = { authorization: `Bearer ${account.accessToken}`, 'x-hamgaja-schema-version': '0' };
    const connection = new AbortController();
    const stream = await fetch(`${stack.baseURL}/api/sync/trips/stream`, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: connection.signal,
    });
    try {
      // The body of a non-stream answer (a problem) explains the failure; a stream's never ends.
      expect(stream.status, stream.status === 200 ? '' : await stream.text()).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const tripId = `e2e-${randomBytes(6).toString('hex')}`;
      if (!stream.body) throw new Error('the stream answer has no body');
      const reader = stream.body.getReader();
      const decoder = new TextDecoder();
      let received = '';
      const arrival = (async () => {
        while (!received.includes(tripId)) {
          const { done, value } = await reader.read();
          if (done) throw new Error(`stream ended before the event; got: ${received}`);
          received += decoder.decode(value, { stream: true });
        }
        return Date.now();
      })();

      const pushedAt = Date.now();
      const push = await fetch(`${stack.baseURL}/api/sync/trips/push`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            newDocumentState: {
              id: tripId,
              title: 'Gyeongju weekend',
              description: '',
              destination: { regionCode: '35', text: 'Gyeongju' },
              startDate: '2026-05-01',
              endDate: '2026-05-03',
              timeZone: 'Asia/Seoul',
              currency: 'KRW',
              plannedBudget: null,
              coverImage: null,
              notes: '',
              ownerId: account.user.id,
              _deleted: false,
            },
          },
        ]),
      });
      expect(push.status, await push.clone().text()).toBe(200);
      expect(await push.json()).toEqual([]);
      const arrivedAt = await Promise.race([
        arrival,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no event within 5 s; got: ${received}`)), 5_000),
        ),
      ]);
      // A buffering proxy would hold this small event until its buffer filled or the stream ended.
      expect(arrivedAt - pushedAt).toBeLessThan(2_000);
      expect(received).toMatch(/^data: /m);
    } finally {
      connection.abort();
    }
  });
});

test.describe('failover across instances', () => {
  test('requests go to the next instance when one is down; all down is a 502 problem', async ({
    playwright,
  }) => {
    test.setTimeout(90_000);
    const stack = await startStack({ instances: 2 });
    const api = await playwright.request.newContext({ baseURL: stack.baseURL });
    try {
      await nth(stack.instances, 0).stop();
      for (let i = 0; i < 6; i += 1) {
        expect((await api.get('/api/healthz')).status()).toBe(200);
        // A POST is resent too when its connection was refused (it never reached the instance).
        const post = await api.post('/api/no-such-route', { data: { n: i } });
        expect(post.status()).toBe(404);
        expect((await post.json()).code).toBe('not_found');
      }
      await nth(stack.instances, 1).stop();
      const down = await api.get('/api/healthz');
      expect(down.status()).toBe(502);
      expect(down.headers()['content-type']).toMatch(/^application\/problem\+json/);
      expect(await down.json()).toMatchObject({ status: 502, code: 'upstream_unavailable' });
      expectSecurityHeaders(down, '502');

      // Back up: served again once the instance is retried (fail_timeout).
      await nth(stack.instances, 0).start();
      await expect.poll(async () => (await api.get('/api/healthz')).status(), { timeout: 10_000 }).toBe(200);
    } finally {
      await api.dispose();
      await stack.stop();
    }
  });
});
