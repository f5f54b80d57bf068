import { createHash } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import {
  UPLOAD_MAX_BYTES,
  commentListQuerySchema,
  commentPageSchema,
  commentSchema,
  copyTripResponseSchema,
  createCommentRequestSchema,
  createPostRequestSchema,
  imageKeySchema,
  postListQuerySchema,
  postPageSchema,
  postSchema,
  updatePostRequestSchema,
  uploadSchema,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { bearerToken, caller, requireAuth } from '../auth/guard.js';
import { AppError, notFound } from '../http/problem.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { parseBody, parseQuery } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import { userViewerKey } from './account-deletion.js';
import { ImageFiles, type ImageSize } from './image-files.js';
import { Board } from './posts.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A post or comment id from the URL; anything malformed is simply unknown. */
function idParam(req: Request, what: string): string {
  const id = String(req.params.id);
  if (!uuid.test(id)) throw notFound(what);
  return id;
}

/** optionalAuth: checks the access token like requireAuth when one is sent (an invalid one or an ended session is refused); sets req.auth. */
function optionalAuth(ctx: ServerContext): RequestHandler {
  const authed = requireAuth(ctx.config);
  return (req, res, next) => (bearerToken(req.headers.authorization) ? authed(req, res, next) : next());
}

/** Who is viewing, for view counting: the user, or else the client id (or address and agent). */
function viewerKey(req: Request): string {
  if (req.auth) return userViewerKey(req.auth.userId);
  const clientId = req.get('x-client-id');
  const source =
    clientId && /^[\w-]{8,64}$/.test(clientId)
      ? `id:${clientId}`
      : `ip:${req.ip}|${req.get('user-agent') ?? ''}`;
  // Hashed: the table of views never holds who read what in plain form.
  return createHash('sha256').update(source).digest('base64url');
}

/** One multipart file field named "file", at most UPLOAD_MAX_BYTES, kept in memory for re-encoding. */
function singleUpload(): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  }).single('file');
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(
        new AppError(
          415,
          'unsupported_media_type',
          'Send the image as multipart/form-data in a field named "file"',
        ),
      );
      return;
    }
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          next(
            new AppError(
              413,
              'payload_too_large',
              `An image may be at most ${UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
            ),
          );
        } else {
          next(
            new AppError(
              400,
              'validation_failed',
              `Send exactly one file in a field named "file" (${err.code})`,
            ),
          );
        }
        return;
      }
      if (err) return next(err);
      if (!req.file)
        return next(new AppError(400, 'validation_failed', 'Send the image in a field named "file"'));
      next();
    });
  };
}

const imageQuerySchema = z.strictObject({ size: z.enum(['display', 'thumb']).default('display') });

/** The community board: posts, comments, uploads and images. Reading is public; every change is the author's. */
export function createBoardRouter(ctx: ServerContext): Router {
  const router = Router();
  const files = new ImageFiles(ctx.config.uploadDir);
  const board = new Board(ctx.db, files);
  const maybeAuthed = optionalAuth(ctx);
  // Every change (posts, comments, uploads, trip copies) spends the author's budget per minute.
  const writes = ctx.rateLimits.perUser(
    { name: 'board_write', limit: ctx.config.rateLimits.boardWrites, windowMs: 60_000, what: 'board write' },
    (req) => caller(req).userId,
  );
  const signedIn = requireAuth(ctx.config);
  const authed: RequestHandler = (req, res, next) => {
    const passed = (error?: unknown) => (error ? next(error) : void writes(req, res, next));
    // The guard may be async: its rejection must reach the problem handler, not leave the request hanging.
    void Promise.resolve(signedIn(req, res, passed)).catch(next);
  };

  router.get('/posts', maybeAuthed, async (req, res) => {
    const query = parseQuery(req, postListQuerySchema);
    res.set('Cache-Control', 'no-store').json(await board.list(query));
  });
  router.post('/posts', authed, async (req, res) => {
    const body = parseBody(req, createPostRequestSchema);
    const post = await board.create(caller(req).userId, body);
    res.status(201).location(`/api/posts/${post.id}`).json(post);
  });
  router.get('/posts/:id', maybeAuthed, async (req, res) => {
    const post = await board.get(idParam(req, 'Post'), { userId: req.auth?.userId, key: viewerKey(req) });
    res.set('Cache-Control', 'no-store').json(post);
  });
  router.patch('/posts/:id', authed, async (req, res) => {
    const id = idParam(req, 'Post');
    const body = parseBody(req, updatePostRequestSchema);
    res.json(await board.update(id, caller(req).userId, body));
  });
  router.delete('/posts/:id', authed, async (req, res) => {
    await board.delete(idParam(req, 'Post'), caller(req).userId);
    res.status(204).end();
  });
  router.post('/posts/:id/copy-trip', authed, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await board.copyTrip(idParam(req, 'Post')));
  });

  router.get('/posts/:id/comments', maybeAuthed, async (req, res) => {
    const id = idParam(req, 'Post');
    const { page, pageSize } = parseQuery(req, commentListQuerySchema);
    res.set('Cache-Control', 'no-store').json(await board.comments(id, page, pageSize, req.auth?.userId));
  });
  router.post('/posts/:id/comments', authed, async (req, res) => {
    const id = idParam(req, 'Post');
    const { body } = parseBody(req, createCommentRequestSchema);
    res.status(201).json(await board.addComment(id, caller(req).userId, body));
  });
  router.delete('/comments/:id', authed, async (req, res) => {
    await board.deleteComment(idParam(req, 'Comment'), caller(req).userId);
    res.status(204).end();
  });

  router.get('/me/posts', signedIn, async (req, res) => {
    const query = parseQuery(req, postListQuerySchema);
    res.set('Cache-Control', 'no-store').json(await board.list(query, caller(req).userId));
  });

  router.post('/uploads', authed, singleUpload(), async (req, res) => {
    const upload = await board.upload(caller(req).userId, req.file!.buffer);
    res.status(201).location(upload.url).json(upload);
  });

  router.get('/images/:key', (req, res, next) => {
    const key = imageKeySchema.safeParse(req.params.key);
    if (!key.success) return next(notFound('Image'));
    const { size } = parseQuery(req, imageQuerySchema);
    sendStoredFile(
      res,
      next,
      files.relativePathOf(key.data, size as ImageSize),
      {
        root: files.dir,
        headers: {
          'Content-Type': 'image/webp',
          // Deleted images must disappear reasonably soon; keys never change content.
          'Cache-Control': 'public, max-age=3600',
          // The desktop app loads them from another origin.
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      },
      'Image',
    );
  });

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Board';
describeRoute({
  method: 'get',
  path: '/posts',
  tag,
  summary: 'List posts: search (title, body, author), sort, paging',
  query: postListQuerySchema,
  ok: { status: 200, schema: postPageSchema },
});
describeRoute({
  method: 'post',
  path: '/posts',
  tag,
  summary: 'Write a post (with uploaded images and an optional trip snapshot)',
  auth: true,
  body: createPostRequestSchema,
  ok: { status: 201, schema: postSchema },
});
describeRoute({
  method: 'get',
  path: '/posts/{id}',
  tag,
  summary: 'Read a post (counts one view per viewer per day)',
  ok: { status: 200, schema: postSchema },
  errors: [404],
});
describeRoute({
  method: 'patch',
  path: '/posts/{id}',
  tag,
  summary: 'Edit a post (author only); imageKeys replaces the images',
  auth: true,
  body: updatePostRequestSchema,
  ok: { status: 200, schema: postSchema },
  errors: [403, 404],
});
describeRoute({
  method: 'delete',
  path: '/posts/{id}',
  tag,
  summary: 'Delete a post with its comments and images (author only)',
  auth: true,
  ok: { status: 204, description: 'Deleted' },
  errors: [403, 404],
});
describeRoute({
  method: 'post',
  path: '/posts/{id}/copy-trip',
  tag,
  summary: "The post's trip snapshot, to copy into a new trip of one's own",
  auth: true,
  ok: { status: 200, schema: copyTripResponseSchema },
  errors: [404],
});
describeRoute({
  method: 'get',
  path: '/posts/{id}/comments',
  tag,
  summary: 'Comments of a post, oldest first',
  query: commentListQuerySchema,
  ok: { status: 200, schema: commentPageSchema },
  errors: [404],
});
describeRoute({
  method: 'post',
  path: '/posts/{id}/comments',
  tag,
  summary: 'Comment on a post',
  auth: true,
  body: createCommentRequestSchema,
  ok: { status: 201, schema: commentSchema },
  errors: [404],
});
describeRoute({
  method: 'delete',
  path: '/comments/{id}',
  tag,
  summary: 'Delete one of your comments',
  auth: true,
  ok: { status: 204, description: 'Deleted' },
  errors: [403, 404],
});
describeRoute({
  method: 'get',
  path: '/me/posts',
  tag,
  summary: 'My posts',
  auth: true,
  query: postListQuerySchema,
  ok: { status: 200, schema: postPageSchema },
});
describeRoute({
  method: 'post',
  path: '/uploads',
  tag,
  summary: 'Upload an image (multipart field "file", ≤ 10 MB; JPEG, PNG, WebP, GIF, AVIF by content)',
  auth: true,
  ok: { status: 201, schema: uploadSchema },
  errors: [413, 415],
});
describeRoute({
  method: 'get',
  path: '/images/{key}',
  tag,
  summary: 'An image (WebP); ?size=thumb for the thumbnail',
  ok: { status: 200, description: 'image/webp' },
  errors: [404],
});
