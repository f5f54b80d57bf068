import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Mailer } from './auth/mailer.js';
import type { LiveSync } from './sync/live.js';
import type { Sessions } from './auth/sessions.js';
import type { RateLimits } from './http/rate-limit.js';

/** What every feature module receives: configuration, database, logger, metrics, mail. */
export interface ServerContext {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Registry;
  mailer: Mailer;
  /** Live replication: change bus (in-process or Redis), open streams, checkpoints. */
  live: LiveSync;
  /** Which sessions are open; ending one ends its access and streams on every instance. */
  sessions: Sessions;
  /** Request limits: shared by every instance through Redis when REDIS_URL is set. */
  rateLimits: RateLimits;
}
