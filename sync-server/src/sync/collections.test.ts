import { replicatedDocumentSchemas, syncedCollections } from '@hamgaja/shared';
import { describe, expect, it } from 'vitest';
import { collections, findCollection, upgradeStoredJson } from './collections.js';
import { collectionNames, docFor } from './testing.js';

describe('synced collection declarations', () => {
  it('declares every shared collection with its schema version', () => {
    expect(Object.keys(collections).sort()).toEqual(Object.keys(syncedCollections).sort());
    for (const name of collectionNames)
      expect(collections[name].version).toBe(syncedCollections[name].version);
    expect(findCollection('notes')).toBeUndefined();
    expect(findCollection('__proto__')).toBeUndefined();
  });

  it.each(collectionNames)(
    '%s: the redacted tombstone is a valid deleted document that keeps only identity',
    (name) => {
      const doc = docFor(
        name,
        'trip-1',
        'user-1',
        name === 'checklistItems'
          ? { text: 'secret' }
          : name === 'trips'
            ? { title: 'secret', notes: 'secret' }
            : name === 'documents'
              ? { name: 'secret.pdf' }
              : { note: 'secret' },
      );
      expect(replicatedDocumentSchemas[name].safeParse(doc).success).toBe(true);
      const tombstone = collections[name].redactedTombstone(doc);
      expect(replicatedDocumentSchemas[name].safeParse(tombstone).error).toBeUndefined();
      expect(tombstone).toMatchObject({ id: doc.id, _deleted: true });
      expect(collections[name].tripIdOf(tombstone)).toBe(collections[name].tripIdOf(doc));
      expect(JSON.stringify(tombstone)).not.toContain('secret');
    },
  );

  it('validates wire documents, dropping RxDB meta fields', () => {
    const doc = docFor('stops', 'trip-1', 'user-1');
    const parsed = collections.stops.schema.parse({
      ...doc,
      _meta: { lwt: 1 },
      _rev: '1-a',
      _attachments: {},
    });
    expect(parsed).toEqual(doc);
    expect(collections.stops.schema.safeParse({ ...doc, extra: 1 }).success).toBe(false);
  });

  describe('upgradeStored: documents stored under an older schema version', () => {
    const current = docFor('stops', 'trip-1', 'user-1', {
      travelMode: 'car',
      note: '"travelMode": in a note',
    });
    const { travelMode: _added, ...v0 } = current;

    it('answers a version-0 stop with travelMode null, every other field as stored', () => {
      const upgraded = collections.stops.upgradeStored(JSON.stringify(v0));
      expect(JSON.parse(upgraded)).toEqual({ ...v0, travelMode: null });
      expect(replicatedDocumentSchemas.stops.safeParse(JSON.parse(upgraded)).success).toBe(true);
      expect(upgradeStoredJson('stops', JSON.stringify(v0))).toBe(upgraded);
    });

    it('sends a current text as it is, unparsed and unchanged', () => {
      const text = JSON.stringify(current);
      expect(collections.stops.upgradeStored(text)).toBe(text);
      for (const name of ['trips', 'checklistItems', 'expenses'] as const) {
        const other = JSON.stringify(docFor(name, 'trip-1', 'user-1'));
        expect(collections[name].upgradeStored(other)).toBe(other);
      }
      expect(upgradeStoredJson('notes', '{"id":"x"}')).toBe('{"id":"x"}');
    });

    it('is not fooled by the field name in a string or inside a conflict record', () => {
      // A note mentioning it (quotes inside strings are escaped), a lost value holding it.
      const tricky = {
        ...v0,
        note: 'x"travelMode":"car"',
        conflicts: [{ field: 'place', lostValue: { travelMode: 'walk' }, at: '2025-01-01T00:00:00.000Z' }],
      };
      expect(JSON.parse(collections.stops.upgradeStored(JSON.stringify(tricky)))).toEqual({
        ...tricky,
        travelMode: null,
      });
      const withConflicts = JSON.stringify({ ...tricky, travelMode: 'walk' });
      expect(collections.stops.upgradeStored(withConflicts)).toBe(withConflicts);
    });
  });
});
