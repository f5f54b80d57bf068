/**
 * The convergence fuzz as a test (orchestrator.ts): real RxDB clients in worker threads against
 * the real server in its own processes, seeded operations and faults; every seed must end with
 * every device equal to a fresh pull of its user and no acknowledged write lost.
 *
 * SQLite: 100 seeds on one instance. MariaDB: 20 seeds, half on one instance, half on two
 * instances sharing Redis (with a SIGKILL of one instance in some seeds). A failure lists the
 * failing seeds with their reasons and the command that replays each.
 */
import { describe, expect, it } from 'vitest';
import { check, type CheckInput, type PulledState } from './checker.js';
import { World } from './ops.js';
import { reason, runFuzz, type FuzzOptions, type FuzzSummary } from './orchestrator.js';
import type { Doc, PushRecord, View } from './protocol.js';

const db = process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
/** Seeds run two at a time (two lanes: own server, own device workers). */
const LANES = 2;
/** Steps per seed: enough for a few shared trips, offline spells and scenarios, small enough for CI. */
const STEPS = { min: 30, max: 45 };

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

function failures(summary: FuzzSummary, options: Pick<FuzzOptions, 'db' | 'instances'>): string[] {
  return summary.results
    .filter((r) => !r.ok)
    .map(
      (r) =>
        `seed ${r.seed}: ${reason(r)}\n    replay: npm run fuzz -- --seed ${r.seed} --db ${options.db} --instances ${options.instances}`,
    );
}

async function fuzz(options: Pick<FuzzOptions, 'seeds' | 'instances'>): Promise<void> {
  const settings = { ...options, db, lanes: LANES, steps: STEPS } as const;
  const summary = await runFuzz(settings);
  console.log(summary.line);
  const failing = failures(summary, settings);
  expect(failing.length, `${summary.line}\n${failing.join('\n')}`).toBe(0);
}

// The checker on hand-made histories: it must flag what is wrong and nothing else.
const item = (text: string, deleted = false): Doc => ({
  id: 'c1',
  tripId: 't1',
  text,
  done: false,
  orderKey: 'a0',
  _deleted: deleted,
});
const trip: Doc = { id: 't1', title: 'Trip', ownerId: 'o', _deleted: false };
const empty = (): PulledState => ({
  trips: new Map(),
  stops: new Map(),
  checklistItems: new Map(),
  expenses: new Map(),
  reservations: new Map(),
  documents: new Map(),
});
const state = (...items: Doc[]): PulledState => {
  const s = empty();
  s.trips.set(trip.id, trip);
  for (const d of items) s.checklistItems.set(d.id, d);
  return s;
};
const push = (
  rows: { newDocumentState: Doc; assumedMasterState?: Doc }[],
  status: number | null,
  conflicts: Doc[] = [],
): PushRecord => ({
  device: 'O1',
  collection: 'checklistItems',
  rows,
  kind: 'push',
  sentAt: 0,
  answeredAt: 0,
  status,
  conflicts,
});
function verdictOf(stored: PulledState, pushes: PushRecord[], view?: View): ReturnType<typeof check> {
  const world = new World(1, 'x', { O: 'o', E: 'e', V: 'v' });
  const live = (s: PulledState): View => ({
    trips: [...s.trips.values()].filter((d) => !d._deleted),
    stops: [],
    checklistItems: [...s.checklistItems.values()].filter((d) => !d._deleted),
    expenses: [],
    reservations: [],
    documents: [],
  });
  const input: CheckInput = {
    world,
    devices: [{ name: 'O1', user: 'O', view: view ?? live(stored) }],
    pulls: { O: stored, E: empty(), V: empty() },
    stored,
    pushes,
  };
  return check(input);
}

describe('convergence fuzz checker', () => {
  const [a, b, c] = [item('A'), item('B'), item('C')];

  it('accepts a final state that descends from every acknowledged one (edges of unanswered rows, tombstones)', () => {
    const pushes = [
      push([{ newDocumentState: a }], 200),
      push([{ newDocumentState: b, assumedMasterState: a }], null),
      push([{ newDocumentState: c, assumedMasterState: b }], 200),
    ];
    expect(verdictOf(state(c), pushes)).toEqual({ divergent: [], lost: [], invariants: [] });
    expect(verdictOf(state(item('C', true)), pushes).lost).toEqual([]);
  });

  it('flags an acknowledged state the server no longer descends from', () => {
    const pushes = [
      push([{ newDocumentState: a }], 200),
      push([{ newDocumentState: b, assumedMasterState: a }], 200),
      // Answered as a conflict: wrote nothing, so it is no way from B to C.
      push([{ newDocumentState: c, assumedMasterState: a }], 200, [b]),
    ];
    expect(verdictOf(state(c), pushes).lost).toEqual([expect.stringContaining('checklistItems/c1')]);
    expect(verdictOf(state(), pushes).lost).toEqual([expect.stringContaining('server absent')]);
    expect(verdictOf(state(b), pushes).lost).toEqual([]);
  });

  it('flags a device that differs from its fresh pull, and a live child in a deleted trip', () => {
    const stored = state(b);
    stored.trips.set(trip.id, { ...trip, _deleted: true });
    const view: View = {
      trips: [trip],
      stops: [],
      checklistItems: [a],
      expenses: [],
      reservations: [],
      documents: [],
    };
    const verdict = verdictOf(stored, [], view);
    expect(verdict.divergent).toEqual([
      'O1: trips/t1 live on the device, deleted on the server',
      'O1: checklistItems/c1 differs from the server (text: device "A", server "B")',
    ]);
    expect(verdict.invariants).toEqual(['checklistItems/c1 is live in deleted trip t1']);
  });
});

describe(`convergence fuzz (${db})`, () => {
  if (db === 'sqlite') {
    it(
      '100 seeds converge with no lost write (1 instance)',
      () => fuzz({ seeds: range(1, 100), instances: 1 }),
      15 * 60_000,
    );
  } else {
    it(
      '10 seeds converge with no lost write (1 instance)',
      () => fuzz({ seeds: range(1, 10), instances: 1 }),
      10 * 60_000,
    );
    it(
      '10 seeds converge with no lost write (2 instances, Redis)',
      () => fuzz({ seeds: range(11, 10), instances: 2 }),
      10 * 60_000,
    );
  }
});
