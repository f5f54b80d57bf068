import { QueryTypes } from 'sequelize';
import type { TestServer } from './harness.js';

type Rows = Record<string, unknown>[];

/** Runs a read query against the server's own database (test assertions only). */
export async function rows(server: TestServer, sql: string, replacements: unknown[] = []): Promise<Rows> {
  return server.ctx.db.sequelize.query(sql, { replacements, type: QueryTypes.SELECT });
}

/** Runs a write query against the server's database, e.g. to age a token. */
export async function exec(server: TestServer, sql: string, replacements: unknown[] = []): Promise<void> {
  await server.ctx.db.sequelize.query(sql, { replacements });
}

export const ACCOUNT_TABLES = ['users', 'refresh_tokens', 'password_reset_tokens'] as const;

/** Every row of the account tables, to prove a refused request wrote nothing. */
export async function accountState(server: TestServer): Promise<Record<string, Rows>> {
  const state: Record<string, Rows> = {};
  for (const table of ACCOUNT_TABLES) state[table] = await rows(server, `SELECT * FROM ${table} ORDER BY id`);
  return state;
}

export async function userRow(server: TestServer, email: string) {
  const [row] = await rows(server, 'SELECT * FROM users WHERE email = ?', [email]);
  return row as
    | {
        id: string;
        email: string;
        display_name: string;
        password_hash: string;
        phone: string | null;
        address: string | null;
        locale: string;
      }
    | undefined;
}
