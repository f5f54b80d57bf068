import express, { Router, type Request, type RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { bearerToken, caller, requireAuth } from '../auth/guard.js';
import { AppError, validationError } from '../http/problem.js';
import { describeRoute } from '../http/openapi.js';
import { Membership } from '../trips/membership.js';
import { echoKey } from './changes.js';
import { findCollection, type SyncedCollection } from './collections.js';
import { pullPage } from './pull.js';
import { push, type PushDeps, type PushRow } from './push.js';
import { PushNumbers } from './push-numbers.js';
import { DocumentStore } from './store.js';
import { documentFilesOf } from '../documents/files.js';

export const SCHEMA_VERSION_HEADER = 'x-hamgaja-schema-version';
/**
 * Names one replication of a client (a random id it sends with its pushes and its stream):
 * the stream does not echo back what that same replication pushed (it holds those states).
 */
export const CLIENT_HEADER = 'x-hamgaja-client';
const CLIENT_ID_RULE = '8 to 64 letters, digits, "_" or "-"';
const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, CLIENT_ID_RULE);
/** Numbers a named replication's pushes 1, 2, 3, …: an older number is a replay (push-numbers.ts). */
export const PUSH_NUMBER_HEADER = 'x-hamgaja-push';
const PUSH_NUMBER_RULE = 'a whole number from 1 to 2^53 - 1, without leading zeros';
const pushNumberSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, PUSH_NUMBER_RULE)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), PUSH_NUMBER_RULE);
/** Most rows one push may carry (RxDB's push batch is far smaller). */
export const MAX_PUSH_ROWS = 500;
/** Largest push body; the rest of the API keeps the 1 MB default. */
export const MAX_PUSH_BYTES = '8mb';

declare module 'express-serve-static-core' {
  interface Request {
    syncCollection?: SyncedCollection;
  }
}

// Strict: a misspelt or bracketed parameter (`checkpoint[x]=1`) is an error, never a silent full pull.
const pullQuerySchema = z.strictObject({
  // Any string: the codec answers invalid_checkpoint to whatever it did not issue.
  checkpoint: z.string().optional(),
  limit: z
    .string()
    // 1..1000 as a pattern, so the OpenAPI description states the same bound as the server.
    .regex(/^(?:[1-9]\d{0,2}|1000)$/, 'a whole number from 1 to 1000')
    .transform(Number)
    .default(200),
});

/**
 * Checks a client's schema version of a collection (rule 10): older → 426 with a clear
 * "update the app" message; newer, missing or malformed → 400.
 */
export function checkSchemaVersion(raw: unknown, serverVersion: number): void {
  // Canonical only: no sign, no leading zeros, no spaces ("00", "-0" and " 0" are refused).
  if (typeof raw !== 'string' || !/^(?:0|[1-9]\d{0,8})$/.test(raw)) {
    throw new AppError(
      400,
      'validation_failed',
      'Send the schema version of the collection in the X-Hamgaja-Schema-Version header',
      [{ path: SCHEMA_VERSION_HEADER, message: 'a non-negative integer without leading zeros is required' }],
    );
  }
  const version = Number(raw);
  if (version < serverVersion) {
    throw new AppError(426, 'upgrade_required', 'Update the app to keep syncing', undefined, {
      Upgrade: 'hamgaja-schema',
    });
  }
  if (version > serverVersion) {
    throw new AppError(
      400,
      'validation_failed',
      `This server knows schema version ${serverVersion} of this collection, not ${version}`,
      [{ path: SCHEMA_VERSION_HEADER, message: `at most ${serverVersion}` }],
    );
  }
}

/** The collection named in the URL; unknown names are 404. */
const knownCollection: RequestHandler = (req, _res, next) => {
  const spec = findCollection(String(req.params.collection));
  if (!spec)
    return next(
      new AppError(
        404,
        'not_found',
        `There is no synced collection named "${String(req.params.collection)}"`,
      ),
    );
  req.syncCollection = spec;
  next();
};

/** The client speaks this server's schema version of the collection (header, or ?schemaVersion= for streams). */
function schemaVersion(allowQuery: boolean, offset: number): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers[SCHEMA_VERSION_HEADER];
    const query = allowQuery ? req.query.schemaVersion : undefined;
    checkSchemaVersion(header ?? query, collectionOf(req).version + offset);
    next();
  };
}

