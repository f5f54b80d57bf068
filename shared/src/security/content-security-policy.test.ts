import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicyDirectives,
  contentSecurityPolicyHeader,
  serializeContentSecurityPolicy,
} from './content-security-policy.js';

describe('content security policy', () => {
  it('is one fixed policy for the web app (Nginx, the sync server)', () => {
    expect(contentSecurityPolicyHeader()).toBe(
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';" +
        "img-src 'self' data: blob: https:;font-src 'self' data:;connect-src 'self';media-src 'self';" +
        "worker-src 'self' blob:;manifest-src 'self';object-src 'none';frame-src 'none';child-src 'none';" +
        "frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
  });

  it('adds the extra origins (the desktop app’s server) to img-src and connect-src only', () => {
    const plain = contentSecurityPolicyDirectives();
    const server = contentSecurityPolicyDirectives(['http://192.168.0.10:8080', 'http://192.168.0.10:8080']);
    expect(server['connect-src']).toEqual(["'self'", 'http://192.168.0.10:8080']);
    expect(server['img-src']).toEqual([...plain['img-src']!, 'http://192.168.0.10:8080']);
    const { 'connect-src': _c, 'img-src': _i, ...rest } = server;
    const { 'connect-src': _pc, 'img-src': _pi, ...plainRest } = plain;
    expect(rest).toEqual(plainRest);
    expect(contentSecurityPolicyHeader(['https://trips.example.com'])).toContain(
      "connect-src 'self' https://trips.example.com;",
    );
  });

  it('never allows inline or evaluated script, plugins, frames or an https upgrade', () => {
    const d = contentSecurityPolicyDirectives(['https://trips.example.com']);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(Object.keys(d)).not.toContain('upgrade-insecure-requests');
    for (const name of ['object-src', 'frame-src', 'child-src', 'frame-ancestors', 'base-uri', 'form-action'])
      expect(d[name], name).toEqual(["'none'"]);
    for (const sources of Object.values(d)) expect(sources).not.toContain('*');
  });

  it.each([
    'https://trips.example.com/',
    'https://trips.example.com/api',
    'HTTPS://TRIPS.EXAMPLE.COM',
    "https://a.example 'unsafe-eval'",
    'https://a.example;script-src *',
    'https://a.example, script-src *',
    'ftp://files.example',
    '*',
    '',
  ])('refuses %j as an extra origin', (origin) => {
    expect(() => contentSecurityPolicyDirectives([origin])).toThrow('not an http(s) origin');
  });

  it('accepts LAN, IPv6 and port origins', () => {
    for (const origin of ['http://192.168.0.10:8080', 'http://[::1]:8080', 'https://xn--9t4b11yi5a.kr'])
      expect(contentSecurityPolicyDirectives([origin])['connect-src']).toContain(origin);
  });

  it('serializes as helmet does: one space inside a directive, a bare ";" between them', () => {
    expect(
      serializeContentSecurityPolicy({ 'default-src': ["'self'"], 'img-src': ["'self'", 'https:'] }),
    ).toBe("default-src 'self';img-src 'self' https:");
  });
});
