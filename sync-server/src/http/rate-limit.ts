import type { Request, RequestHandler } from 'express';
import {
  MemoryStore,
  rateLimit,
  type AugmentedRequest,
  type IncrementResponse,
  type Options,
  type Store,
} from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { ConfigError, type Config } from '../config.js';
import { ioredis } from '../redis/pubsub.js';
import { AppError } from './problem.js';

/**
 * Every limit by its stable name: the `limit` label of hamgaja_rate_limited_total and part of its
 * Redis keys. The AI limits live in the database (ai/limits.ts) and only report refusals here.
 */
export type LimitName =
  | 'signup'
  | 'login'
  | 'email_check'
  | 'password_reset_request'
  | 'password_reset_confirm'
  | 'board_write'
  | 'data_export'
  | 'ai_request'
  | 'ai_daily_quota'
  | 'catalog_draft'
  | 'calendar_feed'
  | 'calendar_feed_ip';

export interface LimitOptions {
  name: LimitName;
  limit: number;
  windowMs: number;
  /** Words for the 429 message: "Too many <what> attempts". */
  what: string;
}

/** The limits of one process: shared through Redis when REDIS_URL is set, in-process otherwise. */
export interface RateLimits {
  /** Where counts live: 'redis' (every instance counts together) or 'memory' (this process only). */
  readonly store: 'redis' | 'memory';
  /** A per-IP limit answering 429 problem+json `rate_limited` with Retry-After. */
  perIp(options: LimitOptions): RequestHandler;
  /** The same per signed-in user (after requireAuth): `userOf` names whose budget a request spends. */
  perUser(options: LimitOptions, userOf: (req: Request) => string): RequestHandler;
  /** Counts a refusal decided elsewhere (the database-backed AI limits). */
  refused(name: LimitName): void;
  close(): Promise<void>;
}

/** How long one Redis round trip of a limit may take before the request is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/** Opens the limiter's one Redis connection (when REDIS_URL is set) and registers the refusal counter. */
export async function startRateLimits(deps: {
  config: Config;
  logger: Logger;
  metrics: Registry;
}): Promise<RateLimits> {
  const { config, logger, metrics } = deps;
  const refusals = new Counter({
    name: 'hamgaja_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit',
    labelNames: ['limit'] as const,
    registers: [metrics],
  });
  const fallbacks = new Counter({
    name: 'hamgaja_rate_limit_fallbacks_total',
    help: 'Rate-limit counts taken in process memory because Redis did not answer',
    registers: [metrics],
  });
  let redis: Redis | undefined;
  if (config.redisUrl) {
    const Redis = ioredis();
    redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      connectionName: 'hamgaja-rate-limits',
      // While Redis is away a limit must answer at once from memory, not queue behind reconnects.
      enableOfflineQueue: false,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    redis.on('error', (err: Error) => logger.warn({ err }, 'redis connection error (rate limits)'));
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new ConfigError(
        `REDIS_URL: cannot connect to Redis for rate limits (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }
  const fallback = new FallbackLog(logger, () => fallbacks.inc());
  const prefix = config.rateLimits.redisPrefix;

  function limiter(options: LimitOptions, key?: (req: Request) => string): RequestHandler {
    const store: Store = redis
      ? new SharedStore(redis, `${prefix}${options.name}:`, fallback)
      : new MemoryStore();
    const settings: Partial<Options> = {
      windowMs: options.windowMs,
      limit: options.limit,
      store,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // This check reads a new Error's stack for every limiter; with --enable-source-maps (the
      // production CMD) that decodes the server bundle's whole source map at start: 5.5 MB of
      // heap held for good. Our limiters are all created while the routers are built.
      validate: { creationStack: false },
      handler: (req, _res, next) => {
        refusals.inc({ limit: options.name });
        const resetTime = (req as AugmentedRequest).rateLimit?.resetTime?.getTime();
        const waitMs = resetTime ? resetTime - Date.now() : options.windowMs;
        next(
          new AppError(429, 'rate_limited', `Too many ${options.what} attempts; try again later`, undefined, {
            'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
          }),
        );
      },
    };
    if (key) settings.keyGenerator = key;
    return rateLimit(settings);
  }

  return {
    store: redis ? 'redis' : 'memory',
    perIp: (options) => limiter(options),
    perUser: (options, userOf) => limiter(options, userOf),
    refused: (name) => refusals.inc({ limit: name }),
    async close() {
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
}

/** Warns once when limits fall back to memory and once when Redis answers again (not per request). */
export class FallbackLog {
  private away = false;
  constructor(
    private readonly logger: Logger,
    private readonly counted: () => void,
  ) {}

  fellBack(err: unknown) {
    this.counted();
    if (this.away) return;
    this.away = true;
    this.logger.warn(
      { err },
      'rate limits: Redis is unavailable, counting in this process only until it is back',
    );
  }

  recovered() {
    if (!this.away) return;
    this.away = false;
    this.logger.warn('rate limits: Redis answers again, limits are shared by every instance');
  }
}

/**
 * Counts in Redis (rate-limit-redis), so every instance spends one budget; while Redis is down or
 * slow it counts in this process's memory instead: sign-in keeps working and keeps a per-instance
 * limit (as before limits were shared) rather than none at all.
 */
export class SharedStore implements Store {
  private readonly redisStore: RedisStore;
  private readonly memory = new MemoryStore();

  constructor(
    private readonly redis: Pick<Redis, 'status' | 'call'>,
    /** Read by express-rate-limit's double-count check; keys in Redis are `<prefix><client key>`. */
    readonly prefix: string,
    private readonly log: FallbackLog,
  ) {
    this.redisStore = new RedisStore({
      prefix,
      sendCommand: (command: string, ...args: string[]) =>
        redis.call(command, ...args) as Promise<RedisReply>,
    });
    // The store loads its scripts at once and again on first use; a failure here must not crash the process.
    this.redisStore.incrementScriptSha.catch(() => undefined);
    this.redisStore.getScriptSha.catch(() => undefined);
  }

  init(options: Options) {
    this.redisStore.init(options);
    this.memory.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    return this.either(
      () => this.redisStore.increment(key),
      () => this.memory.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    await this.either(
      () => this.redisStore.decrement(key),
      () => this.memory.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    await Promise.all([this.redisStore.resetKey(key).catch(() => undefined), this.memory.resetKey(key)]);
  }

  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') {
      this.log.fellBack(new Error(`Redis connection is ${this.redis.status}`));
      return local();
    }
    try {
      const value = await shared();
      this.log.recovered();
      return value;
    } catch (err) {
      this.log.fellBack(err);
      return local();
    }
  }
}
