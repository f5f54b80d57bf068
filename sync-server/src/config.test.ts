import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The lines of the ConfigError that loadConfig throws for env. */
function configErrorLines(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split('\n');
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for the embedded single-instance setup', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: 'development',
      port: 8080,
      host: '0.0.0.0',
      dataDir,
      databaseUrl: `sqlite:${path.join(dataDir, 'hamgaja.sqlite')}`,
      redisUrl: undefined,
      publicUrl: 'http://localhost:8080',
      corsOrigins: ['http://localhost:8080'],
      smtpUrl: undefined,
      mailFrom: 'Hamgaja <no-reply@localhost>',
      openai: { apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini' },
      routing: {
        carUrl: undefined,
        footUrl: undefined,
        timeoutMs: 3000,
        cacheSize: 10_000,
        cacheTtlSeconds: 86_400,
      },
      uploadDir: path.join(dataDir, 'uploads'),
      webDir: undefined,
      logLevel: 'info',
      trustProxy: 'loopback',
      rateLimits: { auth: 20, emailCheck: 30 },
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      metricsToken: undefined,
    });
  });

  it('creates a JWT secret once in the data dir, readable only by its owner, and reuses it', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    const file = path.join(dataDir, 'jwt-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first);
    expect(loadConfig({ DATA_DIR: tempDir() }).jwtSecret).not.toBe(first);
  });

  it('uses JWT_SECRET when given and then writes no file', () => {
    const dataDir = tempDir();
    const secret = 's'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(() => statSync(path.join(dataDir, 'jwt-secret'))).toThrow();
  });

  it('refuses a damaged secret file and an unusable data dir, naming the variable', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'jwt-secret'), 'short\n');
    expect(configErrorLines({ DATA_DIR: dataDir })).toEqual([
      expect.stringMatching(/^JWT_SECRET: .*fewer than 32/),
    ]);
    const notADir = path.join(tempDir(), 'file');
    writeFileSync(notADir, 'x');
    expect(configErrorLines({ DATA_DIR: notADir })).toEqual([expect.stringMatching(/^DATA_DIR: /)]);
  });

  it('sends walking legs to ROUTING_URL too unless ROUTING_FOOT_URL is set', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), ROUTING_URL: 'https://osrm.example.com//' });
    expect(config.routing).toMatchObject({
      carUrl: 'https://osrm.example.com',
      footUrl: 'https://osrm.example.com',
    });
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      PORT: '',
      SMTP_URL: '',
      JWT_SECRET: '',
      CORS_ORIGINS: '',
    });
    expect(config.port).toBe(8080);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.corsOrigins).toEqual(['http://localhost:8080']);
  });

  it('defaults PUBLIC_URL to the server itself on its PORT', () => {
    expect(loadConfig({ DATA_DIR: tempDir(), PORT: '18537' }).publicUrl).toBe('http://localhost:18537');
    expect(loadConfig({ DATA_DIR: tempDir(), PORT: '18537', PUBLIC_URL: '' }).publicUrl).toBe(
      'http://localhost:18537',
    );
    expect(
      loadConfig({ DATA_DIR: tempDir(), PORT: '18537', PUBLIC_URL: 'https://trips.example.com' }).publicUrl,
    ).toBe('https://trips.example.com');
  });

  it('reads every variable it documents', () => {
    const dataDir = tempDir();
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: 'mysql://u:p@db:3306/hamgaja',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'j'.repeat(32),
      PUBLIC_URL: 'https://trips.example.com/',
      CORS_ORIGINS: 'https://trips.example.com',
      SMTP_URL: 'smtps://u:p@mail.example.com:465',
      MAIL_FROM: 'Trips <trips@example.com>',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'local-model',
      TOURAPI_KEY: 'tour-key',
      ROUTING_URL: 'http://osrm.internal:5000/',
      ROUTING_FOOT_URL: 'https://routing.example.com/routed-foot',
      ROUTING_TIMEOUT_MS: '1500',
      ROUTING_CACHE_SIZE: '0',
      ROUTING_CACHE_SECONDS: '3600',
      UPLOAD_DIR: path.join(dataDir, 'up'),
      WEB_DIR: path.join(dataDir, 'web'),
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
      AUTH_RATE_LIMIT: '5',
      EMAIL_CHECK_RATE_LIMIT: '6',
      ACCESS_TOKEN_TTL_SECONDS: '60',
      REFRESH_TOKEN_TTL_DAYS: '7',
      METRICS_TOKEN: 'm'.repeat(16),
    });
    expect(config).toMatchObject({
      env: 'production',
      port: 9000,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: 'mysql://u:p@db:3306/hamgaja',
      redisUrl: 'redis://cache:6379',
      jwtSecret: 'j'.repeat(32),
      publicUrl: 'https://trips.example.com',
      corsOrigins: ['https://trips.example.com'],
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      mailFrom: 'Trips <trips@example.com>',
      openai: { apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:11434/v1', model: 'local-model' },
      tourApiKey: 'tour-key',
      routing: {
        carUrl: 'http://osrm.internal:5000',
        footUrl: 'https://routing.example.com/routed-foot',
        timeoutMs: 1500,
        cacheSize: 0,
        cacheTtlSeconds: 3600,
      },
      uploadDir: path.join(dataDir, 'up'),
      webDir: path.join(dataDir, 'web'),
      logLevel: 'warn',
      trustProxy: 1,
      rateLimits: { auth: 5, emailCheck: 6 },
      accessTokenTtlSeconds: 60,
      refreshTokenTtlDays: 7,
      metricsToken: 'm'.repeat(16),
    });
  });

  it('logs pretty lines on a terminal and JSON elsewhere, unless LOG_FORMAT says which', () => {
    const dataDir = tempDir();
    const tty = process.stdout.isTTY;
    try {
      process.stdout.isTTY = true;
      expect(loadConfig({ DATA_DIR: dataDir }).logFormat).toBe('pretty');
      expect(loadConfig({ DATA_DIR: dataDir, LOG_FORMAT: 'json' }).logFormat).toBe('json');
      process.stdout.isTTY = false;
      expect(loadConfig({ DATA_DIR: dataDir }).logFormat).toBe('json');
      expect(loadConfig({ DATA_DIR: dataDir, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    } finally {
      process.stdout.isTTY = tty;
    }
  });

  it('splits CORS_ORIGINS on commas, trimming blanks and trailing slashes', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      CORS_ORIGINS: ' https://a.example.com , http://localhost:5173/ ,,HTTPS://B.example.com:8443',
    });
    expect(config.corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
      'https://b.example.com:8443',
    ]);
  });

  const bad: [string, string][] = [
    ['NODE_ENV', 'staging'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', ' '],
    ['DATABASE_URL', 'postgres://x'],
    ['DATABASE_URL', 'hamgaja.sqlite'],
    ['DATABASE_URL', 'mysql://user:pw-secret@127.0.0.1:notaport/db'],
    ['DATABASE_URL', 'mysql://user:pw-secret@ho st/db'],
    ['DATABASE_URL', 'mysql://user:pw-secret@db.example.com'],
    ['DATABASE_URL', 'mariadb://user:pw-secret@db.example.com/a/b'],
    ['REDIS_URL', 'localhost:6379'],
    ['JWT_SECRET', 'too-short'],
    ['PUBLIC_URL', 'trips.example.com'],
    ['PUBLIC_URL', 'ftp://trips.example.com'],
    ['CORS_ORIGINS', 'https://ok.example.com,not an origin'],
    ['CORS_ORIGINS', 'https://example.com/app'],
    ['CORS_ORIGINS', '*'],
    ['SMTP_URL', 'mail.example.com:25'],
    ['OPENAI_BASE_URL', 'localhost:11434'],
    ['ROUTING_URL', 'osrm.internal:5000'],
    ['ROUTING_FOOT_URL', 'ftp://osrm.internal'],
    ['ROUTING_TIMEOUT_MS', '0'],
    ['ROUTING_CACHE_SIZE', '-1'],
    ['ROUTING_CACHE_SECONDS', '1.5'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'yaml'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '10.0.0.0/40'],
    ['AUTH_RATE_LIMIT', '0'],
    ['AUTH_RATE_LIMIT', 'many'],
    ['EMAIL_CHECK_RATE_LIMIT', '1e3'],
    ['ACCESS_TOKEN_TTL_SECONDS', '-5'],
    ['ACCESS_TOKEN_TTL_SECONDS', '86400'],
    ['REFRESH_TOKEN_TTL_DAYS', '2.5'],
    ['METRICS_TOKEN', 'short'],
  ];
  it.each(bad)('names %s when it is %j, in one line', (name, value) => {
    const lines = configErrorLines({ [name]: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${name}: \\S`));
    // The value may hold a password: it is never echoed.
    expect(lines[0]).not.toContain('pw-secret');
  });

  it('lists every bad variable, one line each', () => {
    const lines = configErrorLines({ PORT: 'x', LOG_LEVEL: 'loud', NODE_ENV: 'production' });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'JWT_SECRET',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('requires JWT_SECRET and DATABASE_URL in production', () => {
    expect(configErrorLines({ NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db/h' })).toEqual([
      'JWT_SECRET: required when NODE_ENV=production',
    ]);
    expect(configErrorLines({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toEqual([
      'DATABASE_URL: required when NODE_ENV=production',
    ]);
  });

  it('accepts only trust-proxy settings that Express understands', () => {
    const accepted: [string, unknown][] = [
      ['true', true],
      ['false', false],
      ['2', 2],
      ['loopback', 'loopback'],
      ['10.0.0.0/8, loopback, fd00::/8', '10.0.0.0/8, loopback, fd00::/8'],
      ['192.168.1.10', '192.168.1.10'],
    ];
    for (const [value, expected] of accepted) {
      const { trustProxy } = loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value });
      expect(trustProxy).toEqual(expected);
      expect(() => express().set('trust proxy', trustProxy)).not.toThrow();
    }
  });
});
