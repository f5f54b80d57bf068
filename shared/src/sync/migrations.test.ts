import { describe, expect, it } from 'vitest';
import { collectionNames, expenseSchema, stopSchema, syncedCollections } from './documents.js';
import { documentUpgrades, upgradeDocument } from './migrations.js';
import { rxCollectionCreators } from './rxdb-schemas.js';
import { sampleExpense, sampleStop } from './test-fixtures.js';

describe('document upgrades (schema versions, rule 10)', () => {
  it('has exactly one step per version of every collection, used as its RxDB migration strategies', () => {
    for (const name of collectionNames) {
      const versions = Object.keys(documentUpgrades[name]).map(Number);
      const expected = Array.from({ length: syncedCollections[name].version }, (_, i) => i + 1);
      expect(versions, name).toEqual(expected);
      expect(rxCollectionCreators[name].migrationStrategies, name).toBe(documentUpgrades[name]);
    }
  });

  it('turns a version-0 stop into a valid one without a travel mode chosen, keeping every other field', () => {
    const { travelMode: _added, ...v0 } = sampleStop({
      conflicts: [{ field: 'note', at: '2025-01-01T00:00:00.000Z' }],
    });
    const upgraded = upgradeDocument('stops', v0);
    expect(upgraded).toEqual({ ...v0, travelMode: null });
    expect(stopSchema.parse(upgraded)).toEqual(upgraded);
    // RxDB hands its strategies the stored document, bookkeeping included.
    const stored = { ...v0, _deleted: true, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
    expect(documentUpgrades.stops[1]!(stored)).toEqual({ ...stored, travelMode: null });
  });

  it('is idempotent: a document already in the current shape comes back equal', () => {
    for (const mode of ['walk', 'transit', 'car', null] as const) {
      const stop = sampleStop({ travelMode: mode });
      expect(upgradeDocument('stops', stop)).toEqual(stop);
      expect(upgradeDocument('stops', upgradeDocument('stops', stop))).toEqual(stop);
    }
    const trip = { id: 't', title: 'x' };
    expect(upgradeDocument('trips', trip)).toBe(trip);
  });

  it('turns a version-0 expense into one without a captured rate, keeping every other field', () => {
    for (const currency of ['KRW', 'JPY']) {
      const { rate: _added, ...v0 } = sampleExpense({
        currency,
        conflicts: [{ field: 'note', at: '2025-01-01T00:00:00.000Z' }],
      });
      const upgraded = upgradeDocument('expenses', v0);
      expect(upgraded).toEqual({ ...v0, rate: null });
      expect(expenseSchema.parse(upgraded)).toEqual(upgraded);
    }
    const stored = { ...sampleExpense(), _deleted: false, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
    delete (stored as Record<string, unknown>).rate;
    expect(documentUpgrades.expenses[1]!(stored)).toEqual({ ...stored, rate: null });
  });

  it('keeps a captured rate as it is (idempotent)', () => {
    for (const rate of [null, { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' }] as const) {
      const expense = sampleExpense({ currency: 'JPY', rate });
      expect(upgradeDocument('expenses', expense)).toEqual(expense);
      expect(upgradeDocument('expenses', upgradeDocument('expenses', expense))).toEqual(expense);
    }
  });
});
