/**
 * Three-way, field-by-field merge of a replicated document (DESIGN sync rule 8), and the
 * RxDB conflict handler built on it.
 *
 * Inputs, in RxDB's terms:
 * - base   = `assumedMasterState`: the master state the client last saw (may be unknown),
 * - ours   = `newDocumentState`:   the client's state it tried to push,
 * - theirs = `realMasterState`:    the server's current state.
 *
 * Field rules (top-level fields; nested objects such as `place`, `cost`, `destination` are
 * merged as one unit, i.e. an edit to `place.name` and another to `place.lat` on two devices
 * is a same-field conflict on `place`):
 * - changed on one side only -> that side's value;
 * - changed on both sides to the same value -> that value;
 * - changed on both sides to different values -> the master's (theirs) value wins, and our
 *   overwritten value is appended to the replicated `conflicts` array of the document
 *   (`{field, lostValue, at, by?}`, newest last, capped at MAX_CONFLICTS) so the UI can show
 *   it and offer to restore it. Nothing is ever lost silently.
 * - merge groups: fields that must stay consistent with each other are merged as one unit
 *   (DEFAULT_MERGE_GROUPS: a trip's `startDate` + `endDate`, so endDate >= startDate holds).
 * - with no base (unknown assumed master) every differing field counts as changed on both
 *   sides: master wins, our value is recorded.
 *
 * `conflicts` itself is merged as a set: an entry survives unless one side removed it (the
 * user dismissed it); entries added on either side are kept; then this merge's records are
 * appended.
 *
 * Deletion rule (`_deleted`; there is no clock, so we decide by who changed what):
 * - the master deleted the document (theirs._deleted) -> deleted: the master's deletion wins,
 *   whatever the client edited meanwhile (a document deleted elsewhere stays deleted).
 * - the client deleted it, the master did not, and the master's data changed since the base
 *   (someone edited it the client never saw) -> the document stays, with the master's
 *   state, and a `{field: '_deleted', lostValue: true}` record tells the user their deletion
 *   was undone. If the master changed nothing but `conflicts`, the deletion goes through.
 * - otherwise -> the field merge above, and the document is alive.
 *
 * Refusals: a conflict answer equal to the assumed master is the server declining the write
 * (rule 11), not a concurrent edit; the conflict handler takes the master (see `isRefusal`).
 *
 * The merge is pure: it never mutates its inputs (RxDB deep-freezes them in dev-mode) and,
 * given the same `at`, always returns the same result. RxDB meta fields (`_meta`, `_rev`,
 * `_attachments`) are ignored and not copied; RxDB sets them on the resolved document.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { MAX_CONFLICTS, type ConflictRecord } from './documents.js';

/** RxDB's local bookkeeping fields: never replicated, never compared, never merged. */
export const RXDB_META_FIELDS: readonly string[] = ['_meta', '_rev', '_attachments'];

/** Fields merged as one unit because a rule spans them (see the file header). */
export const DEFAULT_MERGE_GROUPS: readonly (readonly string[])[] = [['startDate', 'endDate']];

export interface MergeOptions {
  /** Timestamp of the conflict records (ISO); defaults to now. Fix it for determinism. */
  at?: string;
  /** User id of the local user, recorded as `by` on the conflict records. */
  by?: string;
  /** Fields merged as one unit; defaults to DEFAULT_MERGE_GROUPS. */
  groups?: readonly (readonly string[])[];
  /** Maximum length of the `conflicts` array; defaults to MAX_CONFLICTS. */
  maxConflicts?: number;
}

/** What the merge needs to know about a document. */
export type MergeableDocument = object & {
  conflicts?: readonly ConflictRecord[] | undefined;
  _deleted?: boolean | undefined;
};

type Loose = Record<string, unknown>;

const META = new Set(RXDB_META_FIELDS);
const DELETED = '_deleted';
const CONFLICTS = 'conflicts';

/**
 * Deep equality in JSON terms: key order does not matter, and a key holding `undefined`
 * equals a missing key.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a !== a && b !== b; // NaN (not JSON, but keep equality reflexive)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) {
      if (!jsonEqual(a[i], b[i])) return false;
    }
    return true;
  }
  return objectsEqual(a as Loose, b as Loose, undefined);
}

function objectsEqual(a: Loose, b: Loose, skip: Set<string> | undefined): boolean {
  let countA = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || skip?.has(key)) continue;
    const value = a[key];
    if (value === undefined) continue;
    countA += 1;
    if (!Object.hasOwn(b, key) || !jsonEqual(value, b[key])) return false;
  }
  let countB = 0;
  for (const key in b) {
    if (!Object.hasOwn(b, key) || skip?.has(key)) continue;
    if (b[key] !== undefined) countB += 1;
  }
  return countA === countB;
}

const META_AND_DELETED = new Set([...RXDB_META_FIELDS, DELETED]);

/**
 * Equality of the user-visible state of two document versions: all data fields and the
 * deletion flag (a missing `_deleted` means false); RxDB meta fields are ignored.
 */
