import { createHash } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { Counter } from 'prom-client';
import type { RatesResponse } from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { sqlTime } from '../db/bind.js';
import { FeedError, parseEcbFeed, type FeedRates } from './ecb-feed.js';

/** The last good rates as stored, with when the server got them. */
type StoredRates = FeedRates & { fetchedAt: Date };

/** After a failed refresh, the next try waits this long (the feed changes once a day). */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;
/** How often the background timer looks whether the rates are due. */
const CHECK_EVERY_MS = 60 * 60_000;
/** A feed bigger than this is not a reference-rates document (ECB's 90-day history: ~60 KB). */
const MAX_FEED_BYTES = 2 * 1024 * 1024;

export type RefreshResult = 'updated' | 'failed' | 'off';

const instances = new WeakMap<ServerContext, ExchangeRates>();

/** The rates service of a server (one per server, shared by its routes and its lifecycle). */
export function exchangeRatesOf(ctx: ServerContext): ExchangeRates {
  let rates = instances.get(ctx);
  if (!rates) {
    rates = new ExchangeRates(ctx);
    instances.set(ctx, rates);
  }
  return rates;
}

/**
 * Exchange rates from the daily feed (RATES_URL), kept in the `exchange_rates` table and cached
 * in memory. Refreshed once a day by a timer and, when due, on request. A feed that fails or
 * answers garbage changes nothing: the last good rates stay (and the failure is logged).
 */
export class ExchangeRates {
  private cached: StoredRates | null | undefined;
  private refreshing: Promise<RefreshResult> | null = null;
  private checking: Promise<unknown> = Promise.resolve();
  private lastFailureAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly refreshes: Counter<'result'>;

  constructor(private readonly ctx: ServerContext) {
    this.refreshes = new Counter({
      name: 'hamgaja_rates_refreshes_total',
      help: 'Refreshes of the exchange rates from RATES_URL by result: updated, failed',
      labelNames: ['result'] as const,
      registers: [ctx.metrics],
    });
  }

  private get config() {
    return this.ctx.config.rates;
  }

  /** Starts the daily refresh (first check right away); the timer never keeps the process alive. */
  start(): void {
    if (!this.config.url || this.timer) return;
    const check = () => {
      this.checking = this.refreshIfDue().catch((err: unknown) =>
        this.ctx.logger.error({ err }, 'rates check failed'),
      );
    };
    this.timer = setInterval(check, CHECK_EVERY_MS);
    this.timer.unref();
    check();
  }

  /** Stops the timer and waits for a check or refresh under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Resolves once no check or refresh is under way. */
  async idle(): Promise<void> {
    await this.checking;
    await this.refreshing?.catch(() => undefined);
  }

  /** The rates to answer GET /rates with (refreshing first when there are none yet). */
  async current(now = new Date()): Promise<RatesResponse> {
    await this.load();
    if (this.due(now)) {
      const refresh = this.refreshIfDue(now).catch(() => 'failed' as const);
      // With rates in hand, answer at once and refresh behind; with none, wait for the feed.
      if (this.cached) this.checking = refresh;
      else await refresh;
    }
    return this.answer(now);
  }

  /** The answer and its ETag (a hash of the answer: rates, date, state). */
  static etagOf(answer: RatesResponse): string {
    return `"${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 27)}"`;
  }

  private answer(now: Date): RatesResponse {
    const rates = this.cached;
    if (!rates) {
      return { base: 'EUR', date: null, fetchedAt: null, source: null, state: 'none', rates: {} };
    }
    return {
      base: rates.base,
      date: rates.date,
      fetchedAt: rates.fetchedAt.toISOString(),
      source: 'ECB',
      state: this.isFresh(rates, now) ? 'current' : 'stale',
      rates: rates.rates,
    };
  }

  private isFresh(rates: StoredRates, now: Date): boolean {
    return now.getTime() - rates.fetchedAt.getTime() < this.config.refreshHours * 3_600_000;
  }

