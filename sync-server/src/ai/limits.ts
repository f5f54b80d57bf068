import { QueryTypes } from 'sequelize';
import { sqlTime } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/problem.js';
import type { LimitName } from '../http/rate-limit.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Per-user AI limits kept in the database, so every instance counts the same:
 * requests per minute (all AI calls) and model calls per UTC day (cached tips are free).
 */
export class AiLimits {
  constructor(
    private readonly db: Database,
    private readonly perMinute: number,
    private readonly perDay: number,
    /** Reports each refusal (hamgaja_rate_limited_total). */
    private readonly refused: (name: LimitName) => void = () => undefined,
  ) {}

  /** Counts one AI request; 429 rate_limited past the per-minute limit. */
  async request(userId: string, now = Date.now()): Promise<void> {
    const start = now - (now % MINUTE_MS);
    const used = await this.count(
      userId,
      `m:${new Date(start).toISOString().slice(0, 16)}`,
      new Date(start + MINUTE_MS),
      now,
    );
    if (used > this.perMinute) {
      this.refused('ai_request');
      throw new AppError(429, 'rate_limited', 'Too many AI requests; wait a moment', undefined, {
        'Retry-After': String(Math.max(1, Math.ceil((start + MINUTE_MS - now) / 1000))),
      });
    }
  }

  /** Counts one model call; 429 ai_quota_exceeded past the daily quota (resets at 00:00 UTC). */
  async modelCall(userId: string, now = Date.now()): Promise<void> {
    const start = now - (now % DAY_MS);
    const used = await this.count(
      userId,
      `d:${new Date(start).toISOString().slice(0, 10)}`,
      new Date(start + DAY_MS),
      now,
    );
    if (used > this.perDay) {
      this.refused('ai_daily_quota');
      throw new AppError(
        429,
        'ai_quota_exceeded',
        `You have used today's ${this.perDay} AI requests; they renew at 00:00 UTC`,
        undefined,
        {
          'Retry-After': String(Math.max(1, Math.ceil((start + DAY_MS - now) / 1000))),
        },
      );
    }
  }

  /** Adds one to the bucket atomically and returns the new count. */
  private async count(userId: string, bucket: string, expiresAt: Date, now: number): Promise<number> {
    const upsert =
      this.db.dialect === 'mysql'
        ? 'INSERT INTO ai_usage (user_id, bucket, uses, expires_at) VALUES ($userId, $bucket, 1, $expiresAt) ON DUPLICATE KEY UPDATE uses = uses + 1'
        : 'INSERT INTO ai_usage (user_id, bucket, uses, expires_at) VALUES ($userId, $bucket, 1, $expiresAt) ON CONFLICT (user_id, bucket) DO UPDATE SET uses = uses + 1';
    const used = await this.db.write(async (transaction) => {
      await this.db.sequelize.query(upsert, {
        bind: { userId, bucket, expiresAt: sqlTime(this.db.dialect, expiresAt) },
        transaction,
      });
      const [row] = await this.db.sequelize.query<{ uses: number | string }>(
        'SELECT uses FROM ai_usage WHERE user_id = $userId AND bucket = $bucket',
        { type: QueryTypes.SELECT, bind: { userId, bucket }, transaction },
      );
      return Number(row?.uses ?? 1);
    });
    // A new bucket is the moment to forget old ones.
    if (used === 1) {
      await this.db
        .write((transaction) =>
          this.db.sequelize.query('DELETE FROM ai_usage WHERE expires_at < $now', {
            bind: { now: sqlTime(this.db.dialect, new Date(now)) },
            transaction,
          }),
        )
        .catch(() => undefined);
    }
    return used;
  }
}