/** The replication id of the request (header, or ?client= for streams), if it sent one. */
function clientOf(req: Request, allowQuery: boolean): string | undefined {
  const raw = req.headers[CLIENT_HEADER] ?? (allowQuery ? req.query.client : undefined);
  if (raw === undefined) return undefined;
  const parsed = clientIdSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      400,
      'validation_failed',
      `The replication name (X-Hamgaja-Client header or ?client=) must be ${CLIENT_ID_RULE}`,
      [{ path: CLIENT_HEADER, message: CLIENT_ID_RULE }],
    );
  }
  return parsed.data;
}

/** At most this many collections share one stream (there are fewer; a bound for the query). */
const MAX_SHARED_STREAMS = 16;
const SHARED_STREAM_RULE =
  'a comma-separated list of collection:schemaVersion or collection:schemaVersion:replicationName';
const sharedStreamQuerySchema = z.strictObject({
  streams: z
    .string()
    .max(MAX_SHARED_STREAMS * 90)
    .transform((value) => value.split(','))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[A-Za-z]{1,40}:[^:,]{1,10}(?::[A-Za-z0-9_-]{8,64})?$/, SHARED_STREAM_RULE)
            .transform((part) => {
              const [collection, version, client] = part.split(':') as [string, string, string | undefined];
              return { collection, version, client };
            }),
        )
        .min(1)
        .max(MAX_SHARED_STREAMS)
        .refine(
          (parts) => new Set(parts.map((p) => p.collection)).size === parts.length,
          'each collection at most once',
        ),
    ),
});

/**
 * The collections one shared stream follows (GET /sync/stream?streams=…), each with the client's
 * schema version of it (an older one: 426, as for a stream of its own) and its replication name.
 */
function sharedStreamsOf(req: Request, offset: number) {
  const query = sharedStreamQuerySchema.safeParse(req.query);
  if (!query.success) throw validationError(query.error);
  return query.data.streams.map(({ collection, version, client }) => {
    const spec = findCollection(collection);
    if (!spec) throw new AppError(404, 'not_found', `There is no synced collection named "${collection}"`);
    checkSchemaVersion(version, spec.version + offset);
    return { spec, client };
  });
}

/** The push's number (X-Hamgaja-Push), if it sent one. */
function pushNumberOf(req: Request): number | undefined {
  const raw = req.headers[PUSH_NUMBER_HEADER];
  if (raw === undefined) return undefined;
  const parsed = pushNumberSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(400, 'validation_failed', `X-Hamgaja-Push must be ${PUSH_NUMBER_RULE}`, [
      { path: PUSH_NUMBER_HEADER, message: PUSH_NUMBER_RULE },
    ]);
  }
  return parsed.data;
}

function collectionOf(req: Request): SyncedCollection {
  if (!req.syncCollection) throw new AppError(404, 'not_found', 'Unknown collection');
  return req.syncCollection;
}

/** The push body schema of each collection, built once (zod compiles a schema on its first use). */
const rowsSchemas = new Map<SyncedCollection, z.ZodType<PushRow[]>>();
function rowsSchemaOf(spec: SyncedCollection): z.ZodType<PushRow[]> {
  let schema = rowsSchemas.get(spec);
  if (!schema) {
    schema = z
      .array(z.object({ newDocumentState: spec.schema, assumedMasterState: spec.schema.optional() }))
      .min(1, 'send at least one row') as unknown as z.ZodType<PushRow[]>;
    rowsSchemas.set(spec, schema);
  }
  return schema;
}

/** Validates a push body: 1..500 rows, each document against its collection schema. */
function parsePushRows(body: unknown, spec: SyncedCollection): PushRow[] {
  if (body === undefined)
    throw new AppError(415, 'unsupported_media_type', 'Send the rows as application/json');
  if (!Array.isArray(body)) {
    throw new AppError(
      400,
      'validation_failed',
      'The push body must be an array of {newDocumentState, assumedMasterState?}',
    );
  }
  if (body.length > MAX_PUSH_ROWS) {
    throw new AppError(
      413,
      'batch_too_large',
      `At most ${MAX_PUSH_ROWS} documents per push; got ${body.length}`,
    );
  }
  const parsed = rowsSchemaOf(spec).safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const seen = new Set<string>();
  parsed.data.forEach((row, index) => {
    const id = row.newDocumentState.id;
    if (seen.has(id))
      throw new AppError(400, 'validation_failed', `Row ${index}: document ${id} appears twice in one push`, [
        { path: `${index}.newDocumentState.id`, message: 'duplicate id' },
      ]);
    seen.add(id);
    if (row.assumedMasterState && row.assumedMasterState.id !== id) {
      throw new AppError(
        400,
        'validation_failed',
        `Row ${index}: the assumed master state is another document`,
        [{ path: `${index}.assumedMasterState.id`, message: 'must equal newDocumentState.id' }],
      );
    }
  });
  return parsed.data;
}

