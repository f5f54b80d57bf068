import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CONFLICTS,
  stopSchema,
  tripSchema,
  type ConflictRecord,
  type Stop,
  type Trip,
} from './documents.js';
import {
  conflictHandler,
  createConflictHandler,
  documentsEqual,
  isRefusal,
  jsonEqual,
  mergeDocuments,
} from './merge.js';
import { sampleStop, sampleTrip } from './test-fixtures.js';

const RUNS = { seed: 42, numRuns: 400 } as const;
const AT = '2025-04-01T09:00:00.000Z';
const BY = 'user-a';

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean; conflicts?: ConflictRecord[] };

/** Canonical JSON (sorted keys, undefined dropped): an equality independent of the code under test. */
function canon(value: unknown): string {
  if (value === undefined) return '<absent>';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canon).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon(obj[k])}`)
    .join(',')}}`;
}
const same = (a: unknown, b: unknown) => canon(a) === canon(b);
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function data(doc: Doc): Record<string, unknown> {
  const { _deleted: _d, conflicts: _c, _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc;
  return rest;
}

const merge = (base: Doc | undefined, ours: Doc, theirs: Doc) =>
  mergeDocuments<Doc>(base, ours, theirs, { at: AT, by: BY }) as Doc;

// ---------------------------------------------------------------------------------------
// Generic documents: few fields, small value domains, so equal/unequal values both happen.
// ---------------------------------------------------------------------------------------

const FIELDS = ['a', 'b', 'c', 'd', 'e'] as const;
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(0, 1, 'x', 'y', null, true, false),
  fc.record({ n: fc.integer({ min: 0, max: 2 }) }),
  fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
);
const slotArb = fc.option(valueArb, { nil: undefined, freq: 6 }); // undefined: field absent
const fieldArb = fc.record({
  b: slotArb,
  changeO: fc.boolean(),
  o: slotArb,
  changeT: fc.boolean(),
  t: slotArb,
});

interface Triple {
  base: Doc;
  ours: Doc;
  theirs: Doc;
}

function put(doc: Doc, key: string, value: unknown): void {
  if (value !== undefined) doc[key] = value;
}

function tripleArb(opts: { oursUnchanged?: boolean; theirsUnchanged?: boolean } = {}): fc.Arbitrary<Triple> {
  return fc.array(fieldArb, { minLength: FIELDS.length, maxLength: FIELDS.length }).map((fields) => {
    const base: Doc = { id: 'doc-1', _deleted: false };
    const ours: Doc = { id: 'doc-1', _deleted: false };
    const theirs: Doc = { id: 'doc-1', _deleted: false };
    fields.forEach((f, i) => {
      const key = FIELDS[i]!;
      put(base, key, f.b);
      // unchanged values are structurally equal copies, never the same object
      put(ours, key, f.changeO && !opts.oursUnchanged ? f.o : copy(f.b));
      put(theirs, key, f.changeT && !opts.theirsUnchanged ? f.t : copy(f.b));
    });
    return { base, ours, theirs };
  });
}

