import { loadConfig, ConfigError } from './config.js';
import { startServer } from './server.js';

/** Entry point: one clear line and exit code 1 for anything that stops the start. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.message.split('\n')) console.error(`config error: ${line}`);
      process.exit(1);
    }
    throw err;
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
    const message = err instanceof Error ? err.message : String(err);
    const name = /listen|EADDRINUSE|EACCES/.test(message) ? 'PORT' : 'DATABASE_URL';
    console.error(`startup error: ${name}: ${message}`);
    process.exit(1);
  }
}

void main();