/** Expiry of the caller's access token in ms since the epoch (the stream ends then). */
function tokenExpiry(req: Request): number {
  const decoded = jwt.decode(bearerToken(req.headers.authorization) ?? '') as { exp?: unknown } | null;
  return typeof decoded?.exp === 'number' ? decoded.exp * 1000 : Date.now();
}

/** GET pull, POST push and GET stream for every synced collection (the replication protocol). */
export function createSyncRouter(ctx: ServerContext): Router {
  const router = Router();
  const store = new DocumentStore(ctx.db);
  const membership = new Membership(ctx.db);
  const { live } = ctx;
  const authed = requireAuth(ctx.config);
  const base = '/sync/:collection';
  const pushNumbers = new PushNumbers();
  const pushDeps: PushDeps = {
    db: ctx.db,
    store,
    membership,
    // Looked up at each call: tests wrap live.publish to lose announcements.
    publish: (message) => live.publish(message),
    observer: live.lockObserver,
    unlocked: () => live.metrics.unlocked.inc(),
  };
  const versionOffset = ctx.config.sync.schemaVersionOffset;

  router.get(
    `${base}/pull`,
    knownCollection,
    authed,
    schemaVersion(false, versionOffset),
    async (req, res) => {
      const spec = collectionOf(req);
      const { userId } = caller(req);
      const query = pullQuerySchema.safeParse(req.query);
      if (!query.success) throw validationError(query.error);
      const from =
        query.data.checkpoint === undefined
          ? undefined
          : live.checkpoints.decode(userId, spec.name, query.data.checkpoint);
      const page = await pullPage(spec, userId, from, query.data.limit, store, membership);
      live.metrics.pulled.inc({ collection: spec.name }, page.documents.length);
      const checkpoint = live.checkpoints.encode(userId, spec.name, page.checkpoint);
      // The stored JSON texts are sent as they are: no parse, no re-serialization.
      res
        .set('Cache-Control', 'no-store')
        .type('application/json')
        .send(`{"documents":[${page.documents.join(',')}],"checkpoint":"${checkpoint}"}`);
    },
  );

  router.post(
    `${base}/push`,
    knownCollection,
    authed,
    schemaVersion(false, versionOffset),
    // A named replication's stream skips its pushes, but not a replay of an older one. Judged
    // as the request arrives, before its body is read: two pushes in flight, sent in order,
    // would otherwise often be judged in the order their bodies finish parsing.
    (req, res, next) => {
      const client = clientOf(req, false);
      const number = pushNumberOf(req);
      const named = client && echoKey(caller(req).userId, client);
      res.locals.origin =
        named && (number === undefined || pushNumbers.fresh(named, number)) ? named : undefined;
      next();
    },
    express.json({ limit: MAX_PUSH_BYTES, strict: true }),
    async (req, res) => {
      const spec = collectionOf(req);
      const { userId } = caller(req);
      const rows = parsePushRows(req.body, spec);
      const origin = res.locals.origin as string | undefined;
      const result = await push(pushDeps, spec, userId, rows, origin);
      // Deleted trips and documents may leave files no live document references.
      documentFilesOf(ctx).afterPush(spec.name, rows);
      live.metrics.pushed.inc({ collection: spec.name }, result.written);
      if (result.conflicts > 0) live.metrics.conflicts.inc({ collection: spec.name }, result.conflicts);
      res.set('Cache-Control', 'no-store').type('application/json').send(result.conflictsJson);
    },
  );

  /** Opens the SSE response: one stream per collection writes into it. */
  const startStream = (req: Request, res: express.Response) => {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // Nginx would otherwise buffer the stream (rule 9).
      'X-Accel-Buffering': 'no',
    });
    req.socket.setKeepAlive(true);
    req.socket.setNoDelay(true);
  };

  // Every collection's changes on one connection (a browser holds only 6 HTTP/1.1 connections
  // per server): each event names its collection in its `event:` field.
  router.get('/sync/stream', authed, async (req, res) => {
    const { userId } = caller(req);
    const wanted = sharedStreamsOf(req, versionOffset);
    startStream(req, res);
    const expiry = tokenExpiry(req);
    // Registered before the trips are read, so no announcement falls between the two.
    const streams = wanted.map(({ spec, client }) =>
      live.streams.open(userId, spec.name, res, expiry, client && echoKey(userId, client), true),
    );
    try {
      const { trips, lastAccessKey } = await membership.syncState(userId);
      res.flushHeaders();
      for (const stream of streams) live.streams.goLive(stream, trips, lastAccessKey);
      req.next = undefined;
    } catch (err) {
      for (const stream of streams) live.streams.close(stream, false);
      throw err;
    }
  });

  router.get(
    `${base}/stream`,
    knownCollection,
    authed,
    schemaVersion(true, versionOffset),
    async (req, res) => {
      const spec = collectionOf(req);
      const { userId } = caller(req);
      const client = clientOf(req, true);
      startStream(req, res);
      // Registered before the trips are read, so no announcement falls between the two.
      const stream = live.streams.open(
        userId,
        spec.name,
        res,
        tokenExpiry(req),
        client && echoKey(userId, client),
      );
      try {
        const { trips, lastAccessKey } = await membership.syncState(userId);
        res.flushHeaders();
        live.streams.goLive(stream, trips, lastAccessKey);
        // The stream may stay open for hours: the routers' frames this request passed through
        // (req.next and the closures behind it, ~2 KB) are never needed again.
        req.next = undefined;
      } catch (err) {
        live.streams.close(stream, false);
        throw err;
      }
    },
  );

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Sync';
const documentSchema = z.looseObject({ id: z.string(), _deleted: z.boolean() });
const pullAnswer = z.object({ documents: z.array(documentSchema), checkpoint: z.string().nullable() });
const pushBody = z
  .array(z.object({ newDocumentState: documentSchema, assumedMasterState: documentSchema.optional() }))
  .min(1)
  .max(MAX_PUSH_ROWS);
