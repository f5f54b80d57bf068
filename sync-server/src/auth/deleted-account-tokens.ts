import { QueryTypes, type Transaction } from 'sequelize';
import { sqlTime } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/problem.js';
import { hashToken } from './tokens.js';

/**
 * A device that was offline while its account was deleted learns it on its next refresh: its
 * refresh token is remembered (`deleted_account_tokens`: the token's id, hash and expiry, and no
 * user) until it would have expired, and answered `account_deleted` instead of "not valid", so
 * the device removes its local copy rather than keeping it for the next log-in.
 */

type OpenToken = { id: string; tokenHash: string; expiresAt: Date };

/** The answer to a refresh token whose account was deleted. */
export const accountDeleted = () =>
  new AppError(401, 'account_deleted', 'This account was deleted; its data on this device can go');

/** Remembers the account's unexpired refresh tokens, within the deletion's last transaction; forgets expired ones. */
export async function rememberDeletedTokens(
  db: Database,
  tokens: OpenToken[],
  t: Transaction,
): Promise<void> {
  const now = new Date();
  await db.sequelize.query('DELETE FROM deleted_account_tokens WHERE expires_at <= $now', {
    bind: { now: sqlTime(db.dialect, now) },
    transaction: t,
  });
  for (const token of tokens) {
    if (token.expiresAt.getTime() <= now.getTime()) continue;
    await db.sequelize.query(
      'INSERT INTO deleted_account_tokens (id, token_hash, expires_at) VALUES ($id, $hash, $expires)',
      {
        bind: { id: token.id, hash: token.tokenHash, expires: sqlTime(db.dialect, token.expiresAt) },
        transaction: t,
      },
    );
  }
}

/** True when `id.secret` is a refresh token that was open when its account was deleted, and has not expired. */
export async function isDeletedAccountToken(db: Database, id: string, secret: string): Promise<boolean> {
  const rows = await db.sequelize.query<{ token_hash: string }>(
    'SELECT token_hash FROM deleted_account_tokens WHERE id = $id AND expires_at > $now',
    { type: QueryTypes.SELECT, bind: { id, now: sqlTime(db.dialect, new Date()) } },
  );
  const hash = hashToken(secret);
  return rows.some((row) => row.token_hash === hash);
}
