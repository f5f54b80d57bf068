import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { QueryTypes, type Transaction } from 'sequelize';
import { DOCUMENT_MAX_BYTES, type DocumentMimeType, type DocumentUsage } from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { bindList, sqlTime, type Bind } from '../db/bind.js';
import { AppError } from '../http/problem.js';
import { checkDocumentContent } from './content.js';

/** A file no live document references yet is kept this long (its metadata may still be on the way). */
export const UNREFERENCED_GRACE_MS = 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;
const SWEEP_BATCH = 500;

export const fileTooLarge = () =>
  new AppError(413, 'file_too_large', `A document may be at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`);
const quotaExceeded = (limit: number) =>
  new AppError(
    413,
    'quota_exceeded',
    `Your documents would take more than your ${Math.round(limit / 1024 / 1024)} MB of storage; remove some first`,
  );

/** A file a trip holds. */
export interface HeldFile {
  sha256: string;
  size: number;
  mimeType: DocumentMimeType;
}

type Row = { trip_id: string; sha256: string; size: number | string; mime_type: string };

/** Counts the bytes going through and hashes them; refuses more than `max`. */
function measuring(max: number) {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > max) return done(fileTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ size, sha256: hash.digest('hex') }) };
}

const instances = new WeakMap<ServerContext, DocumentFiles>();

/** The document files of a server (one per server, shared by its routes, the sync hook and its lifecycle). */
export function documentFilesOf(ctx: ServerContext): DocumentFiles {
  let files = instances.get(ctx);
  if (!files) {
    files = new DocumentFiles(ctx);
    instances.set(ctx, files);
  }
  return files;
}

/**
 * Travel-document files: content-addressed under UPLOAD_DIR/documents/ (`ab/abcdef…`, one file
 * per SHA-256 however many trips hold it), and the `document_files` table saying which trip holds
 * which file, uploaded by whom (the quota). A file leaves a trip once no live `documents`
 * metadata of that trip names it, and the disk once no trip holds it. Every instance sharing
 * the volume serves every file; writes are atomic renames, so no reader sees half a file.
 */
export class DocumentFiles {
  readonly dir: string;
  private readonly tempDir: string;
  private readonly pending = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  /** Emits `upload-settled` when an upload ends, stored, refused or interrupted (its temp file gone). */
  readonly events = new EventEmitter();

  constructor(private readonly ctx: ServerContext) {
    this.dir = path.join(ctx.config.uploadDir, 'documents');
    this.tempDir = path.join(this.dir, 'tmp');
  }

  /** Relative to dir; hashes are lowercase hex, so never a separator or a dot. */
  relativePathOf(sha256: string): string {
    return path.join(sha256.slice(0, 2), sha256);
  }

  private pathOf(sha256: string): string {
    return path.join(this.dir, this.relativePathOf(sha256));
  }

  /** Tracks background work (sweeps after pushes, uploads) so that tests and shutdown can wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
    return work;
  }

  /** Resolves once no upload or sweep is running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private select<T extends object>(sql: string, bind: Bind, transaction?: Transaction) {
    return this.ctx.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  /** The file trip `tripId` holds under `sha256`, if any. */
  async held(tripId: string, sha256: string): Promise<HeldFile | undefined> {
    const [row] = await this.select<Row>(
      'SELECT trip_id, sha256, size, mime_type FROM document_files WHERE trip_id = $tripId AND sha256 = $sha256',
      { tripId, sha256 },
    );
    return row && { sha256: row.sha256, size: Number(row.size), mimeType: row.mime_type as DocumentMimeType };
  }

