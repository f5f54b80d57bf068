import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import {
  replicatedDocumentSchemas,
  tripToIcs,
  type ExportLanguage,
  type Reservation,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { sqlTime, type Bind } from '../db/bind.js';
import { AppError } from '../http/problem.js';
import { upgradeStoredJson } from '../sync/collections.js';
import { readDate } from './membership.js';
import type { CalendarFeedCreated, CalendarFeedStatus } from './schemas.js';

/** A feed token: 32 random bytes, base64url (43 characters). */
export const CALENDAR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type FeedRow = {
  trip_id: string;
  token_hash: string;
  created_by: string;
  created_at: unknown;
  rotated_at: unknown;
};

type DocumentRow = { collection: string; deleted: number | boolean; data: string; updated_at: unknown };

export const calendarFeedNotFound = () =>
  new AppError(404, 'calendar_feed_not_found', 'This calendar feed does not exist or was revoked');

/** The hash a token is kept and looked up by (the token itself is never stored). */
export const calendarTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The feed as rendered: the ICS text, its strong ETag (a hash of the text) and the trip's latest change. */
export interface RenderedFeed {
  ics: string;
  etag: string;
  lastModified: Date;
}

/**
 * A trip's live calendar feed: a private URL calendar apps subscribe to, answering the trip's
 * current stops as ICS. It works only while the person who made it owns the trip and the trip
 * is live, so a handover or an account deletion ends it without a separate clean-up.
 */
export class CalendarFeeds {
  constructor(private readonly ctx: ServerContext) {}

  // Values are bound ($name), never written into the SQL; times as the text DATE(3) columns hold.
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

  /** The feed URLs of a token under PUBLIC_URL: https (or http) and the webcal:// form of the same. */
  urls(token: string): { url: string; webcalUrl: string } {
    const url = `${this.ctx.config.publicUrl}/api/calendar/${token}.ics`;
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  /** The trip's feed as the owner sees it: whether one works now, and since when (never the URL). */
  async status(tripId: string, ownerId: string): Promise<CalendarFeedStatus> {
    const [row] = await this.select<FeedRow>(
      'SELECT * FROM trip_calendar_feeds WHERE trip_id = $tripId AND created_by = $ownerId',
      { tripId, ownerId },
    );
    if (!row) return { active: false, createdAt: null, rotatedAt: null };
    return {
      active: true,
      createdAt: readDate(row.created_at).toISOString(),
      rotatedAt: row.rotated_at === null ? null : readDate(row.rotated_at).toISOString(),
    };
  }

  /** Creates the trip's feed, or gives it a new token (the old URL stops working at once). */
  async createOrRotate(tripId: string, ownerId: string): Promise<CalendarFeedCreated> {
    if (!(await this.liveTrip(tripId))) throw new AppError(404, 'not_found', 'Trip not found');
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const hash = calendarTokenHash(token);
    const at = sqlTime(this.ctx.db.dialect, now);
    const row = await this.ctx.db.write(async (t) => {
      const [old] = await this.select<FeedRow>(
        'SELECT * FROM trip_calendar_feeds WHERE trip_id = $tripId',
        { tripId },
        t,
      );
      // One made by an earlier owner never worked for this one: it is replaced as if new.
      if (old && old.created_by === ownerId) {
        await this.run(
          'UPDATE trip_calendar_feeds SET token_hash = $hash, rotated_at = $at WHERE trip_id = $tripId',
          { hash, at, tripId },
          t,
        );
        return { createdAt: readDate(old.created_at), rotatedAt: now };
      }
      if (old) await this.run('DELETE FROM trip_calendar_feeds WHERE trip_id = $tripId', { tripId }, t);
      await this.run(
        `INSERT INTO trip_calendar_feeds (trip_id, token_hash, created_by, created_at, rotated_at)
         VALUES ($tripId, $hash, $ownerId, $at, NULL)`,
        { tripId, hash, ownerId, at },
        t,
      );
      return { createdAt: now, rotatedAt: null };
    });
    return {
      active: true,
      token,
      ...this.urls(token),
      createdAt: row.createdAt.toISOString(),
      rotatedAt: row.rotatedAt?.toISOString() ?? null,
    };
  }

  /** Revokes the trip's feed: its URL answers 404 from now on. */
  async revoke(tripId: string): Promise<void> {
    const removed = await this.ctx.db.write(async (t) => {
      const rows = await this.select<FeedRow>(
        'SELECT trip_id FROM trip_calendar_feeds WHERE trip_id = $tripId',
        { tripId },
        t,
      );
      if (rows.length === 0) return false;
      await this.run('DELETE FROM trip_calendar_feeds WHERE trip_id = $tripId', { tripId }, t);
      return true;
    });
    if (!removed) throw calendarFeedNotFound();
  }

  /**
   * The ICS of the trip a token opens, from the trip's current live stops. Every event's DTSTAMP
   * is the trip's latest change (its document or any stop's, deletions included), not the time of
   * the request: an unchanged trip gives the same bytes, hence the same ETag.
   */
  async render(token: string, language: ExportLanguage): Promise<RenderedFeed> {
    const [feed] = await this.select<{ trip_id: string }>(
      `SELECT f.trip_id FROM trip_calendar_feeds f
       JOIN trip_members m ON m.trip_id = f.trip_id AND m.user_id = f.created_by AND m.role = 'owner'
       WHERE f.token_hash = $hash`,
      { hash: calendarTokenHash(token) },
    );
    if (!feed) throw calendarFeedNotFound();
    // One statement: the trip, its stops and reservations as of one moment.
    const rows = await this.select<DocumentRow>(
      `SELECT collection, deleted, data, updated_at FROM sync_documents
       WHERE trip_id = $tripId AND collection IN ('trips', 'stops', 'reservations') ORDER BY collection, id`,
      { tripId: feed.trip_id },
    );
    let trip: Trip | undefined;
    const stops: Stop[] = [];
    const reservations: Reservation[] = [];
    let latest = 0;
    for (const row of rows) {
      latest = Math.max(latest, readDate(row.updated_at).getTime());
      if (row.deleted) continue;
      const json: unknown = JSON.parse(upgradeStoredJson(row.collection, row.data));
      if (row.collection === 'trips') {
        const parsed = replicatedDocumentSchemas.trips.safeParse(json);
        if (parsed.success) trip = withoutDeletedFlag(parsed.data);
      } else if (row.collection === 'reservations') {
        const parsed = replicatedDocumentSchemas.reservations.safeParse(json);
        if (parsed.success) reservations.push(withoutDeletedFlag(parsed.data));
      } else {
        const parsed = replicatedDocumentSchemas.stops.safeParse(json);
        if (parsed.success) stops.push(withoutDeletedFlag(parsed.data));
      }
    }
    // A deleted (or never synced) trip has no feed to show.
    if (!trip) throw calendarFeedNotFound();
    const lastModified = new Date(latest);
    const ics = tripToIcs({ trip, stops, reservations }, { language, now: lastModified });
    const etag = `"${createHash('sha256').update(ics).digest('base64url')}"`;
    return { ics, etag, lastModified };
  }

  private async liveTrip(tripId: string): Promise<boolean> {
    const rows = await this.select<{ deleted: number | boolean }>(
      "SELECT deleted FROM sync_documents WHERE collection = 'trips' AND id = $tripId",
      { tripId },
    );
    return rows.length > 0 && !rows[0]!.deleted;
  }
}

function withoutDeletedFlag<T extends { _deleted: boolean }>(doc: T): Omit<T, '_deleted'> {
  const { _deleted, ...rest } = doc;
  void _deleted;
  return rest;
}
