import { replicatedDocumentSchemas, syncedCollections } from '@hamgaja/shared';
import { describe, expect, it } from 'vitest';
import { collections, findCollection } from './collections.js';
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
});