export function documentsEqual(a: object, b: object): boolean {
  const la = a as Loose;
  const lb = b as Loose;
  if (Boolean(la[DELETED]) !== Boolean(lb[DELETED])) return false;
  return objectsEqual(la, lb, META_AND_DELETED);
}

const META_DELETED_CONFLICTS = new Set([...RXDB_META_FIELDS, DELETED, CONFLICTS]);

/** Equality of the data fields only (no `_deleted`, no `conflicts`, no meta). */
function dataEqual(a: Loose, b: Loose): boolean {
  return objectsEqual(a, b, META_DELETED_CONFLICTS);
}

/** A shallow copy without RxDB meta fields and with an explicit boolean `_deleted`. */
function clean(doc: Loose): Loose {
  const out: Loose = {};
  for (const key of Object.keys(doc)) {
    if (META.has(key) || key === DELETED) continue;
    const value = doc[key];
    if (value !== undefined) out[key] = value;
  }
  out[DELETED] = Boolean(doc[DELETED]);
  return out;
}

function conflictList(doc: Loose | undefined): readonly ConflictRecord[] {
  const value = doc?.[CONFLICTS];
  return Array.isArray(value) ? (value as ConflictRecord[]) : [];
}

/** Stable JSON text (sorted keys), for identifying equal values. */
function stableStringify(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Loose;
  const keys = Object.keys(obj)
    .filter((key) => obj[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(obj[key])}`).join(',')}}`;
}

/** Identity of a conflict record: the same lost value of the same field by the same user. */
function recordKey(record: ConflictRecord): string {
  return stableStringify([record.field, record.lostValue, record.by ?? null]);
}

/** Three-way set merge of the `conflicts` arrays, then this merge's records, capped. */
function mergeConflictLists(
  base: readonly ConflictRecord[],
  ours: readonly ConflictRecord[],
  theirs: readonly ConflictRecord[],
  added: readonly ConflictRecord[],
  max: number,
): ConflictRecord[] {
  let merged: readonly ConflictRecord[];
  if (jsonEqual(ours, theirs) || jsonEqual(ours, base)) merged = theirs;
  else if (jsonEqual(theirs, base)) merged = ours;
  else {
    const inBase = new Set(base.map(recordKey));
    const inOurs = new Set(ours.map(recordKey));
    const inTheirs = new Set(theirs.map(recordKey));
    merged = [
      // kept by us, or added by them
      ...theirs.filter((r) => inOurs.has(recordKey(r)) || !inBase.has(recordKey(r))),
      // added by us
      ...ours.filter((r) => !inTheirs.has(recordKey(r)) && !inBase.has(recordKey(r))),
    ];
  }
  const seen = new Set<string>();
  const out: ConflictRecord[] = [];
  for (const record of [...merged, ...added]) {
    const key = recordKey(record);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(record);
  }
  return out.slice(Math.max(0, out.length - Math.max(0, max)));
}

function makeRecord(field: string, lostValue: unknown, at: string, by: string | undefined): ConflictRecord {
  const record: ConflictRecord = { field, at };
  if (lostValue !== undefined) record.lostValue = lostValue;
  if (by !== undefined) record.by = by;
  return record;
}

/**
 * Merge `ours` into `theirs` relative to `base` (see the file header for the rules).
 * Returns a new document with an explicit `_deleted` and without RxDB meta fields.
 */
export function mergeDocuments<T extends MergeableDocument>(
  base: T | null | undefined,
  ours: T,
  theirs: T,
  options: MergeOptions = {},
): T & { _deleted: boolean } {
  return mergeLoose(base ?? undefined, ours as Loose, theirs as Loose, options) as T & {
    _deleted: boolean;
  };
}

function mergeLoose(base: Loose | undefined, ours: Loose, theirs: Loose, options: MergeOptions): Loose {
  if (ours.id !== undefined && theirs.id !== undefined && ours.id !== theirs.id) {
    throw new Error(`mergeDocuments: different documents (${String(ours.id)} / ${String(theirs.id)})`);
  }
  // Nothing changed on one side: the other side's state, as it is.
  if (base !== undefined && documentsEqual(ours, base)) return clean(theirs);
  if (base !== undefined && documentsEqual(theirs, base)) return clean(ours);

  const at = options.at ?? new Date().toISOString();
  const by = options.by;
  const max = options.maxConflicts ?? MAX_CONFLICTS;
  const baseDeleted = Boolean(base?.[DELETED]);

  // The master deleted it: deletion wins.
  if (theirs[DELETED]) return clean(theirs);

  // We deleted it, the master did not.
  if (ours[DELETED] && !baseDeleted) {
    if (base !== undefined && dataEqual(theirs, base)) {
      return clean(ours); // the master only touched `conflicts`: the deletion goes through
    }
    const out = clean(theirs);
    setConflicts(out, base, ours, theirs, [makeRecord(DELETED, true, at, by)], max);
    return out;
  }

  // Field-by-field merge; the document is alive.
  const out: Loose = {};
  const records: ConflictRecord[] = [];
  const keys = orderedKeys(theirs, ours, base);
  const done = new Set<string>();
  const groups = options.groups ?? DEFAULT_MERGE_GROUPS;

  const take = (key: string, value: unknown): void => {
    done.add(key);
    if (value !== undefined) out[key] = value;
  };

  for (const key of keys) {
    if (done.has(key)) continue;
    const group = groups.find((g) => g.includes(key));
    const fields = group ? group.filter((field) => keys.includes(field)) : [key];
    const oursChanged = fields.some((field) => !jsonEqual(ours[field], base?.[field]));
    const theirsChanged = fields.some((field) => !jsonEqual(theirs[field], base?.[field]));
    for (const field of fields) {
      const o = ours[field];
      const t = theirs[field];
      if (!oursChanged || jsonEqual(o, t)) take(field, t);
      else if (!theirsChanged) take(field, o);
      else {
        take(field, t);
        // Record only what we actually wrote (in a group, fields we left alone are not ours).
        if (!jsonEqual(o, base?.[field])) records.push(makeRecord(field, o, at, by));
      }
    }
  }
  setConflicts(out, base, ours, theirs, records, max);
  out[DELETED] = false;
  return out;
}

function setConflicts(
  out: Loose,
  base: Loose | undefined,
  ours: Loose,
  theirs: Loose,
  added: readonly ConflictRecord[],
  max: number,
): void {
  const merged = mergeConflictLists(conflictList(base), conflictList(ours), conflictList(theirs), added, max);
  if (merged.length > 0 || Array.isArray(theirs[CONFLICTS]) || Array.isArray(ours[CONFLICTS])) {
    out[CONFLICTS] = merged;
  } else {
    delete out[CONFLICTS];
  }
}

/** Data field names in a deterministic order: theirs, then ours, then base. */
function orderedKeys(theirs: Loose, ours: Loose, base: Loose | undefined): string[] {
  const keys: string[] = [];
  const seen = new Set<string>(META_DELETED_CONFLICTS);
  for (const doc of [theirs, ours, base]) {
    if (!doc) continue;
    for (const key of Object.keys(doc)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  return keys;
}

/**
 * Whether a conflict answer is a refusal rather than a concurrent change (sync rule 11): the
 * server answered with exactly the master state the client assumed, so nothing happened there
 * meanwhile; it did not take the client's state because the caller may not write it now (role
 * lowered, access lost). Merging would only push the same state again: the master is taken.
 */
export function isRefusal(conflict: {
  assumedMasterState?: object | undefined;
  realMasterState: object;
}): boolean {
  return (
    conflict.assumedMasterState !== undefined &&
    documentsEqual(conflict.assumedMasterState, conflict.realMasterState)
  );
}

/**
 * An RxDB 17 conflict handler using `mergeDocuments`; a refusal (`isRefusal`) resolves to the
 * master as it is. Pass `by` (the signed-in user's id)
 * to tag conflict records; `now` is injectable for tests.
 */
export function createConflictHandler<T extends MergeableDocument>(
  options: { by?: string; now?: () => string; groups?: MergeOptions['groups'] } = {},
): RxConflictHandler<T> {
  return {
    isEqual(a, b) {
      return documentsEqual(a, b);
    },
    resolve(input) {
      if (isRefusal(input)) return Promise.resolve(clean(input.realMasterState as Loose) as WithDeleted<T>);
      const merged = mergeDocuments<WithDeleted<T>>(
        input.assumedMasterState,
        input.newDocumentState,
        input.realMasterState,
        {
          at: options.now ? options.now() : new Date().toISOString(),
          ...(options.by !== undefined ? { by: options.by } : {}),
          ...(options.groups !== undefined ? { groups: options.groups } : {}),
        },
      );
      return Promise.resolve(merged);
    },
  };
}

/** The conflict handler for every synced collection (no `by` on conflict records). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one handler fits every collection
export const conflictHandler: RxConflictHandler<any> = createConflictHandler();
