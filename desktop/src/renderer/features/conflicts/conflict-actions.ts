import {
  DEFAULT_MERGE_GROUPS,
  jsonEqual,
  RXDB_META_FIELDS,
  syncedCollections,
  type CollectionName,
  type ConflictRecord,
  type HamgajaDatabase,
} from '@hamgaja/shared';

type Loose = Record<string, unknown>;
/** A stored document as far as conflicts are concerned. */
export type WithConflicts = Loose & { conflicts?: ConflictRecord[] };

/** The field a deletion conflict is recorded under: "your deletion was undone". */
export const DELETED_FIELD = '_deleted';

/**
 * The records restored together with `record`: fields of a merge group (a trip's start and end
 * date) were overwritten together, so putting back only one could leave end < start.
 */
export function recordsRestoredWith(
  conflicts: readonly ConflictRecord[],
  record: ConflictRecord,
): ConflictRecord[] {
  const group = DEFAULT_MERGE_GROUPS.find((fields) => fields.includes(record.field));
  if (!group) return [record];
  return conflicts.filter(
    (other) =>
      jsonEqual(other, record) ||
      (group.includes(other.field) && other.at === record.at && other.by === record.by),
  );
}

function withoutRecords<T extends WithConflicts>(doc: T, records: readonly ConflictRecord[]): T {
  const next: Loose = { ...doc };
  const left = (doc.conflicts ?? []).filter((entry) => !records.some((record) => jsonEqual(entry, record)));
  if (left.length > 0) next.conflicts = left;
  else delete next.conflicts;
  return next as T;
}

/** The document without this conflict entry ("dismiss"). */
export function dismissedDocument<T extends WithConflicts>(doc: T, record: ConflictRecord): T {
  return withoutRecords(doc, [record]);
}

/**
 * The document with the lost value written back ("restore") and the entry removed. A lost
 * value that was an absent field removes the field again.
 */
export function restoredDocument<T extends WithConflicts>(doc: T, record: ConflictRecord): T {
  if (record.field === DELETED_FIELD) throw new Error('a deletion is restored by deleting the document');
  const records = recordsRestoredWith(doc.conflicts ?? [], record);
  const next: Loose = withoutRecords(doc, records);
  for (const entry of records) {
    if (entry.lostValue === undefined) delete next[entry.field];
    else next[entry.field] = structuredClone(entry.lostValue);
  }
  return next as T;
}

/** The replicated fields of a stored document (what the collection's zod schema checks). */
function dataOf(doc: Loose): Loose {
  const data: Loose = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === DELETED_FIELD || RXDB_META_FIELDS.includes(key)) continue;
    data[key] = value;
  }
  return data;
}

/** True when the document would still be valid (the server refuses invalid ones for good). */
export function isValidDocument(collection: CollectionName, doc: Loose): boolean {
  return syncedCollections[collection].schema.safeParse(dataOf(doc)).success;
}

export type ConflictActionResult = 'done' | 'gone' | 'invalid';

/**
 * Restores a lost value on the local document (it syncs like any edit). For a deletion that was
 * undone, "restore" deletes the document again.
 */
export async function restoreConflict(
  db: HamgajaDatabase,
  collection: CollectionName,
  documentId: string,
  record: ConflictRecord,
): Promise<ConflictActionResult> {
  // Typed loosely: the four collections share the conflict fields this needs.
  const doc = await (db[collection] as HamgajaDatabase['checklistItems']).findOne(documentId).exec();
  if (!doc) return 'gone';
  const current = doc.toMutableJSON() as unknown as WithConflicts;
  if (record.field === DELETED_FIELD) {
    const cleaned = await doc.incrementalModify(
      (data) => dismissedDocument(data as unknown as WithConflicts, record) as never,
    );
    await cleaned.incrementalRemove();
    return 'done';
  }
  if (!isValidDocument(collection, restoredDocument(current, record))) return 'invalid';
  await doc.incrementalModify((data) => restoredDocument(data as unknown as WithConflicts, record) as never);
  return 'done';
}

/** Removes the conflict entry: the user keeps the value that won. */
export async function dismissConflict(
  db: HamgajaDatabase,
  collection: CollectionName,
  documentId: string,
  record: ConflictRecord,
): Promise<ConflictActionResult> {
  const doc = await (db[collection] as HamgajaDatabase['checklistItems']).findOne(documentId).exec();
  if (!doc) return 'gone';
  await doc.incrementalModify((data) => dismissedDocument(data as unknown as WithConflicts, record) as never);
  return 'done';
}
