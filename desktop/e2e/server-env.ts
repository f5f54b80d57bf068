// Starting a built sync-server: a free port and the environment of one on SQLite. Kept apart
// from stack.ts (Nginx, MariaDB) so benchmarks can bundle it without the rest.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The environment of one built sync-server on SQLite with its files under `dir`, answering at
 * `url` (the client benchmark and the Electron e2e; add what differs).
 */
export function sqliteServerEnv(dir: string, port: number, url: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `sqlite:${path.join(dir, 'hamgaja.sqlite')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(dir, 'data'),
    UPLOAD_DIR: path.join(dir, 'uploads'),
    PUBLIC_URL: url,
    CORS_ORIGINS: url,
    REDIS_URL: '',
  };
}

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
