import express, { type Express } from 'express';
import cors from 'cors';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServerContext } from './context.js';
import { AppError, notFoundHandler, problemHandler } from './http/problem.js';
import { requestLogger } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { createOpsRouter, createHttpMetrics } from './ops/routes.js';
import { createDocsRouter } from './ops/docs.js';
import { createAuthFeature } from './auth/routes.js';
import { createDataExportRouter } from './data-export/routes.js';
import { createSyncRouter } from './sync/routes.js';
import { createTripsRouter } from './trips/routes.js';
import { createCatalogRouter } from './catalog/routes.js';
import { createBoardRouter } from './board/routes.js';
import { createAiRouter } from './ai/routes.js';
import { createRoutingRouter } from './routing/routes.js';
import { createRatesRouter } from './rates/routes.js';
import { createDocumentsRouter } from './documents/routes.js';

/** Builds the Express app: security middleware, every feature under /api, then the SPA. */
export function createApp(ctx: ServerContext): Express {
  const app = express();
  app.locals.sessions = ctx.sessions;
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestLogger(ctx.logger));
  app.use(createHttpMetrics(ctx));
  app.use(securityHeaders());

  const api = express.Router();
  api.use(
    cors({
      // The desktop app's pages (app://hamgaja) may use any server; tokens are bearer, never cookies.
      origin: (origin, cb) =>
        cb(null, !origin || origin === 'app://hamgaja' || ctx.config.corsOrigins.includes(origin)),
      exposedHeaders: [
        'X-Request-Id',
        'Retry-After',
        'ETag',
        'Content-Range',
        'Content-Disposition',
        'X-Attraction-Count',
        // Joined once: cors would join an array again for every response.
      ].join(','),
      maxAge: 600,
    }),
  );
  // Before the 1 MB parser: push bodies get their own 8 MB limit, parsed after authentication.
  api.use(createSyncRouter(ctx));
  // Before the JSON parser too: document uploads are raw bodies, streamed to disk.
  api.use(createDocumentsRouter(ctx));
  api.use(express.json({ limit: '1mb', strict: true }));
  api.use(createOpsRouter(ctx));
  api.use(createDocsRouter());
  api.use(createAuthFeature(ctx));
  api.use(createDataExportRouter(ctx));
  api.use(createTripsRouter(ctx));
  api.use(createCatalogRouter(ctx));
  api.use(createBoardRouter(ctx));
  api.use(createAiRouter(ctx));
  api.use(createRoutingRouter(ctx));
  api.use(createRatesRouter(ctx));
  api.use(notFoundHandler);
  api.use(problemHandler);
  app.use('/api', api);

  const webDir = ctx.config.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    app.use(
      express.static(webDir, {
        index: false,
        // Only content-hashed assets may be cached forever; the shell, service worker and manifest must revalidate.
        setHeaders: (res, filePath) => {
          const hashed = filePath.startsWith(path.join(webDir, 'assets') + path.sep);
          res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
    // Client-side routes fall back to the SPA shell, which is never cached.
    app.get(/.*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(webDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Hamgaja sync server is running. API: /api, docs: /api/docs\n');
    });
  }
  app.use((req, _res, next) =>
    next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`)),
  );
  app.use(problemHandler);
  return app;
}
