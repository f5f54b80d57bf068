import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentSecurityPolicyHeader } from '@hamgaja/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, startTestServer, type TestServer } from '../../test/harness.js';

describe('operations endpoints', () => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterAll(() => server.stop());

  it('answers liveness and readiness with the database dialect', async () => {
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.database).toBe(process.env.TEST_DB === 'mariadb' ? 'mysql' : 'sqlite');
  });

  it('reports readiness failure as 503 problem when the database is gone', async () => {
    const other = await startTestServer();
    await other.ctx.db.close();
    const res = await client(other.url).get('/readyz');
    expectProblem(res, 503, 'not_ready');
    other.http.closeAllConnections();
    await new Promise((r) => other.http.close(r));
    await other.db.drop();
  });

  it('exposes Prometheus metrics with route-labelled latency and process metrics', async () => {
    await api.get('/healthz');
    const res = await api.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/hamgaja_http_request_duration_seconds_bucket\{[^}]*route="\/api\/healthz"/);
    expect(res.text).toMatch(/hamgaja_process_resident_memory_bytes \d+/);
    expect(res.text).toMatch(/hamgaja_db_pool_/);
  });

  it('keeps metrics behind the scrape token when METRICS_TOKEN is set', async () => {
    const guarded = await startTestServer({ METRICS_TOKEN: 'scrape-token-0123456789' });
    const g = client(guarded.url);
    expectProblem(await g.get('/metrics'), 401, 'unauthenticated');
    expect((await g.get('/metrics', { token: 'scrape-token-0123456789' })).status).toBe(200);
    await guarded.stop();
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await api.get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/signup', '/api/me', '/api/healthz', '/api/auth/email-available']),
    );
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('answers unknown routes with a 404 problem and echoes request ids', async () => {
    const res = await api.get('/nope', { headers: { 'x-request-id': 'abc-123' } });
    expectProblem(res, 404, 'not_found');
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('serves the web app: hashed assets immutable, shell and service worker revalidated, SPA fallback', async () => {
    const web = mkdtempSync(path.join(tmpdir(), 'hamgaja-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(path.join(web, 'sw.js'), 'self.x = 1;');
    writeFileSync(path.join(web, 'assets', 'app-abc123.js'), 'console.log(1);');
    const site = await startTestServer({ WEB_DIR: web });
    try {
      const get = (p: string) => fetch(`${site.url}${p}`);
      const asset = await get('/assets/app-abc123.js');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      for (const p of ['/sw.js', '/', '/trips/some-trip']) {
        const res = await get(p);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
      expect(await (await get('/trips/some-trip')).text()).toContain('shell');
      // The one policy of the app (@hamgaja/shared), on the web app and the API alike.
      for (const p of ['/', '/trips/some-trip', '/api/healthz', '/api/docs']) {
        const csp = (await get(p)).headers.get('content-security-policy');
        expect(csp, p).toBe(contentSecurityPolicyHeader());
      }
      expect((await get('/api/nope')).headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await site.stop();
      rmSync(web, { recursive: true, force: true });
    }
  });
});
