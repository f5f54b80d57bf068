/**
 * The end-of-seed verdict: convergence of every device with what its user may see, no lost
 * acknowledged write, and the server-side invariants of rules 11 and 12.
 */
import { RXDB_META_FIELDS } from '@hamgaja/shared';
import {
  COLLECTIONS,
  type Collection,
  type DeviceEvent,
  type Doc,
  type PushRecord,
  type View,
} from './protocol.js';
import type { UserKey, World } from './ops.js';

/** Latest state per id of one user's fresh pull, tombstones included. */
export type PulledState = Record<Collection, Map<string, Doc>>;

export interface CheckInput {
  world: World;
  devices: { name: string; user: UserKey; view: View }[];
  /** Fresh pulls (empty checkpoint, paged until empty) with each user's token. */
  pulls: Record<UserKey, PulledState>;
  /** Every stored document of the seed, read from the server's database. */
  stored: PulledState;
  /** Every push request of every device, with its answer. */
  pushes: PushRecord[];
}

export interface Verdict {
  divergent: string[];
  lost: string[];
  invariants: string[];
}

const META = new Set(RXDB_META_FIELDS);

/** JSON text with sorted keys and an explicit boolean `_deleted`: equal documents, equal keys. */
export function canonical(doc: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(doc)) if (!META.has(key) && doc[key] !== undefined) out[key] = doc[key];
  out._deleted = Boolean(doc._deleted);
  return stable(out);
}

function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(obj[k])}`)
    .join(',')}}`;
}

const tombstoneOf = (doc: Doc): Doc => ({ ...doc, _deleted: true });