  /** Whether the bytes of `sha256` are on disk. */
  async onDisk(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Bytes the user's uploads take (each trip holding a file counts it once) and the limit. */
  async usage(userId: string, t?: Transaction): Promise<DocumentUsage> {
    const [row] = await this.select<{ used: number | string | null; files: number | string }>(
      'SELECT COALESCE(SUM(size), 0) AS used, COUNT(*) AS files FROM document_files WHERE uploaded_by = $userId',
      { userId },
      t,
    );
    return {
      usedBytes: Number(row?.used ?? 0),
      limitBytes: this.ctx.config.documentQuotaBytes,
      files: Number(row?.files ?? 0),
    };
  }

  /** Refuses early when `bytes` more would exceed the user's quota (checked again, atomically, on commit). */
  async checkRoom(userId: string, bytes: number): Promise<void> {
    const { usedBytes, limitBytes } = await this.usage(userId);
    if (usedBytes + bytes > limitBytes) throw quotaExceeded(limitBytes);
  }

  /**
   * Streams an upload into a temp file, checks its hash, type and size, charges the uploader's
   * quota and makes it the trip's file. Anything refused or interrupted leaves nothing behind.
   * Returns whether the file was new to the trip.
   */
  upload(
    input: Readable,
    tripId: string,
    sha256: string,
    userId: string,
  ): Promise<{ created: boolean; file: HeldFile }> {
    const upload = this.receive(input, tripId, sha256, userId);
    void upload.finally(() => this.events.emit('upload-settled')).catch(() => undefined);
    return this.track(upload);
  }

  private async receive(input: Readable, tripId: string, sha256: string, userId: string) {
    await mkdir(this.tempDir, { recursive: true });
    const temp = path.join(this.tempDir, `${randomBytes(12).toString('hex')}.part`);
    try {
      const measure = measuring(DOCUMENT_MAX_BYTES);
      await pipeline(input, measure.transform, createWriteStream(temp, { flags: 'wx' }));
      const { size, sha256: actual } = measure.result();
      if (actual !== sha256) {
        throw new AppError(422, 'hash_mismatch', 'The content does not have the SHA-256 named in the URL');
      }
      if (size === 0) throw new AppError(400, 'validation_failed', 'The file is empty');
      const mimeType = await checkDocumentContent(temp, size);
      const file: HeldFile = { sha256, size, mimeType };
      const created = await this.ctx.db.write(async (t) => {
        // One uploader at a time: the row lock makes the quota check and the insert atomic on MySQL
        // (SQLite serializes every writer already).
        if (this.ctx.db.dialect === 'mysql') {
          await this.select('SELECT id FROM users WHERE id = $userId FOR UPDATE', { userId }, t);
        }
        const [existing] = await this.select<Row>(
          'SELECT trip_id FROM document_files WHERE trip_id = $tripId AND sha256 = $sha256',
          { tripId, sha256 },
          t,
        );
        if (!existing) {
          const { usedBytes, limitBytes } = await this.usage(userId, t);
          if (usedBytes + size > limitBytes) throw quotaExceeded(limitBytes);
          await this.ctx.db.sequelize.query(
            `INSERT INTO document_files (trip_id, sha256, size, mime_type, uploaded_by, uploaded_at)
             VALUES ($tripId, $sha256, $size, $mimeType, $userId, $now)`,
            {
              bind: { tripId, sha256, size, mimeType, userId, now: sqlTime(this.ctx.db.dialect, new Date()) },
              transaction: t,
            },
          );
        }
        // Before the commit: once the row is visible, so is the file (content-addressed, so an
        // existing file of that hash has the same bytes).
        await mkdir(path.dirname(this.pathOf(sha256)), { recursive: true });
        await rename(temp, this.pathOf(sha256));
        return !existing;
      });
      return { created, file };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** After a push: sweeps the files that deleted trips or deleted documents referenced. */
  afterPush(collection: string, rows: readonly { newDocumentState: Record<string, unknown> }[]): void {
    const targets: { tripId: string; sha256?: string }[] = [];
    for (const { newDocumentState: doc } of rows) {
      if (doc._deleted !== true) continue;
      if (collection === 'trips') targets.push({ tripId: String(doc.id) });
      if (collection === 'documents')
        targets.push({ tripId: String(doc.tripId), sha256: String(doc.sha256) });
    }
    if (targets.length === 0) return;
    void this.track(this.collect(targets, 0)).catch((err: unknown) =>
      this.ctx.logger.error({ err }, 'document file sweep failed'),
    );
  }

  /** The periodic sweep: every file no live document references, once older than the grace period. */
  async sweep(graceMs = UNREFERENCED_GRACE_MS): Promise<number> {
    const cutoff = sqlTime(this.ctx.db.dialect, new Date(Date.now() - graceMs));
    const rows = await this.select<Row>(
      `SELECT trip_id, sha256 FROM document_files WHERE uploaded_at <= $cutoff ORDER BY uploaded_at LIMIT ${SWEEP_BATCH}`,
      { cutoff },
    );
    return this.track(
      this.collect(
        rows.map((r) => ({ tripId: r.trip_id, sha256: r.sha256 })),
        graceMs,
      ),
    );
  }

  /**
   * Removes each target (a trip's file, or every file of a trip) no live document of its trip
   * references, then the bytes of every hash no trip holds any more.
   */
  private async collect(
    targets: readonly { tripId: string; sha256?: string }[],
    graceMs: number,
  ): Promise<number> {
    const cutoff = sqlTime(this.ctx.db.dialect, new Date(Date.now() - graceMs));
    const byTrip = new Map<string, Set<string> | 'all'>();
    for (const { tripId, sha256 } of targets) {
      const current = byTrip.get(tripId);
      if (current === 'all') continue;
      if (sha256 === undefined) byTrip.set(tripId, 'all');
      else byTrip.set(tripId, (current ?? new Set()).add(sha256));
    }
    const removedHashes = new Set<string>();
    let removed = 0;
    for (const [tripId, wanted] of byTrip) {
      await this.ctx.db.write(async (t) => {
        const live = await this.select<{ data: string }>(
          `SELECT data FROM sync_documents WHERE collection = 'documents' AND trip_id = $tripId AND deleted = $no`,
          { tripId, no: false },
          t,
        );
        const referenced = new Set(
          live.map((r) => String((JSON.parse(r.data) as { sha256: unknown }).sha256)),
        );
        const held = await this.select<Row>(
          'SELECT sha256 FROM document_files WHERE trip_id = $tripId AND uploaded_at <= $cutoff',
          { tripId, cutoff },
          t,
        );
        const drop = held
          .map((r) => r.sha256)
          .filter((sha) => !referenced.has(sha) && (wanted === 'all' || wanted.has(sha)));
        if (drop.length === 0) return;
        const bind: Bind = { tripId };
        await this.ctx.db.sequelize.query(
          `DELETE FROM document_files WHERE trip_id = $tripId AND sha256 IN (${bindList(bind, 'sha', drop)})`,
          { bind, transaction: t },
        );
        removed += drop.length;
        for (const sha of drop) removedHashes.add(sha);
      });
    }
    if (removedHashes.size > 0) {
      const bind: Bind = {};
      const stillHeld = await this.select<{ sha256: string }>(
        `SELECT DISTINCT sha256 FROM document_files WHERE sha256 IN (${bindList(bind, 'sha', [...removedHashes])})`,
        bind,
      );
      const kept = new Set(stillHeld.map((r) => r.sha256));
      // A concurrent upload of the same bytes to another trip may lose its file here; its GET
      // answers 404 ("not uploaded yet") and the uploading device sends it again.
      await Promise.all(
        [...removedHashes]
          .filter((sha) => !kept.has(sha))
          .map((sha) => rm(this.pathOf(sha), { force: true })),
      );
    }
    return removed;
  }

  /** Starts the periodic sweep (and clears temp files a crash left behind). */
  start(): void {
    if (this.timer) return;
    const run = () =>
      void this.sweep().catch((err: unknown) => this.ctx.logger.error({ err }, 'document file sweep failed'));
    this.timer = setInterval(run, SWEEP_EVERY_MS).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }
}
