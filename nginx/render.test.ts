import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNginx, substitute, upstreamServers } from './render.mjs';

/** Nginx from apt; a missing binary is a failure with the fix, never a skip. */
function nginxBinary(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));
  if (!found) throw new Error('nginx is not installed: run `apt-get install -y nginx`');
  return found;
}

/** `nginx -t` on a rendered prefix; returns its output (Nginx reports on stderr). */
function nginxTest(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(nginxBinary(), ['-t', ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let work: string;
let webRoot: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'hamgaja-nginx-'));
  webRoot = path.join(work, 'web');
  mkdirSync(webRoot);
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>t</title>');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('substitute', () => {
  it('fills upper-case placeholders and leaves Nginx variables alone', () => {
    expect(
      substitute('listen ${NGINX_PORT}; return 200 $host${SUFFIX} ${host};', {
        NGINX_PORT: '80',
        SUFFIX: ':1',
      }),
    ).toBe('listen 80; return 200 $host:1 ${host};');
  });

  it('refuses a placeholder without a value', () => {
    expect(() => substitute('root ${WEB_ROOT};', {})).toThrow('no value for ${WEB_ROOT}');
  });
});

describe('upstreamServers', () => {
  it('writes one server line per instance with its failure policy', () => {
    expect(upstreamServers(['10.0.0.5:8080', { port: 9000 }], { maxFails: 3, failTimeout: '5s' })).toBe(
      '    server 10.0.0.5:8080 max_fails=3 fail_timeout=5s;\n    server 127.0.0.1:9000 max_fails=3 fail_timeout=5s;',
    );
  });

  it('refuses no instances and addresses that would inject directives', () => {
    expect(() => upstreamServers([])).toThrow('at least one upstream');
    expect(() => upstreamServers(['a:1; include /etc/passwd'])).toThrow('bad upstream address');
  });
});

describe('renderNginx + nginx -t', () => {
  it('renders a plain config that Nginx accepts, with every path inside the prefix', () => {
    const prefix = path.join(work, 'plain');
    const { args, confPath } = renderNginx({
      prefix,
      listen: '127.0.0.1:18080',
      upstreams: ['127.0.0.1:3001'],
      webRoot,
    });
    const check = nginxTest(args);
    expect(check.output).toContain('test is successful');
    expect(check.status).toBe(0);

    const main = readFileSync(confPath, 'utf8');
    for (const directive of [
      'pid',
      'error_log',
      'access_log',
      'client_body_temp_path',
      'proxy_temp_path',
      'fastcgi_temp_path',
      'uwsgi_temp_path',
      'scgi_temp_path',
    ]) {
      const line = main.split('\n').find((l) => l.trim().startsWith(`${directive} `));
      expect(line, directive).toContain(prefix);
    }
    const site = readFileSync(path.join(prefix, 'conf.d', 'hamgaja.conf'), 'utf8');
    expect(site).not.toMatch(/\$\{[A-Z_]+\}/);
    expect(site).toContain(`root ${webRoot};`);
    expect(readFileSync(path.join(prefix, 'hamgaja', 'http-listener.conf'), 'utf8')).toContain(
      'include hamgaja/site.conf;',
    );
  });

  it('renders several upstreams with keepalive', () => {
    const prefix = path.join(work, 'scaled');
    const upstreams = ['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003'];
    const { args } = renderNginx({
      prefix,
      listen: 18081,
      upstreams,
      webRoot,
      maxFails: 1,
      failTimeout: '3s',
    });
    expect(nginxTest(args).status).toBe(0);
    const site = readFileSync(path.join(prefix, 'conf.d', 'hamgaja.conf'), 'utf8');
    const upstream = /upstream hamgaja_api \{([\s\S]*?)\n\}/.exec(site)?.[1] ?? '';
    expect(upstream.match(/^\s+server .*;$/gm)).toEqual(
      upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=3s;`),
    );
    expect(upstream).toMatch(/keepalive \d+;/);
  });

  it('renders TLS with a self-signed certificate: HTTPS server, HSTS only there, HTTP redirects', () => {
    const prefix = path.join(work, 'tls');
    const certificate = path.join(work, 'cert.pem');
    const certificateKey = path.join(work, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        certificateKey,
        '-out',
        certificate,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const { args } = renderNginx({
      prefix,
      listen: '127.0.0.1:18082',
      upstreams: ['127.0.0.1:3001', '127.0.0.1:3002'],
      webRoot,
      serverName: 'hamgaja.example',
      tls: { listen: '127.0.0.1:18443', certificate, certificateKey },
    });
    const check = nginxTest(args);
    expect(check.output).toContain('test is successful');
    expect(check.status).toBe(0);

    const tls = readFileSync(path.join(prefix, 'conf.d', 'hamgaja-tls.conf'), 'utf8');
    expect(tls).toContain('listen 127.0.0.1:18443 ssl http2;');
    expect(tls).toContain(`ssl_certificate ${certificate};`);
    expect(tls).toContain('server_name hamgaja.example;');
    const main = readFileSync(path.join(prefix, 'conf.d', 'hamgaja.conf'), 'utf8');
    expect(main).toMatch(
      /map \$https \$hamgaja_hsts \{\s+on "max-age=\d+; includeSubDomains";\s+default "";/,
    );
    expect(readFileSync(path.join(prefix, 'hamgaja', 'http-listener.conf'), 'utf8')).toContain(
      'return 308 https://$host:18443$request_uri;',
    );

    // Rendering the same prefix again without TLS removes the HTTPS server and the redirect.
    const plain = renderNginx({ prefix, listen: '127.0.0.1:18082', upstreams: ['127.0.0.1:3001'], webRoot });
    expect(nginxTest(plain.args).status).toBe(0);
    expect(readFileSync(path.join(prefix, 'conf.d', 'hamgaja-tls.conf'), 'utf8')).not.toContain('server');
    expect(readFileSync(path.join(prefix, 'hamgaja', 'http-listener.conf'), 'utf8')).toContain(
      'include hamgaja/site.conf;',
    );
  });

  it('fails nginx -t when the rendered config is broken (the check can fail)', () => {
    const prefix = path.join(work, 'broken');
    const { args } = renderNginx({ prefix, listen: 18083, upstreams: ['127.0.0.1:3001'], webRoot });
    writeFileSync(path.join(prefix, 'hamgaja', 'proxy.conf'), 'proxy_read_timeout;\n');
    const check = nginxTest(args);
    expect(check.status).not.toBe(0);
    expect(check.output).toContain('proxy_read_timeout');
  });

  it('refuses TLS without its certificate files', () => {
    expect(() =>
      renderNginx({
        prefix: path.join(work, 'no-cert'),
        listen: 18084,
        upstreams: ['127.0.0.1:3001'],
        webRoot,
        tls: {
          listen: 18444,
          certificate: path.join(work, 'missing.pem'),
          certificateKey: path.join(work, 'missing.key'),
        },
      }),
    ).toThrow('TLS file not found');
  });
});
