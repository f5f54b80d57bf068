import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from './auth/tokens.js';

/** A whole number written in decimal digits (z.coerce would read ' ' as 0 and '1e3' as 1000). */
const wholeNumber = z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number);
const positiveInt = wholeNumber.pipe(z.number().int().positive('must be at least 1'));
const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

/** Browser origins, comma-separated; each must be scheme://host[:port] exactly as browsers send it. */
const origins = z.string().transform((s, ctx) => {
  const list: string[] = [];
  for (const item of s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(item);
    } catch {
      parsed = undefined;
    }
    const plain =
      parsed &&
      /^https?:$/.test(parsed.protocol) &&
      parsed.pathname === '/' &&
      !parsed.search &&
      !parsed.hash &&
      !parsed.username;
    if (!parsed || !plain || !/^https?:\/\/[^/]+\/?$/i.test(item)) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin like https://example.com` });
      return z.NEVER;
    }
    list.push(parsed.origin);
  }
  return list;
});

/** sqlite:FILE or mysql://user:password@host[:port]/database; messages never repeat the value (it holds a password). */
const databaseUrl = z.string().superRefine((s, ctx) => {
  if (s.startsWith('sqlite:')) return;
  if (!/^(mysql|mariadb):\/\//.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'must start with sqlite: or mysql://' });
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'is not a valid URL like mysql://user:password@host:3306/database',
    });
    return;
  }
  if (!parsed.hostname || !/^\/[^/]+$/.test(parsed.pathname)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must name a host and a database: mysql://user:password@host:3306/database',
    });
  }
});

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** Express's "trust proxy": true/false, a hop count, or names/addresses/CIDRs (checked here, not at listen). */
const trustProxy = z.string().transform((s, ctx): boolean | number | string => {
  const value = s.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  for (const item of value.split(',').map((p) => p.trim())) {
    const [address, bits, ...rest] = item.split('/');
    const family = isIP(address ?? '');
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(proxyNames.has(item) || (family !== 0 && okBits && rest.length === 0))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" is not true, false, a hop count, loopback/linklocal/uniquelocal, an IP or a CIDR`,
      });
      return z.NEVER;
    }
  }
  return value;
});

/** Every setting the server reads, with its default. Documented in README and .env.example. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: wholeNumber.pipe(z.number().max(65535, 'must be at most 65535')).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: databaseUrl.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Unset: the server's own address on its PORT (http://localhost:PORT).
  PUBLIC_URL: url.optional(),
  CORS_ORIGINS: origins.default(['http://localhost:8080']),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Hamgaja <no-reply@localhost>'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_RATE_LIMIT: positiveInt.default(10),
  AI_DAILY_QUOTA: positiveInt.default(100),
  AI_TIMEOUT_MS: positiveInt.default(30_000),
  AI_MAX_RETRIES: wholeNumber.pipe(z.number().max(5, 'must be at most 5')).default(2),
  TOURAPI_KEY: z.string().min(1).optional(),
  CATALOG_SEARCH_CACHE: wholeNumber.default(1000),
  // Unset: no routing service; POST /routing/legs answers every leg null (clients keep their estimates).
  ROUTING_URL: url.optional(),
  // Unset: walking legs go to ROUTING_URL too (one osrm-routed serves only the profile it was built with).
  ROUTING_FOOT_URL: url.optional(),
  ROUTING_TIMEOUT_MS: positiveInt.default(3000),
  ROUTING_CACHE_SIZE: wholeNumber.default(10_000),
  ROUTING_CACHE_SECONDS: positiveInt.default(86_400),
  // Unset: no exchange-rate feed; GET /rates answers the stored rates, or none (clients type rates in).
  RATES_URL: url.optional(),
  RATES_TIMEOUT_MS: positiveInt.default(10_000),
  RATES_REFRESH_HOURS: positiveInt.default(24),
  UPLOAD_DIR: z.string().min(1).optional(),
  // Travel documents each user may keep on the server (files they uploaded to trips), in MB.
  DOCUMENT_QUOTA_MB: positiveInt.default(500),
  WEB_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: pretty when stdout is a terminal, JSON otherwise.
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TRUST_PROXY: trustProxy.default('loopback'),
  AUTH_RATE_LIMIT: positiveInt.default(20),
  EMAIL_CHECK_RATE_LIMIT: positiveInt.default(30),
  BOARD_WRITE_RATE_LIMIT: positiveInt.default(30),
  // With REDIS_URL: the start of every rate-limit key, the same on every instance of one deployment.
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,100}$/, 'must be 1-100 letters, digits, _ : . or -')
    .default('hamgaja:rl:'),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt
    .pipe(
      z
        .number()
        .max(MAX_ACCESS_TOKEN_TTL_SECONDS, `must be at most ${MAX_ACCESS_TOKEN_TTL_SECONDS} (one hour)`),
    )
    .default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  METRICS_TOKEN: z.string().min(16).optional(),
  SYNC_HEARTBEAT_SECONDS: positiveInt.default(20),
  SYNC_GAP_SECONDS: positiveInt.default(5),
  SYNC_CHECK_SECONDS: positiveInt.default(30),
  REDIS_CHANNEL: z.string().min(1).max(200).default('hamgaja:sync:changes'),
  // Tests only: every collection's schema counts as this many versions newer, so real clients meet 426.
  SYNC_SCHEMA_VERSION_OFFSET: wholeNumber.default(0),
  // Tests only: each write transaction waits up to this many ms between taking its keys and
  // committing, so commits race (the rule-3 test).
  SYNC_TEST_COMMIT_DELAY_MS: wholeNumber.default(0),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  jwtSecret: string;
  publicUrl: string;
  corsOrigins: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  /** AI limits: requests per user per minute, model calls per user per UTC day, per-attempt timeout, retries. */
  ai: { ratePerMinute: number; dailyQuota: number; timeoutMs: number; maxRetries: number };
  tourApiKey: string | undefined;
  /** How many recent catalog search results each instance keeps (0: none). */
  catalogSearchCache: number;
  /**
   * OSRM-compatible routing: base URLs for car and walking legs (none: feature off), the longest
   * wait of one POST /routing/legs for the service, and the per-instance answer cache.
   */
  routing: {
    carUrl: string | undefined;
    footUrl: string | undefined;
    timeoutMs: number;
    cacheSize: number;
    cacheTtlSeconds: number;
  };
  /**
   * Exchange rates: an ECB-style daily reference-rates XML feed (none: rates are typed by hand),
   * the longest wait for it, and how old the rates may get before they are fetched again.
   */
  rates: { url: string | undefined; timeoutMs: number; refreshHours: number };
  uploadDir: string;
  /** Bytes of travel documents each user may keep on the server (DOCUMENT_QUOTA_MB). */
  documentQuotaBytes: number;
  webDir: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** json (one object per line) or pretty (one readable line); by default pretty only on a terminal. */
  logFormat: 'json' | 'pretty';
  trustProxy: boolean | number | string;
  /**
   * Per IP per 15 minutes (auth, e-mail checks); board writes per user per minute. With REDIS_URL
   * every instance counts together under keys starting with `redisPrefix`.
   */
  rateLimits: { auth: number; emailCheck: number; boardWrites: number; redisPrefix: string };
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  metricsToken: string | undefined;
  /** Live sync: SSE heartbeat, how long a missing change announcement is awaited, Redis channel. */
  sync: {
    heartbeatSeconds: number;
    gapSeconds: number;
    checkSeconds: number;
    redisChannel: string;
    schemaVersionOffset: number;
    testCommitDelayMs: number;
  };
};

