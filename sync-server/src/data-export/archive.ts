import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';
import { QueryTypes } from 'sequelize';
import { Zip, ZipPassThrough, type FlateError, type ZipInputFile } from 'fflate';
import {
  DATA_EXPORT_DOCUMENT,
  DATA_EXPORT_FORMAT,
  DATA_EXPORT_VERSION,
  type DataExport,
} from '@hamgaja/shared';
import type { Database } from '../db/database.js';
import { userViewerKey } from '../board/account-deletion.js';
import type { ImageFiles } from '../board/image-files.js';
import { readDate } from '../trips/membership.js';
import { coveredTables, type ColumnKind, type CoveredTable, type ExportedColumn } from './coverage.js';

type Row = Record<string, unknown>;

const kindOf = (spec: ColumnKind | ExportedColumn): ColumnKind =>
  typeof spec === 'string' ? spec : spec.kind;
const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The archive's name for a column. */
export const fieldOf = (column: string, spec: ColumnKind | ExportedColumn): string =>
  (typeof spec === 'string' ? undefined : spec.as) ?? camelCase(column);

/** A database value as the archive writes it: ISO times, real booleans and numbers, parsed JSON. */
function toField(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(Number(value));
    case 'time':
      return readDate(value).toISOString();
    case 'json':
      return JSON.parse(String(value)) as unknown;
  }
}

/** The values a condition names (SQLite refuses a bound value the statement does not use). */
export function bindFor(where: string, userId: string): Record<string, string> {
  const bind: Record<string, string> = {};
  if (where.includes('$userId')) bind.userId = userId;
  if (where.includes('$viewer')) bind.viewer = userViewerKey(userId);
  return bind;
}

/** The user's rows of one covered table, as the archive holds them (withheld columns are never selected). */
export async function readSection(db: Database, table: string, userId: string): Promise<Row[]> {
  const spec: CoveredTable | undefined = coveredTables[table];
  if (!spec) throw new Error(`${table} is not a covered table`);
  const columns = Object.entries(spec.columns);
  const rows = await db.sequelize.query<Row>(
    `SELECT ${columns.map(([c]) => `\`${c}\``).join(', ')} FROM \`${table}\` WHERE ${spec.where} ORDER BY ${spec.orderBy}`,
    { type: QueryTypes.SELECT, bind: bindFor(spec.where, userId) },
  );
  return rows.map((row) =>
    Object.fromEntries(columns.map(([c, s]) => [fieldOf(c, s), toField(kindOf(s), row[c])])),
  );
}

/** An image file to put in the zip, with its size when the document was made. */
export interface ArchiveImage {
  name: string;
  path: string;
  size: number;
}

export interface UserData {
  document: DataExport;
  images: ArchiveImage[];
}

/**
 * Everything the server holds about the user: the document (one section per covered table) and
 * their image files. Tables are read one after another, not in one snapshot: an edit made during
 * the export may show in one section and not yet in another. Undefined when the account is gone.
 */
export async function collectUserData(
  db: Database,
  files: ImageFiles,
  userId: string,
  exportedAt: Date,
): Promise<UserData | undefined> {
  const sections: Record<string, Row[]> = {};
  for (const table of Object.keys(coveredTables)) {
    sections[coveredTables[table]!.section] = await readSection(db, table, userId);
  }
  const user = sections.user?.[0];
  if (!user) return undefined;
  const images: ArchiveImage[] = [];
  for (const row of sections.images ?? []) {
    const key = String(row.imageKey);
    const path = files.pathOf(key, 'display');
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    // Another instance may have removed the file of a deleted post meanwhile.
    const name = `images/${key}.webp`;
    row.file = size === undefined ? null : name;
    if (size !== undefined) images.push({ name, path, size });
  }
  const { user: _account, ...lists } = sections;
  const document = {
    format: DATA_EXPORT_FORMAT,
    version: DATA_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    user,
    sources: Object.entries(coveredTables).map(([table, s]) => ({ section: s.section, table, rows: s.rows })),
    withheld: Object.entries(coveredTables).flatMap(([table, s]) =>
      Object.entries(s.withheld ?? {}).map(([column, reason]) => ({ table, column, reason })),
    ),
    ...lists,
  } as DataExport;
  return { document, images };
}

/** A zip ready to send: its exact size (Content-Length) is known before the first byte. */
export interface PreparedArchive {
  size: number;
  /** Streams the zip into `out` (backpressure respected) and ends it; rejects when an image file cannot be read as stated. */
  write(out: Writable): Promise<void>;
}

// fflate's streaming Zip writes, per entry, a 30-byte local header + name, the data and a
// 16-byte data descriptor; then a 46-byte central header + name per entry and a 22-byte end record.
const entryBytes = (name: string, data: number) =>
  30 + Buffer.byteLength(name) + data + 16 + 46 + Buffer.byteLength(name);
const END_RECORD = 22;

/**
 * The zip of one export: the JSON document deflated first (off the event loop, by zlib), so its
 * size is known; the images stored as they are (WebP does not compress further) and streamed from
 * disk one after another, so memory stays small however many there are.
 */
export async function prepareArchive(data: UserData, mtime: Date): Promise<PreparedArchive> {
  const json = Buffer.from(JSON.stringify(data.document, null, 2), 'utf8');
  const deflated = await promisify(deflateRaw)(json, { level: 6 });
  const size =
    entryBytes(DATA_EXPORT_DOCUMENT, deflated.length) +
    data.images.reduce((sum, image) => sum + entryBytes(image.name, image.size), 0) +
    END_RECORD;

  async function write(out: Writable): Promise<void> {
    let failure: FlateError | undefined;
    const zip = new Zip((err, chunk, final) => {
      if (err) failure = err;
      else {
        out.write(chunk);
        if (final) out.end();
      }
    });
    // An entry whose deflated bytes are ready: fflate only frames them (method 8, known CRC and size).
    const document: ZipInputFile = {
      filename: DATA_EXPORT_DOCUMENT,
      size: json.length,
      crc: crc32(json),
      compression: 8,
      mtime,
    };
    zip.add(document);
    document.ondata!(null, deflated, true);
    await drained(out);
    for (const image of data.images) {
      if (out.destroyed) return;
      const entry = new ZipPassThrough(image.name);
      entry.mtime = mtime;
      zip.add(entry);
      let read = 0;
      for await (const chunk of createReadStream(image.path)) {
        const bytes = chunk as Buffer;
        read += bytes.length;
        if (read > image.size) break;
        entry.push(bytes);
        await drained(out);
        if (out.destroyed) return;
      }
      // The promised length can no longer be kept: the caller ends the connection.
      if (read !== image.size) throw new Error(`${image.name} changed while being exported`);
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
    if (failure) throw failure;
  }
  return { size, write };
}

/** Resolves once `out` can take more (or has closed). */
function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
