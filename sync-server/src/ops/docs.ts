import { Router, static as serveStatic } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openApiDocument } from '../http/openapi.js';

const require = createRequire(import.meta.url);

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hamgaja API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });`;

/** /api/docs: Swagger UI (served from swagger-ui-dist, no CDN) and the OpenAPI document. */
export function createDocsRouter(): Router {
  const router = Router();
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  let document: unknown;
  router.get('/docs/openapi.json', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  router.use('/docs/assets', serveStatic(assets, { maxAge: '1d' }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
