import { QueryTypes, type Transaction } from 'sequelize';
import { z } from 'zod';
import {
  boardDeletionChoiceSchema,
  parseTripChoice,
  tripDeletionChoiceSchema,
  type AccountDeletionPreview,
  type DeleteMeRequest,
  type ParsedTripChoice,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { bindList, sqlTime, type Bind } from '../db/bind.js';
import { AppError } from '../http/problem.js';
import { countBoardContent, endBoardPresence } from '../board/account-deletion.js';
import { ImageFiles } from '../board/image-files.js';
import { NeedsLocks, writeChanges, type ChangeSet, type LockSet } from '../sync/changes.js';
import { collections, type TripRole, type WireDocument } from '../sync/collections.js';
import { tombstoneChildren } from '../sync/push.js';
import { DocumentStore } from '../sync/store.js';
import { Membership, readDate } from '../trips/membership.js';
import { defineAuthModels } from './models.js';
import { rememberDeletedTokens } from './deleted-account-tokens.js';

/**
 * Account deletion through the sync engine. Every trip change is an ordinary change of the
 * engine (per-trip keys under the trip's sequence lock, announced after commit), so every
 * device and co-traveller learns of it live or on its next pull:
 *
 * - a trip only the user belongs to is deleted: its document and everything in it become
 *   tombstones (as when its owner deletes it);
 * - a shared trip the user owns passes to its longest-standing editor (earliest membership),
 *   or, with only viewers, as the user chose: deleted for everyone, or handed to a member. The
 *   trip document names its new owner (a new master state with a key of the trip), and the
 *   new owner's role changes (their streams RESYNC);
 * - the user leaves every trip (a logged loss: their devices turn what they still hold into
 *   tombstones), and invites they made are revoked.
 *
 * Steps: (1) the deletion is recorded with its choices (`account_deletions`); (2) one
 * transaction per trip; (3) the board (posts, comments, images deleted or kept without a name);
 * (4) one last transaction holding the user's access sequence, so no trip can be joined or
 * founded meanwhile: it settles any trip left, the board again, and removes refresh tokens,
 * reset tokens, AI counters, the deletion record and the user. Sessions end after it commits, so
 * the user's live devices receive the tombstones first. Every step reads the state under its
 * locks and does only what is left, so a deletion interrupted anywhere resumes (at start-up, on a
 * retried DELETE /me, on a log-in or refresh of the account) to the same end state.
 */

/** One step of a deletion, reported to `afterStep` once committed. */
export type DeletionStep = { kind: 'recorded' } | { kind: 'trip'; tripId: string } | { kind: 'board' };

/** The choices a deletion runs with, as recorded. */
const storedChoicesSchema = z.object({
  board: boardDeletionChoiceSchema,
  trips: z.record(z.string(), tripDeletionChoiceSchema),
});
export type DeletionChoices = z.infer<typeof storedChoicesSchema>;

/** Another member of a trip, oldest membership first. */
interface Member {
  userId: string;
  displayName: string;
  role: TripRole;
  joinedAt: Date;
}

/** What the deletion needs to know of one of the user's trips. */
export interface TripFacts {
  tripId: string;
  role: TripRole;
  title: string;
  /** The trip document exists and is not deleted. */
  live: boolean;
  /** Only for trips the user owns: the other members, longest-standing first. */
  others: Member[];
}

/** What becomes of one trip: the user just leaves, the trip is deleted, handed over, or needs a choice. */
export type TripOutcome =
  | { kind: 'leave' }
  | { kind: 'delete' }
  | { kind: 'handover'; to: Member }
  | { kind: 'choose' };

/** The rule for one trip (DESIGN.md, 2026-12-07: ownership passes to the longest-standing editor). */
export function tripOutcome(trip: TripFacts, choice?: ParsedTripChoice): TripOutcome {
  if (trip.role !== 'owner' || !trip.live) return { kind: 'leave' };
  if (trip.others.length === 0) return { kind: 'delete' };
  const editor = trip.others.find((m) => m.role === 'editor');
  if (editor) return { kind: 'handover', to: editor };
  if (choice?.kind === 'delete') return { kind: 'delete' };
  const chosen = choice && trip.others.find((m) => m.userId === choice.userId);
  return chosen ? { kind: 'handover', to: chosen } : { kind: 'choose' };
}

/**
 * A recorded choice may have gone stale before its step ran (the chosen viewer left, the trip
 * lost its last editor): then the trip goes to its longest-standing member rather than being
 * deleted for people who never chose that.
 */
function settledOutcome(
  trip: TripFacts,
  choice?: ParsedTripChoice,
): Exclude<TripOutcome, { kind: 'choose' }> {
  const outcome = tripOutcome(trip, choice);
  if (outcome.kind !== 'choose') return outcome;
  return { kind: 'handover', to: trip.others[0]! };
}

const choiceOf = (choices: DeletionChoices, tripId: string) => {
  const raw = Object.hasOwn(choices.trips, tripId) ? choices.trips[tripId] : undefined;
  return raw === undefined ? undefined : parseTripChoice(raw);
};

const instances = new WeakMap<ServerContext, AccountDeletions>();

/** The account deletions of a server (one per context, so tests can reach its hooks). */
export function accountDeletionsOf(ctx: ServerContext): AccountDeletions {
  let deletions = instances.get(ctx);
  if (!deletions) {
    deletions = new AccountDeletions(ctx);
    instances.set(ctx, deletions);
  }
  return deletions;
}

export class AccountDeletions {
  /** Tests only: runs after each step commits; throwing stops the deletion there, as a crash would. */
  afterStep: ((step: DeletionStep) => void | Promise<void>) | undefined;
  private readonly membership: Membership;
  private readonly store: DocumentStore;
  private readonly files: ImageFiles;
  /** Deletions running in this process, by user: a second request joins the first. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly ctx: ServerContext) {
    this.membership = new Membership(ctx.db);
    this.store = new DocumentStore(ctx.db);
    this.files = new ImageFiles(ctx.config.uploadDir);
  }

  private select<T extends object>(sql: string, bind: Bind, transaction?: Transaction) {
    return this.ctx.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  private run(sql: string, bind: Bind, transaction: Transaction) {
    return this.ctx.db.sequelize.query(sql, { bind, transaction });
  }

  private change<T>(locks: LockSet, fn: (changes: ChangeSet) => Promise<T>): Promise<T> {
    return writeChanges(this.ctx.db, this.ctx.live.publish, locks, fn, this.ctx.live.lockObserver);
  }

  /** The user's trips (or one of them) with what the deletion needs to decide. */
  async tripFacts(userId: string, tripId?: string, t?: Transaction): Promise<TripFacts[]> {
    const bind: Bind = { userId };
    if (tripId !== undefined) bind.tripId = tripId;
    const mine = await this.select<{
      trip_id: string;
      role: TripRole;
      data: string | null;
      deleted: number | boolean | null;
    }>(
      `SELECT m.trip_id, m.role, d.data, d.deleted FROM trip_members m
       LEFT JOIN sync_documents d ON d.collection = 'trips' AND d.id = m.trip_id
       WHERE m.user_id = $userId${tripId === undefined ? '' : ' AND m.trip_id = $tripId'} ORDER BY m.trip_id`,
      bind,
      t,
    );
    const owned = mine.filter((r) => r.role === 'owner').map((r) => r.trip_id);
    const others = new Map<string, Member[]>();
    if (owned.length > 0) {
      const list: Bind = { userId };
      const rows = await this.select<{
        trip_id: string;
        user_id: string;
        role: TripRole;
        joined_at: unknown;
        display_name: string;
      }>(
        `SELECT m.trip_id, m.user_id, m.role, m.joined_at, u.display_name FROM trip_members m
         JOIN users u ON u.id = m.user_id
         WHERE m.trip_id IN (${bindList(list, 'trip', owned)}) AND m.user_id <> $userId`,
        list,
        t,
      );
      for (const r of rows) {
        const member = {
          userId: r.user_id,
          displayName: r.display_name,
          role: r.role,
          joinedAt: readDate(r.joined_at),
        };
        others.set(r.trip_id, [...(others.get(r.trip_id) ?? []), member]);
      }
    }
    const byTenure = (a: Member, b: Member) =>
      a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
    return mine.map((r) => {
      const live = r.data !== null && !Number(r.deleted);
      const title = r.data === null ? '' : String((JSON.parse(r.data) as { title?: unknown }).title ?? '');
      return {
        tripId: r.trip_id,
        role: r.role,
        title,
        live,
        others: (others.get(r.trip_id) ?? []).sort(byTenure),
      };
    });
  }

  /** What deleting the account would do now (GET /me/deletion-preview). */
  async preview(userId: string): Promise<AccountDeletionPreview> {
    const preview: AccountDeletionPreview = {
      trips: { deleted: [], handedOver: [], choiceRequired: [], left: [] },
      board: await countBoardContent(this.ctx.db, userId),
    };
    for (const trip of await this.tripFacts(userId)) {
      const ref = { tripId: trip.tripId, title: trip.title };
      const outcome = tripOutcome(trip);
      if (outcome.kind === 'delete') preview.trips.deleted.push(ref);
      else if (outcome.kind === 'handover')
        preview.trips.handedOver.push({
          ...ref,
          to: { userId: outcome.to.userId, displayName: outcome.to.displayName },
        });
      else if (outcome.kind === 'choose')
        preview.trips.choiceRequired.push({
          ...ref,
          members: trip.others.map((m) => ({
            userId: m.userId,
            displayName: m.displayName,
            role: m.role === 'editor' ? 'editor' : 'viewer',
          })),
        });
      // Deleted trips the user still belongs to are left quietly: there is nothing to show.
      else if (trip.live) preview.trips.left.push(ref);
    }
    return preview;
  }

  /** Whether a deletion of the user is under way (recorded and not finished). */
  async pending(userId: string): Promise<DeletionChoices | undefined> {
    const rows = await this.select<{ choices: string }>(
      'SELECT choices FROM account_deletions WHERE user_id = $userId',
      { userId },
    );
    const row = rows[0];
    return row ? storedChoicesSchema.parse(JSON.parse(row.choices)) : undefined;
  }

  /**
   * Deletes the account with the choices asked (the password was checked by the caller). A
   * deletion already under way resumes with its recorded choices. Refuses, writing nothing,
   * when a shared trip without an editor has no choice (409) or an impossible one (422).
   */
  async delete(userId: string, request: Pick<DeleteMeRequest, 'board' | 'trips'>): Promise<void> {
    const recorded = await this.pending(userId);
    if (recorded) return this.resume(userId, recorded);
    const asked = { board: request.board, trips: request.trips ?? {} };
    // Only the choices of the user's own trips are recorded (the rules decide the others anyway).
    const requested: DeletionChoices = { board: request.board, trips: {} };
    const missing: TripFacts[] = [];
    const impossible: TripFacts[] = [];
    for (const trip of await this.tripFacts(userId)) {
      const choice = choiceOf(asked, trip.tripId);
      if (trip.role === 'owner' && choice) requested.trips[trip.tripId] = asked.trips[trip.tripId]!;
      if (tripOutcome(trip).kind !== 'choose') continue;
      if (!choice) missing.push(trip);
      else if (tripOutcome(trip, choice).kind === 'choose') impossible.push(trip);
    }
    if (impossible.length > 0) {
      throw new AppError(
        422,
        'invalid_choice',
        'A trip can only be handed to one of its other members',
        impossible.map((trip) => ({
          path: `trips.${trip.tripId}`,
          message: `transfer to one of: ${trip.others.map((m) => m.userId).join(', ')}`,
        })),
      );
    }
    if (missing.length > 0) {
      throw new AppError(
        409,
        'account_deletion_choice_required',
        `Choose for ${missing.length} shared trip(s) without an editor: "delete" (for everyone) or "transfer:<memberUserId>"; nothing was deleted`,
        missing.map((trip) => ({
          path: `trips.${trip.tripId}`,
          message: `"${trip.title}": delete, or transfer:${trip.others.map((m) => m.userId).join(' | transfer:')}`,
        })),
      );
    }
    const ignore = this.ctx.db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await this.ctx.db.write((t) =>
      this.run(
        `${ignore} INTO account_deletions (user_id, choices, started_at) VALUES ($userId, $choices, $now)`,
        { userId, choices: JSON.stringify(requested), now: sqlTime(this.ctx.db.dialect, new Date()) },
        t,
      ),
    );
    await this.afterStep?.({ kind: 'recorded' });
    // A concurrent request may have recorded its own choices first: those are the ones that run.
    const choices = await this.pending(userId);
    if (choices) await this.resume(userId, choices);
  }

  /** Runs (or joins) the deletion of the user with its recorded choices. */
  resume(userId: string, choices: DeletionChoices): Promise<void> {
    let running = this.running.get(userId);
    if (!running) {
      running = this.steps(userId, choices).finally(() => this.running.delete(userId));
      this.running.set(userId, running);
    }
    return running;
  }

  /** Resumes every deletion under way (start-up); answers how many finished. */
  async resumePending(): Promise<number> {
    const rows = await this.select<{ user_id: string; choices: string }>(
      'SELECT user_id, choices FROM account_deletions ORDER BY started_at, user_id',
      {},
    );
    let finished = 0;
    for (const row of rows) {
      try {
        await this.resume(row.user_id, storedChoicesSchema.parse(JSON.parse(row.choices)));
        finished += 1;
      } catch (err) {
        this.ctx.logger.error({ err, userId: row.user_id }, 'could not resume an account deletion');
      }
    }
    if (rows.length > 0) this.ctx.logger.info({ finished }, 'resumed account deletions');
    return finished;
  }

  private async steps(userId: string, choices: DeletionChoices): Promise<void> {
    for (const tripId of await this.membership.tripIdsOf(userId)) {
      await this.change({ trips: [tripId], users: [userId] }, (changes) =>
        this.leaveTrip(changes, userId, tripId, choices),
      );
      await this.afterStep?.({ kind: 'trip', tripId });
    }
    const images = await this.ctx.db.write((t) => endBoardPresence(this.ctx.db, userId, choices.board, t));
    this.removeFiles(images);
    await this.afterStep?.({ kind: 'board' });
    await this.finish(userId, choices);
  }

  /** One trip, under its lock and the user's: delete it or hand it over as decided, then leave it. */
  private async leaveTrip(
    changes: ChangeSet,
    userId: string,
    tripId: string,
    choices: DeletionChoices,
  ): Promise<void> {
    const t = changes.transaction;
    const [trip] = await this.tripFacts(userId, tripId, t);
    if (!trip) return; // left already (an earlier attempt of this deletion)
    const outcome = settledOutcome(trip, choiceOf(choices, tripId));
    if (outcome.kind === 'delete') {
      const master = (await this.store.findByIds('trips', [tripId], t)).get(tripId);
      if (master) {
        const data = JSON.stringify({ ...(JSON.parse(master.data) as WireDocument), _deleted: true });
        await this.writeTrip(changes, tripId, data, true);
      }
      await tombstoneChildren(changes, this.store, collections.trips.cascadesTo, tripId);
    } else if (outcome.kind === 'handover') {
      const master = (await this.store.findByIds('trips', [tripId], t)).get(tripId);
      if (master) {
        // The trip document names its owner: a new master state, so every device shows who owns it now.
        const data = JSON.stringify({
          ...(JSON.parse(master.data) as WireDocument),
          ownerId: outcome.to.userId,
        });
        await this.writeTrip(changes, tripId, data, false);
      }
      await this.membership.setRole(changes, tripId, outcome.to.userId, 'owner');
    }
    await this.run(
      'UPDATE trip_invites SET revoked_at = $now WHERE trip_id = $tripId AND created_by = $userId AND revoked_at IS NULL',
      { tripId, userId, now: sqlTime(this.ctx.db.dialect, new Date()) },
      t,
    );
    // Their calendar feed ends with them (a new owner makes their own).
    await this.run(
      'DELETE FROM trip_calendar_feeds WHERE trip_id = $tripId AND created_by = $userId',
      { tripId, userId },
      t,
    );
    await this.membership.remove(changes, tripId, userId);
  }

  private async writeTrip(changes: ChangeSet, tripId: string, data: string, deleted: boolean) {
    const seq = changes.document('trips', tripId, data);
    await this.store.write('trips', [{ id: tripId, tripId, seq, deleted, data }], changes.transaction);
  }

  /**
   * The last transaction: it holds the user's access sequence (no trip joined or founded
   * meanwhile) and the trips the user still belongs to, settles those, the board once more,
   * and removes the account. Sessions end once it has committed.
   */
  private async finish(userId: string, choices: DeletionChoices): Promise<void> {
    const { RefreshToken, PasswordResetToken, User } = defineAuthModels(this.ctx.db.sequelize);
    const trips = await this.membership.tripIdsOf(userId);
    const done = await this.change({ trips, users: [userId] }, async (changes) => {
      const t = changes.transaction;
      const now = await this.membership.tripIdsOf(userId, t);
      const unheld = now.filter((tripId) => !changes.holds(tripId));
      if (unheld.length > 0) throw new NeedsLocks({ trips: unheld });
      for (const tripId of now) await this.leaveTrip(changes, userId, tripId, choices);
      const images = await endBoardPresence(this.ctx.db, userId, choices.board, t);
      const open = await RefreshToken.findAll({
        attributes: ['id', 'familyId', 'tokenHash', 'expiresAt', 'usedAt'],
        where: { userId, revokedAt: null },
        transaction: t,
      });
      await rememberDeletedTokens(this.ctx.db, open, t);
      await RefreshToken.destroy({ where: { userId }, transaction: t });
      await PasswordResetToken.destroy({ where: { userId }, transaction: t });
      await this.run('DELETE FROM ai_usage WHERE user_id = $userId', { userId }, t);
      await User.destroy({ where: { id: userId }, transaction: t });
      await this.run('DELETE FROM account_deletions WHERE user_id = $userId', { userId }, t);
      return { sessions: [...new Set(open.map((r) => r.familyId))], images };
    });
    this.ctx.sessions.end(userId, done.sessions);
    this.removeFiles(done.images);
  }

  private removeFiles(keys: string[]) {
    if (keys.length === 0) return;
    this.files
      .remove(keys)
      .catch((err: unknown) =>
        this.ctx.logger.warn({ err }, 'could not remove the images of a deleted account'),
      );
  }
}
