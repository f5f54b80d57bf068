import path from 'node:path';
import { BaseError as SequelizeError } from 'sequelize';
import { loadConfig, ConfigError, type Config } from './config.js';
import { startServer } from './server.js';

/** Driver messages can span lines; the operator gets exactly one per problem. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** Names the setting behind a failed start, so the one line says what to fix. */
function startupProblem(err: unknown, config: Config): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Partial<NodeJS.ErrnoException> & {
    hostname?: string;
  };
  const message = oneLine(err instanceof Error ? err.message : String(err));
  if (e.syscall === 'listen') {
    const name = e.code === 'EADDRNOTAVAIL' ? 'HOST' : 'PORT';
    return `${name}: cannot listen on ${config.host}:${config.port} (${message})`;
  }
  if (e.syscall === 'getaddrinfo' && e.hostname === config.host)
    return `HOST: cannot resolve ${config.host} (${message})`;
  const sqliteDir = config.databaseUrl.startsWith('sqlite:')
    ? path.dirname(path.resolve(config.databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '')))
    : undefined;
  const sqliteFile = sqliteDir !== undefined && typeof e.path === 'string' && e.path.startsWith(sqliteDir);
  // umzug's MigrationError, told by its name: umzug loads only when a migration runs (db/migrate.ts).
  const migrationFailed = err instanceof Error && err.name === 'MigrationError';
  if (err instanceof SequelizeError || migrationFailed || sqliteFile) {
    return `DATABASE_URL: ${message}`;
  }
  return message;
}

/** Entry point: one clear line on stderr and exit code 1 for anything that stops the start. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.message.split('\n')) console.error(`config error: ${line}`);
    process.exit(1);
  }
  try {
    const server = await startServer(config);
    server.ctx.logger.info(`Hamgaja listening on ${server.url} (${server.ctx.db.dialect})`);
    const stop = () => {
      server.ctx.logger.info('shutting down');
      void server.close().then(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (err) {
    // A feature may throw ConfigError during start to name the variable at fault (e.g. REDIS_URL).
    if (err instanceof ConfigError) {
      for (const line of err.message.split('\n')) console.error(`config error: ${oneLine(line)}`);
    } else {
      console.error(`startup error: ${startupProblem(err, config)}`);
    }
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`startup error: ${oneLine(err instanceof Error ? err.message : String(err))}`);
  process.exit(1);
});
