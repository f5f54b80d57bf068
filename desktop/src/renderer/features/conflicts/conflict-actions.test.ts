import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createDatabase,
  keyBetween,
  type ConflictRecord,
  type HamgajaDatabase,
  type Trip,
} from '@hamgaja/shared';
import {
  dismissConflict,
  dismissedDocument,
  isValidDocument,
  recordsRestoredWith,
  restoreConflict,
  restoredDocument,
} from './conflict-actions';

const at = '2026-05-01T10:00:00.000Z';
const record = (field: string, lostValue: unknown, by = 'minji'): ConflictRecord => ({
  field,
  lostValue,
  at,
  by,
});

const trip: Trip = {
  id: 'trip-1',
  title: 'Busan weekend',
  description: '',
  destination: { regionCode: '6' },
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 300_000,
  coverImage: null,
  notes: '',
  ownerId: 'minji',
};

describe('restoredDocument / dismissedDocument', () => {
  it('writes the lost value back and removes its record', () => {
    const doc = {
      ...trip,
      title: 'Busan trip',
      conflicts: [record('title', 'Busan weekend'), record('notes', 'bring snacks')],
    };
    const restored = restoredDocument(doc, record('title', 'Busan weekend'));
    expect(restored.title).toBe('Busan weekend');
    expect(restored.conflicts).toEqual([record('notes', 'bring snacks')]);
    expect(doc.title).toBe('Busan trip');
  });

  it('removes a field whose lost edit had removed it, and the conflicts field once empty', () => {
    const doc = { id: 'x', text: 'a', extra: 'won', conflicts: [record('extra', undefined)] };
    const restored = restoredDocument(doc, record('extra', undefined));
    expect(restored).toEqual({ id: 'x', text: 'a' });
  });

  it('keeps the value that won on dismiss', () => {
    const doc = { ...trip, title: 'Busan trip', conflicts: [record('title', 'Busan weekend')] };
    const dismissed = dismissedDocument(doc, record('title', 'Busan weekend'));
    expect(dismissed.title).toBe('Busan trip');
    expect('conflicts' in dismissed).toBe(false);
  });

  it('restores the dates of a trip together so the end never falls before the start', () => {
    const conflicts = [
      record('startDate', '2026-06-10'),
      record('endDate', '2026-06-12'),
      record('title', 'Other'),
      { ...record('endDate', '2026-07-01'), at: '2026-05-02T00:00:00.000Z' },
    ];
    expect(recordsRestoredWith(conflicts, record('startDate', '2026-06-10'))).toEqual(conflicts.slice(0, 2));
    const restored = restoredDocument({ ...trip, conflicts }, record('startDate', '2026-06-10'));
    expect([restored.startDate, restored.endDate]).toEqual(['2026-06-10', '2026-06-12']);
    expect(restored.conflicts).toEqual(conflicts.slice(2));
  });

  it('tells when a restore would make the document invalid', () => {
    const doc = { ...trip, startDate: '2026-05-10', endDate: '2026-05-12' };
    expect(isValidDocument('trips', doc)).toBe(true);
    expect(isValidDocument('trips', { ...doc, title: '   ' })).toBe(false);
  });
});

describe('restoreConflict / dismissConflict on the local database', () => {
  let db: HamgajaDatabase;

  beforeAll(async () => {
    db = (await createDatabase({
      storage: getRxStorageMemory(),
      name: `conflicts-${crypto.randomUUID().slice(0, 8)}`,
      collections: ['checklistItems'],
      multiInstance: false,
      devMode: true,
    })) as unknown as HamgajaDatabase;
  });

  afterAll(async () => {
    await db.close();
  });

  const insert = (id: string, text: string, conflicts: ConflictRecord[]) =>
    db.checklistItems.insert({
      id,
      tripId: 'trip-1',
      text,
      done: false,
      orderKey: keyBetween(null, null),
      conflicts,
    });
  const stored = async (id: string) => (await db.checklistItems.findOne(id).exec())?.toJSON();

  it('restore writes the lost value into the stored document', async () => {
    await insert('item-1', 'Charger', [record('text', 'Phone charger')]);
    expect(await restoreConflict(db, 'checklistItems', 'item-1', record('text', 'Phone charger'))).toBe(
      'done',
    );
    const doc = await stored('item-1');
    expect(doc?.text).toBe('Phone charger');
    expect(doc?.conflicts ?? []).toEqual([]);
  });

  it('dismiss keeps the current value and drops the record', async () => {
    await insert('item-2', 'Passport', [record('done', true)]);
    expect(await dismissConflict(db, 'checklistItems', 'item-2', record('done', true))).toBe('done');
    const doc = await stored('item-2');
    expect(doc?.done).toBe(false);
    expect(doc?.conflicts ?? []).toEqual([]);
  });

  it('refuses a restore that the schema would reject and leaves the document alone', async () => {
    await insert('item-3', 'Adapter', [record('text', '')]);
    expect(await restoreConflict(db, 'checklistItems', 'item-3', record('text', ''))).toBe('invalid');
    expect((await stored('item-3'))?.text).toBe('Adapter');
  });

  it('for an undone deletion, "delete again" deletes the document', async () => {
    await insert('item-4', 'Umbrella', [record('_deleted', true)]);
    expect(await restoreConflict(db, 'checklistItems', 'item-4', record('_deleted', true))).toBe('done');
    expect(await stored('item-4')).toBeUndefined();
  });

  it('says when the document is gone', async () => {
    expect(await restoreConflict(db, 'checklistItems', 'nope', record('text', 'x'))).toBe('gone');
  });
});
