import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { contentSecurityPolicyHeader } from '@hamgaja/shared';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it('send the shared Content-Security-Policy exactly, and nothing from helmet’s CSP defaults', async () => {
    const app = express();
    app.use(securityHeaders());
    app.get('/', (_req, res) => void res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const csp = res.headers.get('content-security-policy');
      expect(csp).toBe(contentSecurityPolicyHeader());
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
    } finally {
      server.close();
    }
  });

  it('are the only helmet of the app (no second CSP is set anywhere in the server)', () => {
    const src = path.resolve(import.meta.dirname, '..');
    const app = readFileSync(path.join(src, 'app.ts'), 'utf8');
    expect(app).toContain('app.use(securityHeaders());');
    expect(app).not.toMatch(/helmet|contentSecurityPolicy|Content-Security-Policy/i);
  });
});