/** A configuration problem: the message names the variable and is shown as one line. */
export class ConfigError extends Error {}

/** Reads the JWT secret kept under the data dir, creating it once for the embedded default. */
function localJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new ConfigError(`DATA_DIR: cannot create ${dataDir} (${(err as Error).message})`);
  }
  try {
    // 'wx' never overwrites: when two instances start at once, the second reads the first one's secret.
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`JWT_SECRET: unset, and ${file} cannot be created (${(err as Error).message})`);
    }
  }
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`JWT_SECRET: unset, and ${file} cannot be read (${(err as Error).message})`);
  }
  if (secret.length < 32) {
    throw new ConfigError(
      `JWT_SECRET: unset, and ${file} holds fewer than 32 characters; delete it or set JWT_SECRET`,
    );
  }
  return secret;
}

/** Parses and checks the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  if (cleaned.SYNC_SCHEMA_VERSION_OFFSET !== undefined && cleaned.NODE_ENV !== 'test')
    lines.push('SYNC_SCHEMA_VERSION_OFFSET: only for NODE_ENV=test');
  if (cleaned.SYNC_TEST_COMMIT_DELAY_MS !== undefined && cleaned.NODE_ENV !== 'test')
    lines.push('SYNC_TEST_COMMIT_DELAY_MS: only for NODE_ENV=test');
  if (cleaned.NODE_ENV === 'production') {
    for (const k of ['JWT_SECRET', 'DATABASE_URL'] as const) {
      if (!cleaned[k]) lines.push(`${k}: required when NODE_ENV=production`);
    }
  }
  if (!parsed.success || lines.length > 0) throw new ConfigError(lines.join('\n'));
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'hamgaja.sqlite')}`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET ?? localJwtSecret(dataDir),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    corsOrigins: e.CORS_ORIGINS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    ai: {
      ratePerMinute: e.AI_RATE_LIMIT,
      dailyQuota: e.AI_DAILY_QUOTA,
      timeoutMs: e.AI_TIMEOUT_MS,
      maxRetries: e.AI_MAX_RETRIES,
    },
    tourApiKey: e.TOURAPI_KEY,
    catalogSearchCache: e.CATALOG_SEARCH_CACHE,
    routing: {
      carUrl: e.ROUTING_URL?.replace(/\/+$/, ''),
      footUrl: (e.ROUTING_FOOT_URL ?? e.ROUTING_URL)?.replace(/\/+$/, ''),
      timeoutMs: e.ROUTING_TIMEOUT_MS,
      cacheSize: e.ROUTING_CACHE_SIZE,
      cacheTtlSeconds: e.ROUTING_CACHE_SECONDS,
    },
    rates: { url: e.RATES_URL, timeoutMs: e.RATES_TIMEOUT_MS, refreshHours: e.RATES_REFRESH_HOURS },
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    documentQuotaBytes: e.DOCUMENT_QUOTA_MB * 1024 * 1024,
    webDir: e.WEB_DIR ? path.resolve(e.WEB_DIR) : undefined,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      auth: e.AUTH_RATE_LIMIT,
      emailCheck: e.EMAIL_CHECK_RATE_LIMIT,
      boardWrites: e.BOARD_WRITE_RATE_LIMIT,
      redisPrefix: e.RATE_LIMIT_PREFIX,
    },
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    metricsToken: e.METRICS_TOKEN,
    sync: {
      heartbeatSeconds: e.SYNC_HEARTBEAT_SECONDS,
      gapSeconds: e.SYNC_GAP_SECONDS,
      checkSeconds: e.SYNC_CHECK_SECONDS,
      redisChannel: e.REDIS_CHANNEL,
      schemaVersionOffset: e.SYNC_SCHEMA_VERSION_OFFSET,
      testCommitDelayMs: e.SYNC_TEST_COMMIT_DELAY_MS,
    },
  };
}