  /** A feed is configured, the rates are missing or old, and the last failure is not too recent. */
  private due(now: Date): boolean {
    if (!this.config.url) return false;
    if (this.cached && this.isFresh(this.cached, now)) return false;
    return now.getTime() - this.lastFailureAt >= RETRY_AFTER_FAILURE_MS;
  }

  private async refreshIfDue(now = new Date()): Promise<RefreshResult> {
    // Another instance may have refreshed the shared table meanwhile.
    await this.load(true);
    return this.due(now) ? this.refresh() : 'off';
  }

  /**
   * Fetches the feed now and stores its rates; one refresh at a time. On any failure the stored
   * rates stay as they were.
   */
  refresh(): Promise<RefreshResult> {
    this.refreshing ??= this.fetchAndStore().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async fetchAndStore(): Promise<RefreshResult> {
    const url = this.config.url;
    if (!url) return 'off';
    let rates: FeedRates;
    try {
      rates = await parseEcbFeed(await this.download(url));
    } catch (err) {
      this.lastFailureAt = Date.now();
      this.refreshes.inc({ result: 'failed' });
      const reason = err instanceof FeedError ? err.message : String((err as Error).message ?? err);
      this.ctx.logger.warn(
        { reason, keptDate: this.cached?.date ?? null },
        'exchange rates feed failed; keeping the last good rates',
      );
      return 'failed';
    }
    const stored: StoredRates = { ...rates, fetchedAt: new Date() };
    await this.store(stored);
    this.cached = stored;
    this.lastFailureAt = 0;
    this.refreshes.inc({ result: 'updated' });
    this.ctx.logger.info(
      { date: rates.date, count: Object.keys(rates.rates).length },
      'exchange rates updated',
    );
    return 'updated';
  }

  private async download(url: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(url, {
        signal: AbortSignal.timeout(this.config.timeoutMs),
        headers: { accept: 'application/xml, text/xml', 'user-agent': 'Hamgaja sync server' },
      });
    } catch (err) {
      throw new FeedError(
        `unreachable (${(err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message})`,
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FeedError(`HTTP ${res.status}`);
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_FEED_BYTES) {
      await res.body?.cancel();
      throw new FeedError(`too large (${declared} bytes)`);
    }
    const text = await res.text();
    if (text.length > MAX_FEED_BYTES) throw new FeedError(`too large (${text.length} characters)`);
    return text;
  }

  /** Replaces the stored rates of the base in one transaction. */
  private async store(rates: StoredRates): Promise<void> {
    const { db } = this.ctx;
    await db.write(async (transaction) => {
      await db.sequelize.query('DELETE FROM exchange_rates WHERE base = $base', {
        bind: { base: rates.base },
        transaction,
      });
      for (const [quote, rate] of Object.entries(rates.rates)) {
        await db.sequelize.query(
          'INSERT INTO exchange_rates (base, quote, rate, rate_date, fetched_at) VALUES ($base, $quote, $rate, $date, $fetchedAt)',
          {
            bind: {
              base: rates.base,
              quote,
              rate,
              date: rates.date,
              fetchedAt: sqlTime(db.dialect, rates.fetchedAt),
            },
            transaction,
          },
        );
      }
    });
  }

  /** Reads the stored rates once (or again with `fresh`, to see another instance's refresh). */
  private async load(fresh = false): Promise<void> {
    if (this.cached !== undefined && !fresh) return;
    const rows = await this.ctx.db.sequelize.query<{
      base: string;
      quote: string;
      rate: string;
      rate_date: string;
      fetched_at: string | Date;
    }>("SELECT base, quote, rate, rate_date, fetched_at FROM exchange_rates WHERE base = 'EUR'", {
      type: QueryTypes.SELECT,
    });
    const first = rows[0];
    if (!first) {
      this.cached ??= null;
      return;
    }
    const fetchedAt = new Date(first.fetched_at);
    if (this.cached && this.cached.fetchedAt.getTime() >= fetchedAt.getTime()) return;
    this.cached = {
      base: first.base,
      date: first.rate_date,
      rates: Object.fromEntries(rows.map((row) => [row.quote, row.rate])),
      fetchedAt,
    };
  }
}
