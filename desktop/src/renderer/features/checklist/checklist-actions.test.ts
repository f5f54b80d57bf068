import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, sortByOrderKey, type ChecklistItem, type HamgajaDatabase } from '@hamgaja/shared';
import { checkItemText, checklistActions, checklistProgress, CHECKLIST_TEXT_MAX } from './checklist-actions';

describe('checkItemText and checklistProgress', () => {
  it('wants some text, at most the schema’s length', () => {
    expect(checkItemText('  ')).toBe('required');
    expect(checkItemText('x'.repeat(CHECKLIST_TEXT_MAX + 1))).toBe('tooLong');
    expect(checkItemText(`  ${'x'.repeat(CHECKLIST_TEXT_MAX)}  `)).toBeNull();
  });

  it('counts what is done', () => {
    expect(checklistProgress([{ done: true }, { done: false }, { done: true }])).toEqual({
      done: 2,
      total: 3,
    });
  });
});

describe('checklistActions on the local database', () => {
  let db: HamgajaDatabase;
  const tripId = 'trip-1';

  beforeAll(async () => {
    db = (await createDatabase({
      storage: getRxStorageMemory(),
      name: `checklist-${crypto.randomUUID().slice(0, 8)}`,
      collections: ['checklistItems'],
      multiInstance: false,
      devMode: true,
    })) as unknown as HamgajaDatabase;
  });

  afterAll(async () => {
    await db.close();
  });

  const list = async () =>
    sortByOrderKey(
      (await db.checklistItems.find({ selector: { tripId } }).exec()).map(
        (doc) => doc.toJSON() as ChecklistItem,
      ),
    );
  const texts = async () => (await list()).map((item) => item.text);

  it('adds at the end, ticks, renames, moves and deletes; every write passes the schema', async () => {
    const actions = checklistActions(db, tripId);
    for (const text of [' Passport ', 'Charger', 'Umbrella']) await actions.add(await list(), text);
    expect(await texts()).toEqual(['Passport', 'Charger', 'Umbrella']);

    const [passport, charger, umbrella] = await list();
    await actions.setDone(charger?.id ?? '', true);
    await actions.rename(umbrella?.id ?? '', '  Small umbrella ');
    await actions.move(await list(), umbrella?.id ?? '', 0);
    expect(await texts()).toEqual(['Small umbrella', 'Passport', 'Charger']);
    expect((await list()).map((item) => item.done)).toEqual([false, false, true]);

    await actions.move(await list(), passport?.id ?? '', 2);
    expect(await texts()).toEqual(['Small umbrella', 'Charger', 'Passport']);
    await actions.remove(charger?.id ?? '');
    expect(await texts()).toEqual(['Small umbrella', 'Passport']);
  });
});
