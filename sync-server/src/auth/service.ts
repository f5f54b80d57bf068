import { randomUUID } from 'node:crypto';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { AccountDeletionPreview, DeleteMeRequest, Session, SignupRequest, User } from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { AppError } from '../http/problem.js';
import { accountDeletionsOf, type AccountDeletions } from './account-deletion.js';
import { defineAuthModels, type AuthModels, type RefreshTokenModel, type UserModel } from './models.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newOpaqueToken, signAccessToken } from './tokens.js';
import { resetMail } from './mails.js';
import { accountDeleted, isDeletedAccountToken } from './deleted-account-tokens.js';

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/**
 * A refresh token presented again this soon after its rotation, while no later token of its
 * family has been used, is a lost answer (a reload or a second tab mid-refresh), not a theft:
 * it gets a new token of the same family instead of ending the session. The window counts from
 * the token's first use and does not slide; any other reuse revokes the family.
 */
export const REFRESH_REUSE_GRACE_MS = 15_000;

export function toUser(u: UserModel): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    phone: u.phone,
    address: u.address,
    locale: u.locale,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Email or password is incorrect');
const invalidRefresh = () =>
  new AppError(401, 'invalid_token', 'The refresh token is not valid; log in again');

/** Accounts: sign-up, sessions with rotating refresh tokens, password reset, profile. */
export class AuthService {
  readonly models: AuthModels;
  private readonly deletions: AccountDeletions;

  constructor(private readonly ctx: ServerContext) {
    this.models = defineAuthModels(ctx.db.sequelize);
    this.deletions = accountDeletionsOf(ctx);
  }

