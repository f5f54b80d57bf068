import { createServer, type Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { Registry } from 'prom-client';
import type { Config } from './config.js';
import { createApp } from './app.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createMailer } from './auth/mailer.js';
import type { ServerContext } from './context.js';
import { startLiveSync } from './sync/live.js';
import { createSessions } from './auth/sessions.js';
import { loadDevCatalogIfEmpty } from './catalog/seed.js';
import { startRateLimits } from './http/rate-limit.js';
import { CHECKPOINT_MAX_LENGTH } from './sync/checkpoint.js';
import { accountDeletionsOf } from './auth/account-deletion.js';
import { exchangeRatesOf } from './rates/service.js';
import { documentFilesOf } from './documents/files.js';

/**
 * Room for the request line and headers: a pull's checkpoint travels in the query string (up
 * to CHECKPOINT_MAX_LENGTH), beyond Node's 16 KB default, which would answer 431 on its own.
 */
export const MAX_HEADER_BYTES = CHECKPOINT_MAX_LENGTH + 16 * 1024;

export interface RunningServer {
  url: string;
  port: number;
  ctx: ServerContext;
  http: Server;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and listens. Used by main and by the tests (which may catch the log). */
export async function startServer(
  config: Config,
  options: { logDestination?: DestinationStream } = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, {
    format: config.logFormat,
    destination: options.logDestination,
  });
  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  await loadDevCatalogIfEmpty(db, logger).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  const metrics = new Registry();
  const live = await startLiveSync({ config, db, logger, metrics }).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  const sessions = createSessions({ config, db, logger, held: () => live.streams.sessions() });
  // An ended session's live streams end too; the client reconnects, gets 401 and signs out.
  sessions.onEnded(({ userId, sessionIds }) => live.streams.closeSessions(userId, sessionIds));
  await sessions.start().catch(async (err: unknown) => {
    await sessions.close().catch(() => undefined);
    await live.close();
    await db.close();
    throw err;
  });
  const rateLimits = await startRateLimits({ config, logger, metrics }).catch(async (err: unknown) => {
    await sessions.close().catch(() => undefined);
    await live.close();
    await db.close();
    throw err;
  });
  const ctx: ServerContext = {
    config,
    db,
    logger,
    metrics,
    mailer: createMailer(config, logger),
    live,
    sessions,
    rateLimits,
  };
  const app = createApp(ctx);
  const http = await new Promise<Server>((resolve, reject) => {
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
    // Only a failure to listen rejects; a later server error must not be swallowed by this.
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
  // Account deletions interrupted by a crash or a restart carry on with their recorded choices.
  const resuming = accountDeletionsOf(ctx)
    .resumePending()
    .catch((err: unknown) => logger.error({ err }, 'could not resume account deletions'));
  // Exchange rates: refreshed daily from RATES_URL (no-op without it).
  exchangeRatesOf(ctx).start();
  // Travel-document files no live document references: swept hourly.
  documentFilesOf(ctx).start();
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    ctx,
    http,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await resuming;
      await exchangeRatesOf(ctx).stop();
      await documentFilesOf(ctx).stop();
      ctx.mailer.close();
      await sessions.close();
      await rateLimits.close();
      await live.close();
      await db.close();
    },
  };
}
