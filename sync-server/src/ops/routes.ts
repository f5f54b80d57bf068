import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { AppError } from '../http/problem.js';
import { describeRoute } from '../http/openapi.js';
import { bearerToken } from '../auth/guard.js';

/** Records request latency by method, route pattern and status (never the raw URL). */
export function createHttpMetrics(ctx: ServerContext): RequestHandler {
  const histogram = new Histogram({
    name: 'hamgaja_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [ctx.metrics],
  });
  return (req, res, next) => {
    const end = histogram.startTimer();
    res.on('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

function registerProcessAndPoolMetrics(ctx: ServerContext) {
  collectDefaultMetrics({ register: ctx.metrics, prefix: 'hamgaja_' });
  type Pool = { size: number; available: number; using: number; waiting: number };
  const pool = () =>
    (ctx.db.sequelize.connectionManager as unknown as { pool?: Partial<Pool> & { write?: Partial<Pool> } })
      .pool;
  const gauge = (name: string, help: string, key: keyof Pool) =>
    new Gauge({
      name,
      help,
      registers: [ctx.metrics],
      collect() {
        const p = pool();
        const value = p?.[key] ?? p?.write?.[key];
        if (typeof value === 'number') this.set(value);
      },
    });
  gauge('hamgaja_db_pool_size', 'Database connections open', 'size');
  gauge('hamgaja_db_pool_in_use', 'Database connections in use', 'using');
  gauge('hamgaja_db_pool_idle', 'Database connections idle', 'available');
  gauge('hamgaja_db_pool_waiting', 'Requests waiting for a database connection', 'waiting');
}

/** Metrics are for the scraper: with METRICS_TOKEN set, it must present it as a bearer token. */
function metricsAccess(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!token) return next();
    const presented = Buffer.from(bearerToken(req.headers.authorization) ?? '');
    const expected = Buffer.from(token);
    if (presented.length === expected.length && timingSafeEqual(presented, expected)) return next();
    next(new AppError(401, 'unauthenticated', 'Metrics need the scrape token'));
  };
}

/** /healthz (alive), /readyz (database reachable), /metrics (Prometheus). */
export function createOpsRouter(ctx: ServerContext): Router {
  registerProcessAndPoolMetrics(ctx);
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await ctx.db.sequelize.query('SELECT 1');
      res.set('Cache-Control', 'no-store').json({ status: 'ready', database: ctx.db.dialect });
    } catch (err) {
      ctx.logger.warn({ err }, 'readiness check failed');
      throw new AppError(503, 'not_ready', 'The database is not reachable');
    }
  });
  router.get('/metrics', metricsAccess(ctx.config.metricsToken), async (_req, res) => {
    res.set('Content-Type', ctx.metrics.contentType).send(await ctx.metrics.metrics());
  });
  return router;
}

const tag = 'Operations';
describeRoute({
  method: 'get',
  path: '/healthz',
  tag,
  summary: 'Liveness',
  ok: { status: 200, schema: z.object({ status: z.literal('ok') }) },
});
describeRoute({
  method: 'get',
  path: '/readyz',
  tag,
  summary: 'Readiness: the database answers',
  ok: { status: 200, schema: z.object({ status: z.literal('ready'), database: z.string() }) },
  errors: [503],
});
describeRoute({
  method: 'get',
  path: '/metrics',
  tag,
  summary: 'Prometheus metrics (not exposed publicly by Nginx)',
  ok: { status: 200, description: 'Prometheus text format' },
});