  private async issueSession(user: UserModel, familyId: string, t?: Transaction): Promise<Session> {
    const { token, hash } = newOpaqueToken();
    const ttlMs = this.ctx.config.refreshTokenTtlDays * 86_400_000;
    const id = randomUUID();
    await this.models.RefreshToken.create(
      {
        id,
        familyId,
        userId: user.id,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + ttlMs),
        usedAt: null,
        revokedAt: null,
      },
      { transaction: t },
    );
    const accessToken = signAccessToken(this.ctx.config.jwtSecret, this.ctx.config.accessTokenTtlSeconds, {
      userId: user.id,
      sessionId: familyId,
    });
    return { user: toUser(user), accessToken, refreshToken: `${id}.${token}` };
  }

  async signup(input: SignupRequest): Promise<Session> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ctx.db.write(async (t) => {
        const user = await this.models.User.create(
          {
            id: randomUUID(),
            email: input.email,
            displayName: input.displayName,
            passwordHash,
            phone: input.phone ?? null,
            address: input.address ?? null,
            locale: input.locale ?? 'ko',
          },
          { transaction: t },
        );
        return this.issueSession(user, randomUUID(), t);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintError) {
        throw new AppError(409, 'email_taken', 'An account with this email already exists');
      }
      throw err;
    }
  }

  async login(email: string, password: string): Promise<Session> {
    const user = await this.models.User.findOne({ where: { email } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw invalidCredentials();
    await this.refuseIfDeleting(user.id, invalidCredentials);
    return this.ctx.db.write((t) => this.issueSession(user, randomUUID(), t));
  }

  /** Rotates a refresh token; presenting one that was already used revokes its whole family. */
  async refresh(presented: string): Promise<Session> {
    const [id, secret] = presented.split('.');
    if (!id || !secret) throw invalidRefresh();
    const owner = await this.models.RefreshToken.findByPk(id, { attributes: ['userId'] });
    if (owner) await this.refuseIfDeleting(owner.userId, accountDeleted);
    else if (await isDeletedAccountToken(this.ctx.db, id, secret)) throw accountDeleted();
    const outcome = await this.ctx.db.write(async (t) => {
      const row = await this.models.RefreshToken.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
      if (!row || row.tokenHash !== hashToken(secret)) return { error: invalidRefresh() };
      // A used token coming back means a copy was stolen: end the whole family. The exception is
      // the same client retrying right after its answer was lost (see REFRESH_REUSE_GRACE_MS).
      if (row.usedAt) {
        if (!row.revokedAt && (await this.isLostAnswerRetry(row, t))) {
          const user = await this.models.User.findByPk(row.userId, { transaction: t });
          if (user) return { session: await this.issueSession(user, row.familyId, t) };
        }
        await this.revokeFamily(row.familyId, t);
        return {
          error: new AppError(401, 'refresh_token_reused', 'This session was ended for safety; log in again'),
          ended: row,
        };
      }
      // Ended by logout, password change or an earlier reuse: the session is simply over.
      if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { error: invalidRefresh() };
      const user = await this.models.User.findByPk(row.userId, { transaction: t });
      if (!user) return { error: invalidRefresh() };
      row.usedAt = new Date();
      await row.save({ transaction: t });
      return { session: await this.issueSession(user, row.familyId, t) };
    });
    // Reuse revocation must commit, so the error is thrown (and the end announced) only after the transaction.
    if ('error' in outcome) {
      if (outcome.ended) this.ctx.sessions.end(outcome.ended.userId, [outcome.ended.familyId]);
      throw outcome.error;
    }
    return outcome.session;
  }

  /** Used within the grace period, and nothing of its family has been used since. */
  private async isLostAnswerRetry(row: { usedAt: Date | null; familyId: string }, t: Transaction) {
    const usedAt = row.usedAt;
    if (!usedAt || Date.now() - usedAt.getTime() > REFRESH_REUSE_GRACE_MS) return false;
    const laterUses = await this.models.RefreshToken.count({
      where: { familyId: row.familyId, usedAt: { [Op.gt]: usedAt } },
      transaction: t,
    });
    return laterUses === 0;
  }

  private async revokeFamily(familyId: string, t: Transaction) {
    await this.models.RefreshToken.update(
      { revokedAt: new Date() },
      { where: { familyId, revokedAt: null }, transaction: t },
    );
  }

  /** Revokes the open sessions (refresh-token families) of a user matching `where`; returns their ids. */
  private async endSessions(
    userId: string,
    where: WhereOptions<RefreshTokenModel>,
    t: Transaction,
  ): Promise<string[]> {
    const rows = await this.models.RefreshToken.findAll({
      attributes: ['familyId'],
      where: { ...where, userId, revokedAt: null },
      transaction: t,
    });
    const familyIds = [...new Set(rows.map((r) => r.familyId))];
    if (familyIds.length > 0) {
      await this.models.RefreshToken.update(
        { revokedAt: new Date() },
        { where: { userId, familyId: familyIds, revokedAt: null }, transaction: t },
      );
    }
    return familyIds;
  }

  /** Ends the session the refresh token belongs to (idempotent; unknown tokens are ignored). */
  async logout(presented: string, userId: string): Promise<void> {
    const [id, secret] = presented.split('.');
    if (!id || !secret) return;
    const ended = await this.ctx.db.write(async (t) => {
      const row = await this.models.RefreshToken.findByPk(id, { transaction: t });
      if (!row || row.userId !== userId || row.tokenHash !== hashToken(secret)) return [];
      return this.endSessions(userId, { familyId: row.familyId }, t);
    });
    this.ctx.sessions.end(userId, ended);
  }

  /** Ends every session of the user except `sessionId` (the caller's); returns how many ended. */
  async endOtherSessions(userId: string, sessionId: string): Promise<number> {
    const ended = await this.ctx.db.write((t) =>
      this.endSessions(userId, { familyId: { [Op.ne]: sessionId } }, t),
    );
    this.ctx.sessions.end(userId, ended);
    return ended.length;
  }

  async isEmailAvailable(email: string): Promise<boolean> {
    return (await this.models.User.count({ where: { email } })) === 0;
  }

  /**
   * Mails a single-use reset link if the account exists; says nothing either way. The link points
   * to `linkBase` (the checked origin the user asked from; see http/link-origin.ts).
   */
  async requestPasswordReset(
    email: string,
    locale: 'ko' | 'en' | undefined,
    linkBase = this.ctx.config.publicUrl,
  ): Promise<void> {
    const user = await this.models.User.findOne({ where: { email } });
    if (!user) return;
    const { token, hash } = newOpaqueToken();
    await this.ctx.db.write(async (t) => {
      await this.models.PasswordResetToken.update(
        { usedAt: new Date() },
        { where: { userId: user.id, usedAt: null }, transaction: t },
      );
      await this.models.PasswordResetToken.create(
        {
          id: randomUUID(),
          userId: user.id,
          tokenHash: hash,
          expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
          usedAt: null,
        },
        { transaction: t },
      );
    });
    const link = `${linkBase}/reset-password?token=${encodeURIComponent(token)}`;
    // Sent after the answer: a slow or broken SMTP server must not stall it or reveal the account.
    this.ctx.mailer
      .send({ to: user.email, ...resetMail(locale ?? user.locale, user.displayName, link) })
      .catch((err: unknown) => this.ctx.logger.error({ err }, 'password reset mail failed'));
  }

  /** Sets a new password with a reset token (single use, expiring) and ends every session. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const outcome = await this.ctx.db.write(async (t) => {
      const row = await this.models.PasswordResetToken.findOne({
        where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { [Op.gt]: new Date() } },
        transaction: t,
        lock: t.LOCK.UPDATE,
      });
      if (!row) return undefined;
      row.usedAt = new Date();
      await row.save({ transaction: t });
      await this.models.User.update({ passwordHash }, { where: { id: row.userId }, transaction: t });
      return { userId: row.userId, ended: await this.endSessions(row.userId, {}, t) };
    });
    if (!outcome)
      throw new AppError(400, 'invalid_reset_token', 'This reset link is invalid, used or expired');
    this.ctx.sessions.end(outcome.userId, outcome.ended);
  }

  async getUser(userId: string): Promise<UserModel> {
    const user = await this.models.User.findByPk(userId);
    if (!user) throw new AppError(401, 'invalid_token', 'This account no longer exists');
    return user;
  }

  async updateProfile(
    userId: string,
    changes: Partial<Pick<User, 'displayName' | 'phone' | 'address' | 'locale'>>,
  ) {
    return this.ctx.db.write(async (t) => {
      const user = await this.models.User.findByPk(userId, { transaction: t });
      if (!user) throw new AppError(401, 'invalid_token', 'This account no longer exists');
      await user.update(changes, { transaction: t });
      return toUser(user);
    });
  }

  /** Changes the password after checking the current one; every other session is ended. */
  async changePassword(userId: string, sessionId: string, current: string, next: string) {
    const user = await this.getUser(userId);
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw new AppError(403, 'invalid_credentials', 'The current password is incorrect');
    }
    const passwordHash = await hashPassword(next);
    const ended = await this.ctx.db.write(async (t) => {
      await this.models.User.update({ passwordHash }, { where: { id: userId }, transaction: t });
      return this.endSessions(userId, { familyId: { [Op.ne]: sessionId } }, t);
    });
    this.ctx.sessions.end(userId, ended);
  }

  /**
   * Deletes the account after checking the password, through the sync engine (see
   * account-deletion.ts): trips deleted or handed over, memberships ended, board content deleted
   * or kept without a name, tokens revoked, every session ended.
   */
  async deleteAccount(userId: string, request: DeleteMeRequest) {
    const user = await this.getUser(userId);
    if (!(await verifyPassword(user.passwordHash, request.password))) {
      throw new AppError(403, 'invalid_credentials', 'The password is incorrect');
    }
    await this.deletions.delete(userId, request);
  }

  /** What deleting the account would do (the confirmation screen shows it). */
  async deletionPreview(userId: string): Promise<AccountDeletionPreview> {
    await this.getUser(userId);
    return this.deletions.preview(userId);
  }

  /**
   * An account being deleted gets no new session: its deletion (interrupted, or running on
   * another instance) is carried on first, and the answer is the one a deleted account gets.
   */
  private async refuseIfDeleting(userId: string, refusal: () => AppError): Promise<void> {
    const choices = await this.deletions.pending(userId);
    if (!choices) return;
    await this.deletions.resume(userId, choices);
    throw refusal();
  }
}
