import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import type { ChangeSet } from '../sync/changes.js';
import type { TripRole } from '../sync/collections.js';

/** Higher is more powerful: accepting an invite never lowers a role. */
export const roleRank: Record<TripRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** An entry of a user's access log: they gained or lost a trip at this change key. */
export interface AccessEvent {
  tripId: string;
  seq: number;
  gained: boolean;
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

  private select<T extends object>(
    sql: string,
    replacements: Record<string, unknown>,
    transaction?: Transaction,
  ) {
    return this.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      replacements,
      ...(transaction ? { transaction } : {}),
    });
  }

  /** The caller's role on each of these trips (absent = not a member). */
  async rolesOf(userId: string, tripIds: readonly string[], t?: Transaction): Promise<Map<string, TripRole>> {
    if (tripIds.length === 0) return new Map();
    const rows = await this.select<{ trip_id: string; role: TripRole }>(
      'SELECT trip_id, role FROM trip_members WHERE user_id = :userId AND trip_id IN (:tripIds)',
      { userId, tripIds },
      t,
    );
    return new Map(rows.map((r) => [r.trip_id, r.role]));
  }

  /** The caller's role on one trip, or undefined. */
  async roleOf(userId: string, tripId: string, t?: Transaction): Promise<TripRole | undefined> {
    return (await this.rolesOf(userId, [tripId], t)).get(tripId);
  }

  /** Which of these trips exist on the server (have members at all). */
  async existing(tripIds: readonly string[], t?: Transaction): Promise<Set<string>> {
    if (tripIds.length === 0) return new Set();
    const rows = await this.select<{ trip_id: string }>(
      'SELECT DISTINCT trip_id FROM trip_members WHERE trip_id IN (:tripIds)',
      { tripIds },
      t,
    );
    return new Set(rows.map((r) => r.trip_id));
  }

  /** Every trip the user may read. */
  async tripsOf(userId: string): Promise<string[]> {
    const rows = await this.select<{ trip_id: string }>(
      'SELECT trip_id FROM trip_members WHERE user_id = :userId',
      { userId },
    );
    return rows.map((r) => r.trip_id);
  }

  /** The user's gains and losses of trips after a change key, oldest first. */
  async accessEventsAfter(userId: string, afterSeq: number): Promise<AccessEvent[]> {
    const rows = await this.select<{
      trip_id: string;
      change_seq: number | string;
      gained: number | boolean;
    }>(
      'SELECT trip_id, change_seq, gained FROM trip_access_log WHERE user_id = :userId AND change_seq > :afterSeq ORDER BY change_seq',
      { userId, afterSeq },
    );
    return rows.map((r) => ({ tripId: r.trip_id, seq: Number(r.change_seq), gained: Boolean(r.gained) }));
  }

  /**
   * In one consistent read: the trips the user may read, the key of their latest gain or loss
   * of a trip (0 = none) and, when `eventsAfter` is given, their gains and losses after it,
   * oldest first. One statement instead of three keeps stream opens and pulls to one round trip.
   */
  async accessState(
    userId: string,
    eventsAfter?: number,
  ): Promise<{ trips: string[]; lastAccessKey: number; events: AccessEvent[] }> {
    const rows = await this.select<{
      kind: string;
      trip_id: string | null;
      seq: number | string | null;
      gained: number | boolean | null;
    }>(
      `SELECT 'k' AS kind, NULL AS trip_id, MAX(change_seq) AS seq, NULL AS gained FROM trip_access_log WHERE user_id = :userId
       UNION ALL SELECT 'm', trip_id, NULL, NULL FROM trip_members WHERE user_id = :userId
       ${eventsAfter === undefined ? '' : "UNION ALL SELECT 'e', trip_id, change_seq, gained FROM trip_access_log WHERE user_id = :userId AND change_seq > :eventsAfter"}`,
      { userId, eventsAfter: eventsAfter ?? 0 },
    );
    const trips: string[] = [];
    const events: AccessEvent[] = [];
    let lastAccessKey = 0;
    for (const r of rows) {
      if (r.kind === 'k') lastAccessKey = Number(r.seq ?? 0);
      else if (r.kind === 'm') trips.push(String(r.trip_id));
      else events.push({ tripId: String(r.trip_id), seq: Number(r.seq), gained: Boolean(Number(r.gained)) });
    }
    events.sort((a, b) => a.seq - b.seq);
    return { trips, lastAccessKey, events };
  }

  /** The change key of the user's latest gain or loss of a trip (0 = none). */
  async lastAccessKey(userId: string): Promise<number> {
    const rows = await this.select<{ seq: number | string | null }>(
      'SELECT MAX(change_seq) AS seq FROM trip_access_log WHERE user_id = :userId',
      { userId },
    );
    return Number(rows[0]?.seq ?? 0);
  }

  /** Makes the user a member (logged as a gain, so their next pull brings the trip's documents). */
  async add(changes: ChangeSet, tripId: string, userId: string, role: TripRole): Promise<void> {
    const now = new Date();
    const seq = changes.access(userId, tripId, true);
    const transaction = changes.transaction;
    await this.db.sequelize.query(
      'INSERT INTO trip_members (trip_id, user_id, role, joined_at, updated_at) VALUES (:tripId, :userId, :role, :now, :now)',
      { replacements: { tripId, userId, role, now }, transaction },
    );
    await this.log(tripId, userId, seq, true, transaction);
  }

  /** Ends a membership (logged as a loss, so their next pull turns the trip's documents into tombstones). */
  async remove(changes: ChangeSet, tripId: string, userId: string): Promise<void> {
    const seq = changes.access(userId, tripId, false);
    const transaction = changes.transaction;
    await this.db.sequelize.query('DELETE FROM trip_members WHERE trip_id = :tripId AND user_id = :userId', {
      replacements: { tripId, userId },
      transaction,
    });
    await this.log(tripId, userId, seq, false, transaction);
  }

  /** Changes a role; the data a member may read is the same, but their streams RESYNC. */
  async setRole(changes: ChangeSet, tripId: string, userId: string, role: TripRole): Promise<void> {
    await this.db.sequelize.query(
      'UPDATE trip_members SET role = :role, updated_at = :now WHERE trip_id = :tripId AND user_id = :userId',
      { replacements: { tripId, userId, role, now: new Date() }, transaction: changes.transaction },
    );
    changes.resync.add(userId);
  }

  private async log(tripId: string, userId: string, seq: number, gained: boolean, transaction: Transaction) {
    await this.db.sequelize.query(
      'INSERT INTO trip_access_log (user_id, change_seq, trip_id, gained) VALUES (:userId, :seq, :tripId, :gained)',
      { replacements: { userId, seq, tripId, gained }, transaction },
    );
  }
}