/** A short description of a document state for failure lines. */
function brief(doc: Doc | undefined): string {
  if (!doc) return 'absent';
  const text = canonical(doc);
  return `${doc._deleted ? 'deleted ' : ''}${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

const clip = (value: unknown): string => {
  const text = value === undefined ? 'absent' : stable(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The fields whose values differ between two states of a document. */
function differingFields(a: Doc, b: Doc): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !META.has(k)));
  return [...keys].filter((k) => stable(a[k]) !== stable(b[k])).sort();
}

/**
 * Convergence: a device's live documents (every collection, RxDB meta stripped) equal the
 * live documents of a fresh pull with its user's token. Nothing is ignored, `conflicts`
 * included: the merge's conflict records are replicated fields like any other, so a device
 * whose records differ from the server's shows the user something the server does not have.
 */
function checkConvergence(input: CheckInput, out: string[]): void {
  const everything = input.stored;
  for (const device of input.devices) {
    const pulled = input.pulls[device.user];
    for (const collection of COLLECTIONS) {
      const local = new Map(device.view[collection].map((d) => [d.id, d]));
      const server = new Map([...pulled[collection]].filter(([, d]) => !d._deleted));
      for (const [id, doc] of local) {
        const master = server.get(id);
        if (!master) {
          const state = everything[collection].get(id);
          const where = !state
            ? 'never stored on the server'
            : state._deleted
              ? 'deleted on the server'
              : `live on the server but not visible to ${device.user}`;
          out.push(`${device.name}: ${collection}/${id} live on the device, ${where}`);
        } else if (canonical(doc) !== canonical(master)) {
          const fields = differingFields(doc, master);
          const values = fields.map((f) => `${f}: device ${clip(doc[f])}, server ${clip(master[f])}`);
          out.push(`${device.name}: ${collection}/${id} differs from the server (${values.join('; ')})`);
        }
      }
      for (const id of server.keys()) {
        if (!local.has(id))
          out.push(`${device.name}: ${collection}/${id} live on the server, missing on the device`);
      }
    }
  }
}

/**
 * No acknowledged write is lost. Every document state the server took (a non-conflict row of a
 * 200 push answer) must still be the server's state, or the server's state must descend from it.
 *
 * Why this is sound: the server writes a row only when its assumed master equals the stored
 * state (or it creates the document), so every state it ever stored is reached from the
 * previous one by an edge `assumedMasterState -> newDocumentState` of some pushed row, or by a
 * cascade delete (`state -> state with _deleted: true`, the trip's deletion tombstoning its
 * children). Every push of every device goes through its fetch wrapper and is recorded, so the
 * graph below holds every edge the server could have taken: rows it acknowledged, and rows whose
 * answer never arrived (they may or may not have been written). Rows answered as conflicts or
 * refused (4xx: the batch is all or nothing) wrote nothing and add no edge. If the server's
 * final state is not reachable from an acknowledged state, the server either dropped that
 * state (lost, e.g. not durable across a restart) or replaced it by a write whose assumed
 * master was not the stored state (a stale push or a replayed body overwrote it): both are
 * lost writes. The check cannot miss-fire on a correct server, and repeated states (a done
 * flag toggled back) only add paths. One equivalence: an acknowledged tombstone of a document
 * the server holds no row for is that absence (a device deleting what it may not create).
 */
function checkLostWrites(input: CheckInput, out: string[]): void {
  type Node = { doc: Doc; next: Set<string> };
  const graphs = new Map<string, Map<string, Node>>();
  const acked = new Map<string, { key: string; doc: Doc; record: PushRecord }[]>();
  const node = (graph: Map<string, Node>, doc: Doc): string => {
    const key = canonical(doc);
    if (!graph.has(key)) graph.set(key, { doc, next: new Set() });
    return key;
  };
  for (const record of input.pushes) {
    if (record.status !== null && record.status !== 200 && record.status < 500) continue;
    const conflicting = new Set(record.conflicts.map((d) => d.id));
    for (const row of record.rows) {
      const doc = row.newDocumentState;
      if (conflicting.has(doc.id)) continue;
      const docKey = `${record.collection}/${doc.id}`;
      let graph = graphs.get(docKey);
      if (!graph) graphs.set(docKey, (graph = new Map()));
      const to = node(graph, doc);
      if (row.assumedMasterState) graph.get(node(graph, row.assumedMasterState))!.next.add(to);
      if (record.status === 200) {
        const list = acked.get(docKey) ?? [];
        list.push({ key: to, doc, record });
        acked.set(docKey, list);
      }
    }
  }
  for (const [docKey, states] of acked) {
    const [collection, id] = docKey.split('/') as [Collection, string];
    const final = input.stored[collection].get(id);
    const graph = graphs.get(docKey)!;
    const finalKey = final ? canonical(final) : undefined;
    const reaches = (from: string, target = finalKey): boolean => {
      if (target === undefined) return false;
      const seen = new Set<string>([from]);
      const queue = [from];
      while (queue.length > 0) {
        const key = queue.shift()!;
        if (key === target) return true;
        const here = graph.get(key);
        const next = [...(here?.next ?? [])];
        // The server may tombstone any state (cascade delete of a trip's children).
        if (here && !here.doc._deleted) next.push(canonical(tombstoneOf(here.doc)));
        for (const n of next) {
          if (seen.has(n)) continue;
          seen.add(n);
          if (!graph.has(n)) {
            if (n === target) return true;
            continue;
          }
          queue.push(n);
        }
      }
      return false;
    };
    const lost = new Map<string, (typeof states)[number]>();
    for (const state of states) {
      // A tombstone of a document the server never stored is what the server holds (rule 11:
      // it answers a document that may not live there, already deleted on the device, with
      // nothing): absence and that tombstone are the same state.
      if (!final && state.doc._deleted) continue;
      if (!lost.has(state.key) && !reaches(state.key)) lost.set(state.key, state);
    }
    // An acknowledged state that led to a later lost one is implied by it: name the latest only.
    for (const [key, { doc, record }] of lost) {
      if ([...lost.keys()].some((other) => other !== key && reaches(key, other))) continue;
      out.push(
        `${docKey}: state acknowledged to ${record.device} (${record.kind}) is lost: acked ${brief(doc)}; server ${brief(final)}`,
      );
    }
  }
}

/**
 * Rule 11: no child document is stored live in a deleted (or unknown) trip. Rule 12: an
 * expense's stop is a stop of the same trip; its payer and sharers are or were members.
 * Checked on every stored document of the seed.
 */
function checkInvariants(input: CheckInput, out: string[]): void {
  const all = input.stored;
  for (const collection of ['stops', 'checklistItems', 'expenses', 'reservations', 'documents'] as const) {
    for (const doc of all[collection].values()) {
      if (doc._deleted) continue;
      const trip = all.trips.get(String(doc.tripId));
      if (!trip || trip._deleted)
        out.push(
          `${collection}/${doc.id} is live in ${trip ? 'deleted' : 'unknown'} trip ${String(doc.tripId)}`,
        );
    }
  }
  for (const expense of all.expenses.values()) {
    if (expense._deleted) continue;
    const tripId = String(expense.tripId);
    if (expense.stopId !== null) {
      const stop = all.stops.get(String(expense.stopId));
      if (!stop || stop.tripId !== tripId)
        out.push(
          `expenses/${expense.id} points at ${stop ? 'a stop of another trip' : 'an unknown stop'} ${String(expense.stopId)}`,
        );
    }
    const ever = input.world.trips.get(tripId)?.ever ?? new Set<string>();
    const people = [expense.paidBy, ...(expense.splitAmong as unknown[])].map(String);
    const strangers = people.filter((p) => p !== input.world.userIds.O && !ever.has(p));
    if (strangers.length > 0) out.push(`expenses/${expense.id} names non-members ${strangers.join(', ')}`);
  }
  for (const reservation of all.reservations.values()) {
    if (reservation._deleted || reservation.expenseId === null) continue;
    const expense = all.expenses.get(String(reservation.expenseId));
    if (!expense || expense.tripId !== reservation.tripId)
      out.push(
        `reservations/${reservation.id} points at ${expense ? 'an expense of another trip' : 'an unknown expense'} ${String(reservation.expenseId)}`,
      );
  }
  for (const document of all.documents.values()) {
    if (document._deleted) continue;
    const tripId = String(document.tripId);
    if (document.reservationId !== null) {
      const reservation = all.reservations.get(String(document.reservationId));
      if (!reservation || reservation.tripId !== tripId)
        out.push(
          `documents/${document.id} points at ${reservation ? 'a reservation of another trip' : 'an unknown reservation'} ${String(document.reservationId)}`,
        );
    }
    const ever = input.world.trips.get(tripId)?.ever ?? new Set<string>();
    const by = String(document.addedBy);
    if (by !== input.world.userIds.O && !ever.has(by))
      out.push(`documents/${document.id} names non-member ${by}`);
  }
}

export function check(input: CheckInput): Verdict {
  const verdict: Verdict = { divergent: [], lost: [], invariants: [] };
  checkConvergence(input, verdict.divergent);
  checkLostWrites(input, verdict.lost);
  checkInvariants(input, verdict.invariants);
  return verdict;
}

/** Documents named in failure lines, as `collection/id`. */
export function suspects(lines: readonly string[]): string[] {
  const found = new Set<string>();
  for (const line of lines)
    for (const m of line.matchAll(
      /\b(trips|stops|checklistItems|expenses|reservations|documents)\/([A-Za-z0-9_-]+)/g,
    ))
      found.add(m[0]);
  return [...found];
}

/**
 * What a failure line's document went through, in time order: every push row of it (all
 * devices) with the answer, and every local write, received state and resolved conflict on the
 * devices.
 */
export function docHistory(
  pushes: readonly PushRecord[],
  events: readonly DeviceEvent[],
  docKey: string,
  since: number,
): string[] {
  const [collection, id] = docKey.split('/');
  const lines: [number, string][] = [];
  for (const e of events) {
    if (e.collection !== collection || e.doc.id !== id) continue;
    lines.push([
      e.at,
      `+${e.at - since}ms ${e.device} ${e.kind}${e.rev ? ` ${e.rev.split('-')[0]}` : ''}: ${brief(e.doc)}`,
    ]);
  }
  for (const record of pushes) {
    if (record.collection !== collection) continue;
    for (const row of record.rows) {
      if (row.newDocumentState.id !== id) continue;
      const conflict = record.conflicts.find((d) => d.id === id);
      const answer =
        record.status === null
          ? 'no answer'
          : conflict
            ? `conflict, master ${brief(conflict)}`
            : `HTTP ${record.status}`;
      const base = row.assumedMasterState;
      const change = base
        ? differingFields(base, row.newDocumentState)
            .map((f) => `${f}: ${clip(base[f])} -> ${clip(row.newDocumentState[f])}`)
            .join('; ') || 'no change'
        : `new ${brief(row.newDocumentState)}`;
      lines.push([
        record.sentAt,
        `+${record.sentAt - since}ms ${record.device} ${record.kind} (answered +${record.answeredAt - since}ms): ${change} => ${answer}`,
      ]);
    }
  }
  return lines.sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}
