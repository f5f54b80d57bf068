/**
 * The one place where SQL is written from values by hand: multi-row INSERT and upsert
 * statements. Binding hundreds of rows would meet the databases' parameter limits and cost
 * more than the insert itself, so here values become literals, by rules small enough to audit:
 *
 * - null → NULL; true / false → 1 / 0; a finite number → its shortest round-trip digits;
 *   a Date → the quoted text Sequelize stores in a DATE(3) column (sqlTime).
 * - A string → '…' with every ' doubled (the one character standard SQL treats specially inside
 *   a literal), unless it holds a NUL (SQLite ends the statement there) or a backslash (MySQL's
 *   escape character unless sql_mode has NO_BACKSLASH_ESCAPES). Such a string is written as its
 *   UTF-8 bytes in hex, typed as text: SQLite `CAST(X'…' AS TEXT)`, MySQL `_utf8mb4 X'…'`, which
 *   read the same whatever the sql_mode.
 * - A string with a lone surrogate is refused (TypeError): UTF-8 cannot hold one, and both
 *   drivers would quietly store U+FFFD, so two different ids could become one. JSON text never
 *   holds one (JSON.stringify escapes it as \udxxx); callers make other text well-formed first.
 * - Table and column names are the caller's constants, checked to be plain identifiers.
 */
import type { Transaction } from 'sequelize';
import { sqlTime } from './bind.js';
import type { Database, Dialect } from './database.js';

export type SqlValue = string | number | boolean | Date | null;

export type BulkInsert = {
  table: string;
  columns: readonly string[];
  /** Makes it an upsert: a row whose key exists replaces that row's other columns. */
  conflictKey?: readonly string[];
};

/** Rows per statement unless the caller says otherwise; statements also stop growing at MAX_STATEMENT_CHARS. */
const DEFAULT_ROWS_PER_STATEMENT = 500;
/** About 3 MB of UTF-8 at most: far below MySQL's max_allowed_packet (16 MB on MariaDB) and SQLite's 1 GB. */
const MAX_STATEMENT_CHARS = 1_000_000;

const identifier = /^[a-z_][a-z0-9_]*$/;
const loneSurrogate = /\p{Cs}/u;
/** Native where the runtime has it (ES2024, Node 20): a regex scan costs more than the rest of a literal. */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !loneSurrogate.test(text);
/** True when a quoted literal cannot carry the text as it is (see the header). */
const needsHex = (dialect: Dialect, text: string) =>
  text.includes('\0') || (dialect === 'mysql' && text.includes('\\'));

function checkIdentifier(name: string): string {
  if (!identifier.test(name)) throw new TypeError(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** One value as an SQL literal of the dialect (rules in the header). */
export function sqlLiteral(dialect: Dialect, value: SqlValue): string {
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? '1' : '0';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${String(value)}`);
      return String(value);
    case 'string':
      if (!isWellFormed(value)) throw new TypeError('a string with a lone surrogate cannot be stored');
      if (needsHex(dialect, value)) {
        const hex = Buffer.from(value, 'utf8').toString('hex');
        return dialect === 'sqlite' ? `CAST(X'${hex}' AS TEXT)` : `_utf8mb4 X'${hex}'`;
      }
      return `'${value.replaceAll("'", "''")}'`;
    default:
      if (value instanceof Date) return `'${sqlTime(dialect, value)}'`;
      throw new TypeError(`no SQL literal for ${typeof value}`);
  }
}

/** The statements that insert `rows` (values in column order), each within the row and size limits. */
export function bulkInsertStatements(
  dialect: Dialect,
  spec: BulkInsert,
  rows: readonly (readonly SqlValue[])[],
  rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT,
): string[] {
  const columns = spec.columns.map(checkIdentifier);
  const key = (spec.conflictKey ?? []).map(checkIdentifier);
  const head = `INSERT INTO ${checkIdentifier(spec.table)} (${columns.join(', ')}) VALUES `;
  const updated = columns.filter((c) => !key.includes(c));
  const tail =
    key.length === 0
      ? ''
      : dialect === 'mysql'
        ? ` ON DUPLICATE KEY UPDATE ${updated.map((c) => `${c} = VALUES(${c})`).join(', ')}`
        : ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  // One Date usually stands for every row's time: it is formatted once.
  const times = new Map<Date, string>();
  const literal = (value: SqlValue) => {
    if (!(value instanceof Date)) return sqlLiteral(dialect, value);
    let text = times.get(value);
    if (text === undefined) times.set(value, (text = sqlLiteral(dialect, value)));
    return text;
  };
  const statements: string[] = [];
  let tuples: string[] = [];
  let chars = 0;
  const flush = () => {
    if (tuples.length > 0) statements.push(head + tuples.join(', ') + tail);
    tuples = [];
    chars = 0;
  };
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new TypeError(`a row of ${spec.table} has ${row.length} values for ${columns.length} columns`);
    }
    const tuple = `(${row.map(literal).join(', ')})`;
    if (
      tuples.length >= rowsPerStatement ||
      (tuples.length > 0 && chars + tuple.length > MAX_STATEMENT_CHARS)
    )
      flush();
    tuples.push(tuple);
    chars += tuple.length + 2;
  }
  flush();
  return statements;
}

/** The driver connections Sequelize hands a transaction (sqlite3 and mysql2, callback style). */
type DriverConnection = {
  run?(sql: string, done: (error: Error | null) => void): void;
  query?(sql: string, done: (error: Error | null) => void): void;
};

/**
 * Runs a statement on the transaction's own driver connection, so inside the transaction.
 * Sequelize's query() lower-cases the whole statement several times to guess its kind, which
 * for a 500-row insert (about 250 KB) costs more than building it and makes garbage.
 */
function runInTransaction(db: Database, t: Transaction, sql: string): Promise<void> {
  const connection = (t as unknown as { connection?: DriverConnection }).connection;
  const run = db.dialect === 'sqlite' ? connection?.run : connection?.query;
  if (!connection || !run) return db.sequelize.query(sql, { transaction: t }).then(() => undefined);
  return new Promise((resolve, reject) =>
    run.call(connection, sql, (error) => (error ? reject(error) : resolve())),
  );
}

/** Inserts (or upserts) rows in bulk inside the transaction: one statement per chunk. */
export async function bulkInsert(
  db: Database,
  t: Transaction,
  spec: BulkInsert,
  rows: readonly (readonly SqlValue[])[],
  rowsPerStatement?: number,
): Promise<void> {
  for (const sql of bulkInsertStatements(db.dialect, spec, rows, rowsPerStatement)) {
    await runInTransaction(db, t, sql);
  }
}
