import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const csv = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const url = z.url({ protocol: /^https?$/ });
const positiveInt = z.coerce.number().int().positive();

/** Every setting the server reads, with its default. Documented in README and .env.example. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: url.default('http://localhost:8080'),
  CORS_ORIGINS: csv.default(['http://localhost:8080']),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Hamgaja <no-reply@localhost>'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  TOURAPI_KEY: z.string().min(1).optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  WEB_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  AUTH_RATE_LIMIT: positiveInt.default(20),
  EMAIL_CHECK_RATE_LIMIT: positiveInt.default(30),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  METRICS_TOKEN: z.string().min(16).optional(),
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
  tourApiKey: string | undefined;
  uploadDir: string;
  webDir: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: string;
  rateLimits: { auth: number; emailCheck: number };
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  metricsToken: string | undefined;
};

/** A configuration problem: the message names the variable and is shown as one line. */
export class ConfigError extends Error {}

/** Reads the JWT secret kept under the data dir, creating it once for the embedded default. */
function localJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Parses and checks the environment; throws ConfigError listing each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.NODE_ENV === 'production') {
    const missing = (['JWT_SECRET', 'DATABASE_URL'] as const).filter((k) => !e[k]);
    if (missing.length > 0) {
      throw new ConfigError(missing.map((k) => `${k}: required when NODE_ENV=production`).join('\n'));
    }
  }
  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'hamgaja.sqlite')}`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET ?? localJwtSecret(dataDir),
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    corsOrigins: e.CORS_ORIGINS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    tourApiKey: e.TOURAPI_KEY,
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    webDir: e.WEB_DIR ? path.resolve(e.WEB_DIR) : undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimits: { auth: e.AUTH_RATE_LIMIT, emailCheck: e.EMAIL_CHECK_RATE_LIMIT },
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    metricsToken: e.METRICS_TOKEN,
  };
}
