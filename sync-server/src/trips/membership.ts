import { QueryTypes, type Transaction } from 'sequelize';
import { bindList, sqlTime, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';
import type { ChangeSet } from '../sync/changes.js';
import type { TripRole } from '../sync/collections.js';

/** Higher is more powerful: accepting an invite never lowers a role. */
export const roleRank: Record<TripRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** Names one person on one trip, for sets of memberships. */
export const memberKey = (userId: string, tripId: string) => `${userId}\n${tripId}`;

/** An entry of a user's access log: they gained or lost a trip at this key of their access sequence. */
export interface AccessEvent {
  tripId: string;
  /** The trip's number (sync_trip_sequences.trip_no). */
  no: number;
  seq: number;
  gained: boolean;
}

/** A trip, its number and its newest key. */
export interface TripPosition {
  tripId: string;
  no: number;
  value: number;
}

/** Reads a DATE(3) column from a raw query (a Date on MySQL, text on SQLite). */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(
    /^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T').replace(/ ?\+00:00$/, 'Z') : text,
  );
}

/** Who may do what on which trip: reads and writes of trip_members and trip_access_log. */
export class Membership {
  constructor(private readonly db: Database) {}

  // Values are bound ($name), never written into the SQL, change keys included: a statement text
  // that never changes stays prepared on MySQL (one round trip per query).
  private select<T extends object>(sql: string, bind: Bind, transaction?: Transaction) {
    return this.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  private run(sql: string, bind: Bind, transaction: Transaction) {
    return this.db.sequelize.query(sql, { bind, transaction });
  }

  /** The caller's role on each of these trips (absent = not a member). */
  async rolesOf(userId: string, tripIds: readonly string[], t?: Transaction): Promise<Map<string, TripRole>> {
    if (tripIds.length === 0) return new Map();
    const bind: Bind = { userId };
    const rows = await this.select<{ trip_id: string; role: TripRole }>(
      `SELECT trip_id, role FROM trip_members WHERE user_id = $userId AND trip_id IN (${bindList(bind, 'trip', tripIds)})`,
      bind,
      t,
    );
    return new Map(rows.map((r) => [r.trip_id, r.role]));
  }

  /** The trips the user is a member of now. */
  async tripIdsOf(userId: string, t?: Transaction): Promise<string[]> {
    const rows = await this.select<{ trip_id: string }>(
      'SELECT trip_id FROM trip_members WHERE user_id = $userId',
      { userId },
      t,
    );
    return rows.map((r) => r.trip_id);
  }

  /** The caller's role on one trip, or undefined. */
  async roleOf(userId: string, tripId: string, t?: Transaction): Promise<TripRole | undefined> {
    return (await this.rolesOf(userId, [tripId], t)).get(tripId);
  }

  /** Which of these trips exist on the server (have members at all). */
  async existing(tripIds: readonly string[], t?: Transaction): Promise<Set<string>> {
    if (tripIds.length === 0) return new Set();
    const bind: Bind = {};
    const rows = await this.select<{ trip_id: string }>(
      `SELECT DISTINCT trip_id FROM trip_members WHERE trip_id IN (${bindList(bind, 'trip', tripIds)})`,
      bind,
      t,
    );
    return new Set(rows.map((r) => r.trip_id));
  }

  /** Which of these people are or were members of which of these trips, as `memberKey`s. */
  async everBelonged(
    userIds: readonly string[],
    tripIds: readonly string[],
    t?: Transaction,
  ): Promise<Set<string>> {
    if (userIds.length === 0 || tripIds.length === 0) return new Set();
    // Every membership starts with a logged gain, and the log outlives the membership (and the account).
    const bind: Bind = {};
    const rows = await this.db.sequelize.query<{ user_id: string; trip_id: string }>(
      `SELECT DISTINCT user_id, trip_id FROM trip_access_log
       WHERE user_id IN (${bindList(bind, 'user', userIds)}) AND trip_id IN (${bindList(bind, 'trip', tripIds)})`,
      { type: QueryTypes.SELECT, bind, ...(t ? { transaction: t } : {}) },
    );
    return new Set(rows.map((r) => memberKey(r.user_id, r.trip_id)));
  }

  /** Every trip the user may read. */
  async tripsOf(userId: string): Promise<string[]> {
    const rows = await this.select<{ trip_id: string }>(
      'SELECT trip_id FROM trip_members WHERE user_id = $userId',
      { userId },
    );
    return rows.map((r) => r.trip_id);
  }

  /**
   * In one consistent read, what a pull or a stream needs: the trips the user may read with
   * their numbers and current keys; the user's newest access key (0 = none); when `eventsAfter`
   * is given, their gains and losses after it, oldest first; and the ids of the trips numbered
   * `tripNos` (trips the user lost, still being turned into tombstones). One statement keeps
   * stream opens and pulls to one round trip.
   */
  async syncState(
    userId: string,
    eventsAfter?: number,
    tripNos: readonly number[] = [],
  ): Promise<{ trips: TripPosition[]; lastAccessKey: number; events: AccessEvent[]; named: TripPosition[] }> {
    const bind: Bind = { userId };
    const parts = [
      `SELECT 'k' AS kind, NULL AS trip_id, NULL AS trip_no, MAX(change_seq) AS seq, NULL AS gained FROM trip_access_log WHERE user_id = $userId`,
      `SELECT 'm', m.trip_id, s.trip_no, s.value, NULL FROM trip_members m JOIN sync_trip_sequences s ON s.trip_id = m.trip_id WHERE m.user_id = $userId`,
    ];
    if (eventsAfter !== undefined) {
      bind.eventsAfter = eventsAfter;
      parts.push(
        `SELECT 'e', l.trip_id, s.trip_no, l.change_seq, l.gained FROM trip_access_log l JOIN sync_trip_sequences s ON s.trip_id = l.trip_id
         WHERE l.user_id = $userId AND l.change_seq > $eventsAfter`,
      );
    }
    if (tripNos.length > 0) {
      parts.push(
        `SELECT 'n', trip_id, trip_no, value, NULL FROM sync_trip_sequences WHERE trip_no IN (${bindList(bind, 'no', tripNos)})`,
      );
    }
    const rows = await this.select<{
      kind: string;
      trip_id: string | null;
      trip_no: number | string | null;
      seq: number | string | null;
      gained: number | boolean | null;
    }>(parts.join(' UNION ALL '), bind);
    const trips: TripPosition[] = [];
    const named: TripPosition[] = [];
    const events: AccessEvent[] = [];
    let lastAccessKey = 0;
    for (const r of rows) {
      const position = () => ({ tripId: String(r.trip_id), no: Number(r.trip_no), value: Number(r.seq) });
      if (r.kind === 'k') lastAccessKey = Number(r.seq ?? 0);
      else if (r.kind === 'm') trips.push(position());
      else if (r.kind === 'n') named.push(position());
      else
        events.push({
          tripId: String(r.trip_id),
          no: Number(r.trip_no),
          seq: Number(r.seq),
          gained: Boolean(Number(r.gained)),
        });
    }
    events.sort((a, b) => a.seq - b.seq);
    return { trips, lastAccessKey, events, named };
  }

  /** The current key of each of these trips (for streams checking they missed nothing). */
  async tripValues(tripIds: readonly string[]): Promise<Map<string, number>> {
    if (tripIds.length === 0) return new Map();
    const bind: Bind = {};
    const rows = await this.select<{ trip_id: string; value: number | string }>(
      `SELECT trip_id, value FROM sync_trip_sequences WHERE trip_id IN (${bindList(bind, 't', tripIds)})`,
      bind,
    );
    return new Map(rows.map((r) => [r.trip_id, Number(r.value)]));
  }

  /** Makes the user a member (logged as a gain, so their next pull brings the trip's documents). */
  async add(changes: ChangeSet, tripId: string, userId: string, role: TripRole): Promise<void> {
    const now = sqlTime(this.db.dialect, new Date());
    const keys = changes.access(userId, tripId, true);
    const transaction = changes.transaction;
    await this.run(
      'INSERT INTO trip_members (trip_id, user_id, role, joined_at, updated_at) VALUES ($tripId, $userId, $role, $now, $now)',
      { tripId, userId, role, now },
      transaction,
    );
    await this.log(tripId, userId, keys, true, transaction);
  }

  /** Ends a membership (logged as a loss, so their next pull turns the trip's documents into tombstones). */
  async remove(changes: ChangeSet, tripId: string, userId: string): Promise<void> {
    const keys = changes.access(userId, tripId, false);
    const transaction = changes.transaction;
    await this.run(
      'DELETE FROM trip_members WHERE trip_id = $tripId AND user_id = $userId',
      { tripId, userId },
      transaction,
    );
    await this.log(tripId, userId, keys, false, transaction);
  }

  /** Changes a role; the data a member may read is the same, but their streams RESYNC. */
  async setRole(changes: ChangeSet, tripId: string, userId: string, role: TripRole): Promise<void> {
    await this.run(
      'UPDATE trip_members SET role = $role, updated_at = $now WHERE trip_id = $tripId AND user_id = $userId',
      { tripId, userId, role, now: sqlTime(this.db.dialect, new Date()) },
      changes.transaction,
    );
    // Pushes planned on the old role must notice: the trip's key moves.
    changes.touch(tripId);
    changes.resync.add(userId);
  }

  private async log(
    tripId: string,
    userId: string,
    keys: { seq: number; accessSeq: number },
    gained: boolean,
    transaction: Transaction,
  ) {
    await this.run(
      'INSERT INTO trip_access_log (user_id, change_seq, trip_id, trip_seq, gained) VALUES ($userId, $accessSeq, $tripId, $seq, $gained)',
      { userId, accessSeq: keys.accessSeq, seq: keys.seq, tripId, gained },
      transaction,
    );
  }
}
