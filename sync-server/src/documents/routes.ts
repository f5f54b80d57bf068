import { Router, type Request, type RequestHandler } from 'express';
import {
  DOCUMENT_MAX_BYTES,
  documentFileSchema,
  documentUsageSchema,
  sha256HexSchema,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { caller, requireAuth } from '../auth/guard.js';
import { forbidden, notFound, type AppError } from '../http/problem.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { describeRoute } from '../http/openapi.js';
import { Membership } from '../trips/membership.js';
import { requireTripMember, tripIdParam, tripRole } from '../trips/guards.js';
import { documentFilesOf, fileTooLarge } from './files.js';

const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** The hash of the URL; anything malformed is simply not found. */
function shaParam(req: Request): string {
  const parsed = sha256HexSchema.safeParse(req.params.sha256);
  if (!parsed.success) throw notFound('File');
  return parsed.data;
}

/** The Content-Length the client declared, if any. */
function declaredLength(req: Request): number | undefined {
  const raw = req.headers['content-length'];
  return raw === undefined ? undefined : Number(raw);
}

/** requireTripEditor: after requireTripMember, the caller may add files (viewers get 403). */
const requireTripEditor: RequestHandler = (req, _res, next) => {
  if (tripRole(req) === 'viewer') throw forbidden('Viewers cannot add documents to this trip');
  next();
};

/**
 * Travel-document files: upload (raw body, content-addressed by SHA-256) and download with
 * ranges, authorized on every request by membership of the trip (strangers and removed
 * members get 404, as for a file that does not exist).
 */
export function createDocumentsRouter(ctx: ServerContext): Router {
  const router = Router();
  const files = documentFilesOf(ctx);
  const membership = new Membership(ctx.db);
  const signedIn = requireAuth(ctx.config);
  const member = requireTripMember(membership);
  const path = '/trips/:id/files/:sha256';

  router.put(path, signedIn, member, requireTripEditor, async (req, res) => {
    const tripId = tripIdParam(req);
    const sha256 = shaParam(req);
    const { userId } = caller(req);
    const length = declaredLength(req);
    // Refusals before the body is read: the client stops sending (the connection is closed).
    const refuseEarly = (error: AppError) => {
      res.set('Connection', 'close');
      throw error;
    };
    if (length !== undefined && length > DOCUMENT_MAX_BYTES) refuseEarly(fileTooLarge());
    const held = await files.held(tripId, sha256);
    if (held && (await files.onDisk(sha256))) {
      res.set('Connection', 'close').status(200).json(held);
      return;
    }
    if (!held && length !== undefined) {
      await files.checkRoom(userId, length).catch((error: AppError) => refuseEarly(error));
    }
    const { created, file } = await files.upload(req, tripId, sha256, userId);
    res
      .status(created ? 201 : 200)
      .location(`/api/trips/${tripId}/files/${sha256}`)
      .json(file);
  });

  // GET and HEAD (Express answers HEAD with the GET route, without the body).
  router.get(path, signedIn, member, async (req, res, next) => {
    const tripId = tripIdParam(req);
    const sha256 = shaParam(req);
    const held = await files.held(tripId, sha256);
    if (!held) throw notFound('File');
    sendStoredFile(
      res,
      next,
      files.relativePathOf(sha256),
      {
        root: files.dir,
        dotfiles: 'deny',
        // The hash names the bytes, so they never change; access is checked on every request.
        cacheControl: false,
        headers: {
          'Content-Type': held.mimeType,
          'Content-Disposition': `attachment; filename="${sha256.slice(0, 16)}.${extensions[held.mimeType]}"`,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-cache',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      },
      'File',
    );
  });

  router.get('/me/document-usage', signedIn, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await files.usage(caller(req).userId));
  });

  return router;
}

const tag = 'Documents';
describeRoute({
  method: 'put',
  path: '/trips/{id}/files/{sha256}',
  tag,
  summary:
    'Upload a travel document (raw body, ≤ 20 MB; PDF, JPEG, PNG or WebP by content; the URL names its SHA-256)',
  description:
    'Idempotent: 201 when stored, 200 when the trip already holds it. Refusals: 403 viewer, 404 not a member, ' +
    '413 file_too_large / quota_exceeded, 415 unsupported_type / polyglot_file, 422 hash_mismatch.',
  auth: true,
  ok: { status: 201, schema: documentFileSchema },
  errors: [403, 404, 413, 415, 422],
});
describeRoute({
  method: 'get',
  path: '/trips/{id}/files/{sha256}',
  tag,
  summary: 'Download a travel document (Range supported; HEAD to ask whether it is uploaded yet)',
  auth: true,
  ok: { status: 200, description: 'The file, with its Content-Type' },
  errors: [404, 416],
});
describeRoute({
  method: 'get',
  path: '/me/document-usage',
  tag,
  summary: 'Storage your uploaded documents take, and your limit (DOCUMENT_QUOTA_MB)',
  auth: true,
  ok: { status: 200, schema: documentUsageSchema },
});
