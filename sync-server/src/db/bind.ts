/**
 * Values reach SQL as bound parameters (Sequelize `bind`, `$name` in the statement): they travel
 * beside the SQL text, never inside it, so a string arrives as it is (NUL, quotes, `$1`, `:name`,
 * any code point). Sequelize's `replacements` instead inline escaped values into the text, which
 * SQLite cuts at a NUL. These helpers shape what binding needs; the only SQL written from values
 * by hand is ./bulk-insert.ts.
 */
import type { Dialect } from './database.js';

export type Bind = Record<string, unknown>;

/**
 * A time for a DATE(3) column, as text in the form Sequelize stores there: SQLite's driver
 * would bind a Date as a number of milliseconds, which never compares with the stored text.
 */
export function sqlTime(dialect: Dialect, date: Date): string {
  const iso = date.toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return dialect === 'sqlite' ? `${text} +00:00` : text;
}

/**
 * Binds each value as `${name}0`, `${name}1`, … and returns their placeholders for `IN (…)`.
 * An empty list is refused: `IN ()` is not SQL.
 */
export function bindList(bind: Bind, name: string, values: readonly unknown[]): string {
  if (values.length === 0) throw new RangeError(`the list ${name} is empty`);
  return values
    .map((value, i) => {
      bind[`${name}${i}`] = value;
      return `$${name}${i}`;
    })
    .join(', ');
}

/**
 * An integer written into the SQL text (LIMIT, OFFSET, numeric ids): MySQL binds every JS
 * number as a DOUBLE, which LIMIT refuses on MySQL 8 and which would compare an integer key
 * as a float. Anything but a safe integer is refused, so no text ever gets in this way.
 */
export function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(n)}`);
  return String(n);
}

/** A list of integers for `IN (…)`, each checked by sqlInt. */
export function sqlInts(values: readonly number[]): string {
  if (values.length === 0) throw new RangeError('the list of integers is empty');
  return values.map(sqlInt).join(', ');
}