describeRoute({
  method: 'get',
  path: '/sync/{collection}/pull',
  tag,
  summary:
    'Documents changed since a checkpoint (collection: trips, stops, checklistItems, expenses, reservations, documents; header X-Hamgaja-Schema-Version)',
  auth: true,
  query: pullQuerySchema,
  ok: { status: 200, schema: pullAnswer },
  // 410 checkpoint_outdated: a checkpoint of an older server; pull without one (docs/sync.md).
  errors: [400, 404, 410, 426],
});
describeRoute({
  method: 'post',
  path: '/sync/{collection}/push',
  tag,
  summary:
    'Write documents transactionally; answers the master state of every row not written as sent: conflicts, and refusals the current state causes (deleted trip, lost access, role too low), carrying what the caller may see (the document, its tombstone, or a redacted tombstone). 403 only for rows never allowed; 422 invalid_reference when a reference leaves the trip (docs/sync.md). Optional header X-Hamgaja-Client: the stream with the same id does not echo them, unless X-Hamgaja-Push (the replication numbers its pushes 1, 2, 3, …) shows an older push replayed',
  auth: true,
  body: pushBody,
  ok: { status: 200, schema: z.array(documentSchema) },
  errors: [403, 404, 409, 413, 415, 422, 426],
});
describeRoute({
  method: 'get',
  path: '/sync/stream',
  tag,
  summary:
    'Live changes of several collections on one connection (a browser holds only 6 HTTP/1.1 connections per server): as /sync/{collection}/stream, each event naming its collection in its SSE event field; ?streams=trips:0:replicationName,stops:1,…',
  auth: true,
  query: sharedStreamQuerySchema,
  ok: { status: 200, description: 'text/event-stream' },
  errors: [404, 426],
});
describeRoute({
  method: 'get',
  path: '/sync/{collection}/stream',
  tag,
  summary:
    'Live changes as Server-Sent Events: {documents, checkpoint} or "RESYNC"; ": ping" heartbeats; ends when the token expires',
  auth: true,
  query: z.object({ schemaVersion: z.string().optional(), client: z.string().optional() }),
  ok: { status: 200, description: 'text/event-stream' },
  errors: [404, 426],
});
