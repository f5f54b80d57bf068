import type { Logger } from 'pino';
import { Op } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../config.js';
import { redisPubSub, type PubSub } from '../redis/pubsub.js';
import type { Database } from '../db/database.js';
import { defineAuthModels } from './models.js';
import { invalidToken, type AccessClaims } from './tokens.js';

/**
 * A session is a refresh-token family: it is open while one of its refresh tokens is neither
 * revoked nor expired. Every access token names its session (`sid`), and every authenticated
 * request checks it here, so logout, a password change, "end my other sessions", a reused
 * refresh token and account deletion end access at once, not when the access token expires.
 */

/** How long a session found open is trusted before the database is asked again. */
export const SESSION_CACHE_MS = 3_000;
/** How long an ended session is remembered (it never reopens; this only spares the database). */
const ENDED_CACHE_MS = 60_000;
/** Most sessions remembered per instance; the oldest entries go first. */
const MAX_CACHED_SESSIONS = 50_000;

/** Sessions of one user that have just ended, as announced to every instance. */
export type EndedSessions = { userId: string; sessionIds: string[] };
export type SessionRef = { userId: string; sessionId: string };

const endedSchema = z.object({ userId: z.string().min(1), sessionIds: z.array(z.string().min(1)) });

/** Carries ended-session announcements to the other instances. */
export type SessionTransport = PubSub<EndedSessions>;

/** The Redis channel of ended sessions, next to the sync channel (REDIS_CHANNEL). */
export const sessionChannel = (syncChannel: string) => `${syncChannel}:sessions-ended`;

/** Redis pub/sub of ended sessions (redis/pubsub.ts, as the change bus uses it). */
export function redisSessionTransport(url: string, channel: string, logger: Logger): SessionTransport {
  return redisPubSub<EndedSessions>({
    url,
    channel,
    name: 'sessions',
    logger,
    parse: (value) => endedSchema.parse(value),
    lostMessage: 'could not announce ended sessions; other instances notice within seconds',
  });
}

type Entry = { until: number; open: Promise<boolean> | false };

/**
 * Which sessions are open, cached for a few seconds per instance. Ending sessions is announced
 * (through Redis when REDIS_URL is set) so every instance forgets them at once and closes their
 * live streams; the cache's short life bounds the damage of a lost announcement.
 */
export class Sessions {
  private readonly cache = new Map<string, Entry>();
  private readonly listeners: ((ended: EndedSessions) => void)[] = [];

  constructor(
    private readonly lookup: (userId: string, sessionId: string) => Promise<boolean>,
    private readonly transport: SessionTransport | undefined,
    private readonly logger: Logger,
    /** The sessions holding resources (live streams) to recheck after a lost announcement. */
    private readonly held: () => Iterable<SessionRef> = () => [],
  ) {}

  async start(): Promise<void> {
    await this.transport?.start(
      (ended) => this.forget(ended),
      () => void this.recheck(),
    );
  }

  /** Called with the sessions that ended, on every instance. */
  onEnded(listener: (ended: EndedSessions) => void): void {
    this.listeners.push(listener);
  }

  /** Throws 401 `invalid_token` unless the session the access token names is open. */
  async assertOpen(claims: AccessClaims): Promise<void> {
    if (!(await this.isOpen(claims.userId, claims.sessionId))) {
      throw invalidToken('This session has ended; log in again');
    }
  }

  async isOpen(userId: string, sessionId: string): Promise<boolean> {
    const key = keyOf(userId, sessionId);
    let entry = this.cache.get(key);
    if (!entry || entry.until <= Date.now()) {
      const open = this.lookup(userId, sessionId);
      const fresh: Entry = { until: Date.now() + SESSION_CACHE_MS, open };
      entry = fresh;
      this.remember(key, fresh);
      open.then(
        (isOpen) => {
          if (!isOpen && this.cache.get(key) === fresh) this.remember(key, ended());
        },
        () => {
          if (this.cache.get(key) === fresh) this.cache.delete(key);
        },
      );
    }
    if (entry.open === false) return false;
    const open = await entry.open;
    // The answer may predate an announcement that arrived while the database was asked.
    return open && this.cache.get(key)?.open !== false;
  }

  /** Announces sessions ended by a committed transaction: this instance at once, the others through Redis. */
  end(userId: string, sessionIds: readonly string[]): void {
    const unique = [...new Set(sessionIds)];
    if (unique.length === 0) return;
    const announcement = { userId, sessionIds: unique };
    this.forget(announcement);
    this.transport?.publish(announcement);
  }

  async close(): Promise<void> {
    await this.transport?.close();
  }

  private forget(announcement: EndedSessions): void {
    for (const sessionId of announcement.sessionIds) {
      this.remember(keyOf(announcement.userId, sessionId), ended());
    }
    for (const listener of this.listeners) {
      try {
        listener(announcement);
      } catch (err) {
        this.logger.error({ err }, 'ended-session listener failed');
      }
    }
  }

  /** After a Redis reconnect: forget what we believed open, and recheck the sessions holding streams. */
  private async recheck(): Promise<void> {
    for (const [key, entry] of this.cache) if (entry.open !== false) this.cache.delete(key);
    const seen = new Set<string>();
    for (const { userId, sessionId } of [...this.held()]) {
      const key = keyOf(userId, sessionId);
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        if (!(await this.isOpen(userId, sessionId))) this.forget({ userId, sessionIds: [sessionId] });
      } catch (err) {
        this.logger.warn({ err }, 'could not recheck a session after a Redis reconnect');
      }
    }
  }

  private remember(key: string, entry: Entry): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > MAX_CACHED_SESSIONS) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}

const ended = (): Entry => ({ until: Date.now() + ENDED_CACHE_MS, open: false });
const keyOf = (userId: string, sessionId: string) => `${userId}\u0000${sessionId}`;

/** The sessions of a server: looked up in refresh_tokens, announced through Redis when REDIS_URL is set. */
export function createSessions(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  held?: () => Iterable<SessionRef>;
}): Sessions {
  const { config, db, logger } = deps;
  const { RefreshToken } = defineAuthModels(db.sequelize);
  const lookup = async (userId: string, sessionId: string) =>
    (await RefreshToken.findOne({
      attributes: ['id'],
      where: { familyId: sessionId, userId, revokedAt: null, expiresAt: { [Op.gt]: new Date() } },
    })) !== null;
  const transport = config.redisUrl
    ? redisSessionTransport(config.redisUrl, sessionChannel(config.sync.redisChannel), logger)
    : undefined;
  return new Sessions(lookup, transport, logger, deps.held);
}
