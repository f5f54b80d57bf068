import { Router } from 'express';
import { DATA_EXPORT_DOCUMENT, dataExportFileName } from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { caller, requireAuth } from '../auth/guard.js';
import { ImageFiles } from '../board/image-files.js';
import { AppError } from '../http/problem.js';
import { describeRoute } from '../http/openapi.js';
import { collectUserData, prepareArchive } from './archive.js';

/** Exports per user per hour: each one reads every table and image of the account. */
export const EXPORTS_PER_HOUR = 10;

/** GET /me/export: "Download my data", one zip of everything the server holds about the caller. */
export function createDataExportRouter(ctx: ServerContext): Router {
  const router = Router();
  const files = new ImageFiles(ctx.config.uploadDir);
  const limit = ctx.rateLimits.perUser(
    { name: 'data_export', limit: EXPORTS_PER_HOUR, windowMs: 3_600_000, what: 'data export' },
    (req) => caller(req).userId,
  );

  router.get('/me/export', requireAuth(ctx.config), limit, async (req, res) => {
    const exportedAt = new Date();
    const data = await collectUserData(ctx.db, files, caller(req).userId, exportedAt);
    if (!data) throw new AppError(401, 'unauthenticated', 'This account no longer exists');
    const archive = await prepareArchive(data, exportedAt);
    res.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${dataExportFileName(exportedAt)}"`,
      'Content-Length': String(archive.size),
      'Cache-Control': 'no-store',
    });
    try {
      await archive.write(res);
    } catch (err) {
      // Headers are gone: a cut connection (shorter than Content-Length) is how the client learns.
      req.log?.error({ err }, 'data export stopped');
      res.destroy();
    }
  });

  return router;
}

describeRoute({
  method: 'get',
  path: '/me/export',
  tag: 'Accounts',
  summary: 'Download my data (a zip)',
  description: [
    `A zip (\`application/zip\`, with Content-Length) holding \`${DATA_EXPORT_DOCUMENT}\` and my board images`,
    'as `images/<imageKey>.webp`. The JSON (`format: "hamgaja-data"`, `version: 1`; the `dataExportSchema`',
    'of @hamgaja/shared) has my account (`user`) and one section per table of everything the server holds',
    'about me: sessions, password-reset requests, every trip I am a member of with all its synced documents',
    '(tombstones included), memberships, trip access log, invites I made, board posts, comments, images and',
    'views, AI usage, an account deletion under way. `sources` says which table and rows each section holds;',
    '`withheld` lists the columns left out (password hash, token hashes, invite codes) and why.',
    '',
    `At most ${EXPORTS_PER_HOUR} exports per user per hour (429 \`rate_limited\` with Retry-After).`,
  ].join('\n'),
  auth: true,
  ok: { status: 200, description: 'application/zip' },
  errors: [429],
});