describe('mergeDocuments (properties)', () => {
  it('keeps every field changed on one side only, and the base where nothing changed', () => {
    fc.assert(
      fc.property(tripleArb(), ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        for (const key of FIELDS) {
          const oursChanged = !same(ours[key], base[key]);
          const theirsChanged = !same(theirs[key], base[key]);
          if (oursChanged && !theirsChanged) expect(canon(result[key])).toBe(canon(ours[key]));
          if (theirsChanged && !oursChanged) expect(canon(result[key])).toBe(canon(theirs[key]));
          if (!oursChanged && !theirsChanged) expect(canon(result[key])).toBe(canon(base[key]));
        }
        expect(result._deleted).toBe(false);
      }),
      RUNS,
    );
  });

  it('lets the master win a same-field conflict and records exactly the lost values', () => {
    fc.assert(
      fc.property(tripleArb(), ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        const expected: ConflictRecord[] = [];
        for (const key of FIELDS) {
          const bothChanged = !same(ours[key], base[key]) && !same(theirs[key], base[key]);
          if (bothChanged) expect(canon(result[key])).toBe(canon(theirs[key]));
          if (bothChanged && !same(ours[key], theirs[key])) {
            expected.push({
              field: key,
              ...(ours[key] === undefined ? {} : { lostValue: ours[key] }),
              at: AT,
              by: BY,
            });
          }
        }
        const byField = (a: ConflictRecord, b: ConflictRecord) => a.field.localeCompare(b.field);
        expect(canon([...(result.conflicts ?? [])].sort(byField))).toBe(canon(expected.sort(byField)));
      }),
      RUNS,
    );
  });

  it('never invents values', () => {
    fc.assert(
      fc.property(tripleArb(), fc.boolean(), ({ base, ours, theirs }, withBase) => {
        const result = merge(withBase ? base : undefined, ours, theirs);
        for (const [key, value] of Object.entries(result)) {
          if (key === '_deleted' || key === 'conflicts') continue;
          const sources = [base[key], ours[key], theirs[key]];
          expect(
            sources.some((s) => s !== undefined && same(s, value)),
            `${key}=${canon(value)}`,
          ).toBe(true);
        }
        // every recorded lost value is one of ours
        for (const record of result.conflicts ?? []) {
          expect(same(record.lostValue, ours[record.field])).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('returns theirs when ours equals the base', () => {
    fc.assert(
      fc.property(tripleArb({ oursUnchanged: true }), ({ base, ours, theirs }) => {
        expect(canon(merge(base, ours, theirs))).toBe(canon(theirs));
      }),
      RUNS,
    );
  });

  it('returns ours, without conflicts, when theirs equals the base', () => {
    fc.assert(
      fc.property(tripleArb({ theirsUnchanged: true }), ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        expect(canon(result)).toBe(canon(ours));
        expect(result.conflicts).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('treats every differing field as a conflict when the base is unknown', () => {
    fc.assert(
      fc.property(tripleArb(), ({ ours, theirs }) => {
        const result = merge(undefined, ours, theirs);
        const lost = new Set((result.conflicts ?? []).map((r) => r.field));
        for (const key of FIELDS) {
          if (theirs[key] !== undefined) expect(canon(result[key])).toBe(canon(theirs[key]));
          else expect(canon(result[key])).toBe(canon(ours[key]));
          const conflicting =
            ours[key] !== undefined && theirs[key] !== undefined && !same(ours[key], theirs[key]);
          expect(lost.has(key)).toBe(conflicting);
        }
      }),
      RUNS,
    );
  });

  it('is deterministic and does not mutate its inputs', () => {
    fc.assert(
      fc.property(tripleArb(), ({ base, ours, theirs }) => {
        const before = canon([base, ours, theirs]);
        deepFreeze([base, ours, theirs]);
        const first = merge(base, ours, theirs);
        const second = merge(copy(base), copy(ours), copy(theirs));
        expect(canon(second)).toBe(canon(first));
        expect(canon([base, ours, theirs])).toBe(before);
      }),
      RUNS,
    );
  });

  it('agrees when both sides made the same change', () => {
    fc.assert(
      fc.property(tripleArb(), ({ base, ours }) => {
        const result = merge(base, ours, copy(ours));
        expect(canon(data(result))).toBe(canon(data(ours)));
        expect(result.conflicts).toBeUndefined();
      }),
      RUNS,
    );
  });
});

describe('mergeDocuments (deletions)', () => {
  it('keeps the master deletion whatever the client did', () => {
    fc.assert(
      fc.property(tripleArb(), fc.boolean(), ({ base, ours, theirs }, oursDeleted) => {
        const result = merge(base, { ...ours, _deleted: oursDeleted }, { ...theirs, _deleted: true });
        expect(result._deleted).toBe(true);
        expect(canon(data(result))).toBe(canon(data(theirs)));
      }),
      RUNS,
    );
  });

  it("undoes the client's deletion when the master was edited meanwhile, and says so", () => {
    fc.assert(
      fc.property(tripleArb(), ({ base, ours, theirs }) => {
        const masterEdited = !same(data(theirs), data(base));
        const result = merge(base, { ...ours, _deleted: true }, theirs);
        if (masterEdited) {
          expect(result._deleted).toBe(false);
          expect(canon(data(result))).toBe(canon(data(theirs)));
          expect(result.conflicts).toEqual([{ field: '_deleted', lostValue: true, at: AT, by: BY }]);
        } else {
          expect(result._deleted).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("lets the client's deletion through when the master changed only its conflict list", () => {
    const base = { ...sampleStop(), _deleted: false };
    const theirs = { ...base, conflicts: [{ field: 'note', lostValue: 'x', at: AT }] };
    const result = mergeDocuments(base, { ...base, _deleted: true }, theirs, { at: AT });
    expect(result._deleted).toBe(true);
  });

  it('keeps a restored document alive', () => {
    const base = { ...sampleStop(), _deleted: true };
    const theirs = { ...sampleStop({ note: 'restored' }), _deleted: false };
    const ours = { ...sampleStop({ startTime: '11:00' }), _deleted: true };
    const result = mergeDocuments(base, ours, theirs, { at: AT });
    expect(result).toMatchObject({ _deleted: false, note: 'restored', startTime: '11:00' });
  });
});

// ---------------------------------------------------------------------------------------
// Real documents: a merge of valid documents is a valid document.
// ---------------------------------------------------------------------------------------

function pick<T>(pool: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...pool);
}

const stopEditArb: fc.Arbitrary<Partial<Stop>> = fc.record(
  {
    day: pick([0, 1, 2]),
    orderKey: pick(['a0', 'a1', 'a0V']),
    startTime: pick(['09:00', '13:30', null]),
    durationMinutes: pick([30, 90, null]),
    place: pick<Stop['place']>([
      sampleStop().place,
      { name: 'Free place' },
      { name: 'Cafe', lat: 33.5, lng: 126.5, address: null, attractionId: null },
    ]),
    category: pick(['food', 'sightseeing', 'lodging'] as const),
    cost: pick<Stop['cost']>([null, { amount: 1000, currency: 'KRW' }, { amount: 350, currency: 'USD' }]),
    note: pick(['', 'bring cash', 'closed on Mondays']),
  },
  { requiredKeys: [] },
);

const datePairs = [
  ['2025-04-01', '2025-04-04'],
  ['2025-04-03', '2025-04-03'],
  ['2025-04-05', '2025-04-09'],
  ['2025-03-28', '2025-04-02'],
] as const;

const dates = ['2025-03-30', '2025-04-01', '2025-04-02', '2025-04-03', '2025-04-06'] as const;
/** A date edit: none, both dates, or only one of them (as a user moving one end would). */
const dateEditArb: fc.Arbitrary<Partial<Trip>> = fc.oneof(
  fc.constant({}),
  pick(datePairs).map(([startDate, endDate]) => ({ startDate, endDate })),
  pick(dates).map((startDate) => ({ startDate })),
  pick(dates).map((endDate) => ({ endDate })),
);
const tripEditArb: fc.Arbitrary<Partial<Trip>> = fc
  .tuple(
    fc.record(
      {
        title: pick(['Jeju', 'Busan food trip']),
        currency: pick(['KRW', 'USD']),
        plannedBudget: pick([null, 500_000, 1_000_000]),
        destination: pick<Trip['destination']>([{}, { regionCode: '6' }, { text: 'Gangneung' }]),
        notes: pick(['', 'visa?']),
      },
      { requiredKeys: [] },
    ),
    dateEditArb,
  )
  .map(([rest, dateEdit]) => ({ ...rest, ...dateEdit }));

/** Apply an edit the way the UI would: an edit that breaks the date range is not allowed. */
function edited<T extends { startDate: string; endDate: string }>(doc: T, edit: Partial<Trip>): T {
  const next = { ...doc, ...edit };
  return next.endDate >= next.startDate ? next : { ...next, startDate: doc.startDate, endDate: doc.endDate };
}

describe('mergeDocuments (valid documents stay valid)', () => {
  it('for stops', () => {
    fc.assert(
      fc.property(stopEditArb, stopEditArb, stopEditArb, (b, o, t) => {
        const base = { ...sampleStop(b), _deleted: false };
        const result = mergeDocuments(base, { ...base, ...o }, { ...base, ...t }, { at: AT, by: BY });
        const { _deleted, ...doc } = result;
        expect(_deleted).toBe(false);
        expect(stopSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
      }),
      RUNS,
    );
  });

  it('for trips, keeping endDate >= startDate (dates merge as one unit)', () => {
    fc.assert(
      fc.property(tripEditArb, tripEditArb, tripEditArb, (b, o, t) => {
        const base = edited({ ...sampleTrip(), _deleted: false }, b);
        const result = mergeDocuments(base, edited(base, o), edited(base, t), { at: AT });
        const { _deleted, ...doc } = result;
        expect(tripSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------------------

describe('mergeDocuments (examples)', () => {
  const base = { ...sampleStop(), _deleted: false };

  it('keeps edits to different fields from both sides', () => {
    const ours = { ...base, startTime: '10:00' };
    const theirs = { ...base, note: 'buy tickets online' };
    const result = mergeDocuments(base, ours, theirs, { at: AT });
    expect(result).toEqual({ ...base, startTime: '10:00', note: 'buy tickets online', _deleted: false });
    expect(result).not.toHaveProperty('conflicts');
  });

  it('records the overwritten value of a same-field conflict', () => {
    const ours = { ...base, note: 'mine' };
    const theirs = { ...base, note: 'theirs' };
    const result = mergeDocuments(base, ours, theirs, { at: AT, by: BY });
    expect(result.note).toBe('theirs');
    expect(result.conflicts).toEqual([{ field: 'note', lostValue: 'mine', at: AT, by: BY }]);
  });

  it('merges nested objects as one unit', () => {
    const ours = { ...base, place: { ...base.place, name: 'Seongsan Ilchulbong' } };
    const theirs = { ...base, place: { ...base.place, address: 'Seogwipo' } };
    const result = mergeDocuments(base, ours, theirs, { at: AT });
    expect(result.place).toEqual(theirs.place);
    expect(result.conflicts).toEqual([{ field: 'place', lostValue: ours.place, at: AT }]);
  });

  it('merges trip dates as one unit', () => {
    const trip = { ...sampleTrip(), _deleted: false }; // 04-01 .. 04-04
    const ours = { ...trip, startDate: '2025-04-03' };
    const theirs = { ...trip, endDate: '2025-04-02' };
    const result = mergeDocuments(trip, ours, theirs, { at: AT });
    expect([result.startDate, result.endDate]).toEqual(['2025-04-01', '2025-04-02']);
    expect(result.conflicts).toEqual([{ field: 'startDate', lostValue: '2025-04-03', at: AT }]);
    // without the group, each field would be merged on its own (and break the rule)
    const ungrouped = mergeDocuments(trip, ours, theirs, { at: AT, groups: [] });
    expect([ungrouped.startDate, ungrouped.endDate]).toEqual(['2025-04-03', '2025-04-02']);
  });

  it('caps the conflict list, dropping the oldest records', () => {
    const old = Array.from({ length: MAX_CONFLICTS }, (_, i) => ({
      field: 'note',
      lostValue: `old ${i}`,
      at: AT,
    }));
    const wide: Doc = { id: 'w', conflicts: old };
    const ours: Doc = { id: 'w', conflicts: old };
    const theirs: Doc = { id: 'w', conflicts: old };
    for (let i = 0; i < 4; i += 1) {
      wide[`f${i}`] = 0;
      ours[`f${i}`] = 1;
      theirs[`f${i}`] = 2;
    }
    const result = merge(wide, ours, theirs);
    expect(result.conflicts).toHaveLength(MAX_CONFLICTS);
    expect(result.conflicts!.slice(-4).map((r) => r.field)).toEqual(['f0', 'f1', 'f2', 'f3']);
    expect(result.conflicts![0]!.lostValue).toBe('old 4');
  });

  it('keeps a dismissed conflict dismissed and adds records from both sides', () => {
    const r1: ConflictRecord = { field: 'note', lostValue: 'r1', at: AT };
    const r2: ConflictRecord = { field: 'note', lostValue: 'r2', at: AT };
    const r3: ConflictRecord = { field: 'cost', lostValue: null, at: AT };
    const b: Stop & { _deleted: boolean } = { ...base, conflicts: [r1] };
    const ours = { ...base, conflicts: [], startTime: '08:00' }; // dismissed r1
    const theirs = { ...base, conflicts: [r1, r2], note: 'x' }; // another merge added r2
    expect(mergeDocuments(b, ours, theirs, { at: AT }).conflicts).toEqual([r2]);
    const ours2 = { ...base, conflicts: [r1, r3], startTime: '08:00' };
    expect(mergeDocuments(b, ours2, theirs, { at: AT }).conflicts).toEqual([r1, r2, r3]);
  });

  it('does not record the same lost value twice', () => {
    const earlier = { field: 'note', lostValue: 'mine', at: '2025-03-01T00:00:00.000Z', by: BY };
    const ours = { ...base, note: 'mine', conflicts: [earlier] };
    const theirs = { ...base, note: 'theirs', conflicts: [earlier] };
    const b = { ...base, conflicts: [earlier] };
    expect(mergeDocuments(b, ours, theirs, { at: AT, by: BY }).conflicts).toEqual([earlier]);
  });

  it('ignores RxDB meta fields and refuses to merge different documents', () => {
    const meta = { _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
    const result = mergeDocuments(
      { ...base, ...meta },
      { ...base, ...meta, note: 'n' },
      { ...base, _rev: '2-b' },
      { at: AT },
    );
    expect(result).toEqual({ ...base, note: 'n', _deleted: false });
    expect(() => mergeDocuments(base, base, { ...base, id: 'other' })).toThrow(/different documents/);
  });
});

describe('conflictHandler (RxDB 17)', () => {
  const doc = { ...sampleStop(), _deleted: false };

  it('isEqual compares user data and the deletion flag, not RxDB meta', () => {
    const withMeta = { ...doc, _meta: { lwt: 123 }, _rev: '3-abc', _attachments: {} };
    expect(conflictHandler.isEqual(doc, withMeta, 'test')).toBe(true);
    expect(
      conflictHandler.isEqual(withMeta, { ...withMeta, _rev: '4-def', _meta: { lwt: 456 } }, 'test'),
    ).toBe(true);
    const { _deleted, ...noFlag } = doc;
    expect(conflictHandler.isEqual(noFlag as typeof doc, doc, 'test')).toBe(true);
    expect(conflictHandler.isEqual(doc, { ...doc, _deleted: true }, 'test')).toBe(false);
    expect(conflictHandler.isEqual(doc, { ...doc, note: 'x' }, 'test')).toBe(false);
    expect(conflictHandler.isEqual(doc, { ...doc, place: { ...doc.place, lat: 0 } }, 'test')).toBe(false);
    expect(conflictHandler.isEqual(doc, { ...doc, conflicts: [] }, 'test')).toBe(false);
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(conflictHandler.isEqual(doc, reordered as typeof doc, 'test')).toBe(true);
    expect(conflictHandler.isEqual(doc, { ...doc, extra: undefined } as typeof doc, 'test')).toBe(true);
  });

  it('resolve merges assumed master, new state and real master', async () => {
    const handler = createConflictHandler<Stop>({ by: BY, now: () => AT });
    const resolved = await handler.resolve(
      {
        assumedMasterState: doc,
        newDocumentState: { ...doc, note: 'mine', startTime: '07:00' },
        realMasterState: { ...doc, note: 'theirs', _meta: { lwt: 1 }, _rev: '2-x' } as typeof doc,
      },
      'test',
    );
    expect(resolved).toEqual({
      ...doc,
      note: 'theirs',
      startTime: '07:00',
      conflicts: [{ field: 'note', lostValue: 'mine', at: AT, by: BY }],
      _deleted: false,
    });
    const { _deleted, ...stored } = resolved;
    expect(stopSchema.safeParse(stored).success).toBe(true);
  });

  it('resolve works without an assumed master', async () => {
    const resolved = await conflictHandler.resolve(
      { newDocumentState: { ...doc, note: 'mine' }, realMasterState: doc },
      'test',
    );
    expect(resolved.note).toBe(doc.note);
    expect(resolved.conflicts).toHaveLength(1);
  });

  it('resolve takes the master as it is when the answer is a refusal (the master is the assumed one)', async () => {
    const mine = { ...doc, note: 'viewer scribble', _deleted: false };
    const master = { ...doc, _meta: { lwt: 1 }, _rev: '2-x' } as typeof doc;
    expect(isRefusal({ assumedMasterState: doc, realMasterState: master })).toBe(true);
    expect(
      await conflictHandler.resolve(
        { assumedMasterState: doc, newDocumentState: mine, realMasterState: master },
        'test',
      ),
    ).toEqual(doc);
    // A deletion refused the same way is undone.
    const deletion = { ...doc, _deleted: true };
    expect(
      await conflictHandler.resolve(
        { assumedMasterState: doc, newDocumentState: deletion, realMasterState: doc },
        'test',
      ),
    ).toEqual(doc);
    // Not a refusal: the master moved, or nothing was assumed.
    expect(isRefusal({ assumedMasterState: doc, realMasterState: { ...doc, note: 'x' } })).toBe(false);
    expect(isRefusal({ realMasterState: doc })).toBe(false);
  });

  it('jsonEqual and documentsEqual treat absent and undefined alike', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, { x: [2] }], [1, { x: [2] }])).toBe(true);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(documentsEqual({ id: '1' }, { id: '1', _deleted: false, _rev: 'x' })).toBe(true);
  });
});
