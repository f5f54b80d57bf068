/**
 * The local writes a device makes, generated from a seeded Rng and what the device holds right
 * now (its view), the way the app would make them: valid documents, expenses naming members of
 * their trip and (optionally) a stop of the same trip, order keys from the app's own helpers.
 */
import { keysForMoveTo, replicatedDocumentSchemas } from '@hamgaja/shared';
import type { Rng } from './prng.js';
import type { Collection, Doc, LocalWrite, View } from './protocol.js';

export type UserKey = 'O' | 'E' | 'V';
export type Role = 'editor' | 'viewer';

export interface TripModel {
  id: string;
  /** Deleted by an owner's device (maybe not on the server yet). */
  deleted: boolean;
  /** Current roles of the editor and viewer accounts, as the server answered the REST calls. */
  roles: Partial<Record<'E' | 'V', Role>>;
  /** Every user id that is or was a member (rule 12: expenses may name them). */
  ever: Set<string>;
}

/** What the orchestrator knows about the seed's world (server-authoritative where it matters). */
export class World {
  readonly trips = new Map<string, TripModel>();
  private counter = 0;

  constructor(
    readonly seed: number,
    /** Unique per run: seeds replayed against the same server never reuse an id. */
    private readonly runTag: string,
    readonly userIds: Record<UserKey, string>,
  ) {}

  /** Part of every id of the seed's documents (and of no other seed's or run's). */
  get idTag(): string {
    return `${this.runTag}s${this.seed}n`;
  }

  /** Ids sort in creation order (fixed-width counter), so picks by index are stable. */
  newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.idTag}${String(this.counter).padStart(4, '0')}`;
  }

  /** A text no other write of the run uses: every edit leaves a distinct document state. */
  marker(): string {
    this.counter += 1;
    return `s${this.seed}.${this.counter}`;
  }

  /** People who may be named in an expense of the trip now (the owner and the current members). */
  members(tripId: string): string[] {
    const trip = this.trips.get(tripId);
    const ids = [this.userIds.O];
    if (trip?.roles.E) ids.push(this.userIds.E);
    if (trip?.roles.V) ids.push(this.userIds.V);
    return ids;
  }

  liveTrips(): TripModel[] {
    return [...this.trips.values()].filter((t) => !t.deleted);
  }

  /** Live trips where `who` has the role (any role when undefined). */
  sharedWith(who: 'E' | 'V', role?: Role): TripModel[] {
    return this.liveTrips().filter((t) => (role ? t.roles[who] === role : t.roles[who] !== undefined));
  }
}

export interface DeviceSide {
  name: string;
  user: UserKey;
  /** Snapshots of documents this device deleted, for "undo delete". */
  removed: { collection: Collection; doc: Doc }[];
}

const CHILDREN: readonly Collection[] = ['stops', 'checklistItems', 'expenses', 'reservations', 'documents'];
const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
const RESERVATION_TYPES = ['flight', 'train', 'bus', 'ferry', 'stay', 'carRental', 'event', 'other'] as const;
const CATEGORIES = ['sightseeing', 'food', 'lodging', 'shopping', 'activity', 'transport', 'other'] as const;
const TRAVEL_MODES = [null, 'walk', 'transit', 'car'] as const;
const PLACES = [
  { name: 'Seongsan Ilchulbong', lat: 33.4581, lng: 126.9425 },
  { name: 'Gyeongbokgung', lat: 37.5796, lng: 126.977 },
  { name: 'Haeundae Beach', lat: 35.1587, lng: 129.1604 },
  { name: 'Jeonju Hanok Village' },
];

const date = (day: number) => `2025-05-${String(1 + day).padStart(2, '0')}`;
const time = (rng: Rng) => `${String(rng.int(6, 22)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`;

export function newTrip(rng: Rng, world: World): Doc {
  const start = rng.int(0, 5);
  return {
    id: world.newId('t'),
    title: `Trip ${world.marker()}`,
    description: '',
    destination: { regionCode: rng.pick(['1', '6', '39'])!, text: rng.pick(['Seoul', 'Busan', 'Jeju'])! },
    startDate: date(start),
    endDate: date(start + rng.int(0, 4)),
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: rng.chance(0.5) ? null : rng.int(1, 100) * 10_000,
    coverImage: null,
    notes: '',
    ownerId: world.userIds.O,
    _deleted: false,
  };
}

function newChild(rng: Rng, world: World, collection: Collection, tripId: string, view: View): Doc {
  // Inserted at a random place of its trip's list, as the app does (keysForMoveTo of a new item).
  const siblings = (view[collection] as Doc[]).filter((d) => d.tripId === tripId);
  const key =
    keysForMoveTo(
      siblings.map((d) => ({ id: d.id, orderKey: String(d.orderKey) })),
      'new',
      rng.int(0, siblings.length),
      { random: () => rng.next() },
    ).find((u) => u.id === 'new')?.orderKey ?? 'a0';
  switch (collection) {
    case 'stops':
      return {
        id: world.newId('p'),
        tripId,
        day: rng.int(0, 3),
        orderKey: key,
        startTime: rng.chance(0.7) ? time(rng) : null,
        durationMinutes: rng.chance(0.7) ? rng.int(1, 16) * 15 : null,
        place: rng.pick(PLACES)!,
        category: rng.pick(CATEGORIES)!,
        cost: rng.chance(0.5) ? { amount: rng.int(1, 50) * 1000, currency: 'KRW' } : null,
        note: world.marker(),
        travelMode: rng.chance(0.5) ? (rng.pick(TRAVEL_MODES) ?? null) : null,
        _deleted: false,
      };
    case 'checklistItems':
      return {
        id: world.newId('c'),
        tripId,
        text: `Item ${world.marker()}`,
        done: false,
        orderKey: key,
        _deleted: false,
      };
    case 'expenses': {
      const members = world.members(tripId);
      const stops = view.stops.filter((s) => s.tripId === tripId);
      return {
        id: world.newId('x'),
        tripId,
        amount: rng.int(1, 200) * 500,
        currency: 'KRW',
        rate: null,
        paidBy: rng.pick(members)!,
        splitAmong: rng.subset(members, 1),
        category: rng.pick(CATEGORIES)!,
        date: date(rng.int(0, 5)),
        stopId: rng.chance(0.4) ? (rng.pick(stops)?.id ?? null) : null,
        note: world.marker(),
        _deleted: false,
      };
    }
    case 'reservations': {
      const day = rng.int(0, 5);
      const expenses = view.expenses.filter((x) => x.tripId === tripId);
      return {
        id: world.newId('r'),
        tripId,
        type: rng.pick(RESERVATION_TYPES)!,
        title: `Booking ${world.marker()}`,
        provider: '',
        confirmationCode: rng.chance(0.5) ? `K${rng.int(10_000, 99_999)}` : '',
        start: { date: date(day), time: rng.chance(0.7) ? time(rng) : null, timeZone: 'Asia/Seoul' },
        end: rng.chance(0.7) ? { date: date(day + rng.int(1, 3)), time: null, timeZone: 'Asia/Tokyo' } : null,
        from: rng.chance(0.6) ? rng.pick(PLACES)! : null,
        to: rng.chance(0.4) ? rng.pick(PLACES)! : null,
        seats: '',
        cost: rng.chance(0.5) ? { amount: rng.int(1, 50) * 1000, currency: 'KRW' } : null,
        expenseId: rng.chance(0.3) ? (rng.pick(expenses)?.id ?? null) : null,
        note: world.marker(),
        _deleted: false,
      };
    }
    case 'documents': {
      const reservations = view.reservations.filter((r) => r.tripId === tripId);
      return {
        id: world.newId('d'),
        tripId,
        reservationId: rng.chance(0.5) ? (rng.pick(reservations)?.id ?? null) : null,
        name: `ticket-${world.marker()}.pdf`,
        mimeType: rng.pick(DOCUMENT_TYPES)!,
        size: rng.int(1, 20_000_000),
        // The metadata syncs on its own; whether the file was uploaded is not the fuzz's concern.
        sha256: Array.from({ length: 8 }, () => rng.int(0, 0xffffffff).toString(16).padStart(8, '0')).join(
          '',
        ),
        addedBy: rng.pick(world.members(tripId))!,
        _deleted: false,
      };
    }
    case 'trips':
      return newTrip(rng, world);
  }
}

/**
 * A change of one or a few fields, as an edit form would make it. Every change carries a fresh
 * marker, so no document ever returns to an earlier state: the server compares whole states
 * (compare-and-set on the assumed master), and after A -> B -> A a replayed "A -> B" would
 * legitimately apply again (ABA), which says nothing about idempotency (rule 7) — the replay
 * fault must find real problems only.
 */
function patchFor(
  rng: Rng,
  world: World,
  collection: Collection,
  doc: Doc,
  view: View,
): Record<string, unknown> {
  const marker = world.marker();
  switch (collection) {
    case 'trips':
      switch (rng.int(0, 4)) {
        case 0:
          return { title: `Trip ${marker}` };
        case 1:
          return { notes: marker };
        case 2:
          return { description: marker, plannedBudget: rng.int(1, 100) * 10_000 };
        case 3: {
          const start = rng.int(0, 5);
          return { startDate: date(start), endDate: date(start + rng.int(0, 4)), notes: marker };
        }
        default:
          return { destination: { text: marker } };
      }
    case 'stops':
      switch (rng.int(0, 3)) {
        case 0:
          return { note: marker };
        case 1:
          return {
            startTime: time(rng),
            durationMinutes: rng.int(1, 16) * 15,
            travelMode: rng.pick(TRAVEL_MODES) ?? null,
            note: marker,
          };
        case 2:
          return { place: { ...rng.pick(PLACES)!, address: marker } };
        default:
          return {
            category: rng.pick(CATEGORIES)!,
            cost: { amount: rng.int(1, 50) * 1000, currency: 'KRW' },
            note: marker,
          };
      }
    case 'checklistItems':
      return rng.chance(0.5) ? { text: `Item ${marker}` } : { done: !doc.done, text: `Item ${marker}` };
    case 'expenses': {
      const tripId = String(doc.tripId);
      switch (rng.int(0, 3)) {
        case 0:
          return { note: marker };
        case 1:
          return { amount: rng.int(1, 200) * 500, note: marker };
        case 2: {
          const stops = view.stops.filter((s) => s.tripId === tripId);
          return { stopId: rng.chance(0.5) ? (rng.pick(stops)?.id ?? null) : null, note: marker };
        }
        default: {
          const members = world.members(tripId);
          return { splitAmong: rng.subset(members, 1), note: marker };
        }
      }
    }
    case 'documents': {
      // Only the name and the reservation may change (the file is fixed: another file is another document).
      const reservations = view.reservations.filter((r) => r.tripId === String(doc.tripId));
      return rng.chance(0.5)
        ? { name: `ticket-${marker}.pdf` }
        : {
            reservationId: rng.chance(0.5) ? (rng.pick(reservations)?.id ?? null) : null,
            name: `ticket-${marker}.pdf`,
          };
    }
    case 'reservations': {
      const tripId = String(doc.tripId);
      switch (rng.int(0, 2)) {
        case 0:
          return { note: marker };
        case 1:
          return { confirmationCode: `K${rng.int(10_000, 99_999)}`, seats: marker };
        default: {
          const expenses = view.expenses.filter((x) => x.tripId === tripId);
          return { expenseId: rng.chance(0.5) ? (rng.pick(expenses)?.id ?? null) : null, note: marker };
        }
      }
    }
  }
}

function markerField(collection: Collection, marker: string): Record<string, unknown> {
  switch (collection) {
    case 'documents':
      return { name: `ticket-${marker}.pdf` };
    case 'trips':
      return { notes: marker };
    case 'checklistItems':
      return { text: `Item ${marker}` };
    case 'stops':
    case 'expenses':
    case 'reservations':
      return { note: marker };
  }
}

export type WriteKind =
  | 'createTrip'
  | 'editTrip'
  | 'deleteTrip'
  | 'createChild'
  | 'editChild'
  | 'deleteChild'
  | 'reorder'
  | 'restore';

/** What a write step did, for the step log and the orchestrator's model. */
export interface PlannedWrite {
  kind: WriteKind;
  writes: LocalWrite[];
  /** The document a delete removed (kept for "undo delete"). */
  removed?: { collection: Collection; doc: Doc };
  createdTrip?: string;
  deletedTrip?: string;
}

const WEIGHTS: Record<UserKey, Record<WriteKind, number>> = {
  O: {
    createTrip: 8,
    editTrip: 10,
    deleteTrip: 3,
    createChild: 22,
    editChild: 22,
    deleteChild: 8,
    reorder: 8,
    restore: 3,
  },
  // An editor may not delete a trip: the app would not offer it, but a stale or buggy client might try.
  E: {
    createTrip: 0,
    editTrip: 10,
    deleteTrip: 1,
    createChild: 22,
    editChild: 22,
    deleteChild: 8,
    reorder: 8,
    restore: 3,
  },
  V: {
    createTrip: 0,
    editTrip: 10,
    deleteTrip: 0,
    createChild: 15,
    editChild: 22,
    deleteChild: 5,
    reorder: 5,
    restore: 0,
  },
};

/**
 * One write of `device`, optionally limited to one trip. Undefined when the device holds
 * nothing the chosen kind could act on.
 */
export function planWrite(
  rng: Rng,
  world: World,
  device: DeviceSide,
  view: View,
  onlyTrip?: string,
  kind: WriteKind = rng.weighted(WEIGHTS[device.user]),
): PlannedWrite | undefined {
  const inTrip = (d: Doc) => onlyTrip === undefined || d.tripId === onlyTrip || d.id === onlyTrip;
  const trips = view.trips.filter(inTrip);
  switch (kind) {
    case 'createTrip': {
      const doc = newTrip(rng, world);
      return { kind, writes: [{ kind: 'insert', collection: 'trips', doc }], createdTrip: doc.id };
    }
    case 'editTrip': {
      const trip = rng.pick(trips);
      if (!trip) return undefined;
      return {
        kind,
        writes: [
          {
            kind: 'patch',
            collection: 'trips',
            id: trip.id,
            patch: patchFor(rng, world, 'trips', trip, view),
          },
        ],
      };
    }
    case 'deleteTrip': {
      const trip = rng.pick(trips);
      if (!trip) return undefined;
      return { kind, writes: [{ kind: 'remove', collection: 'trips', id: trip.id }], deletedTrip: trip.id };
    }
    case 'createChild': {
      const trip = rng.pick(trips);
      if (!trip) return undefined;
      const collection = rng.pick(CHILDREN)!;
      return {
        kind,
        writes: [{ kind: 'insert', collection, doc: newChild(rng, world, collection, trip.id, view) }],
      };
    }
    case 'editChild':
    case 'deleteChild': {
      const collection = rng.pick(CHILDREN)!;
      const doc = rng.pick((view[collection] as Doc[]).filter(inTrip));
      if (!doc) return undefined;
      if (kind === 'deleteChild')
        return { kind, writes: [{ kind: 'remove', collection, id: doc.id }], removed: { collection, doc } };
      return {
        kind,
        writes: [
          { kind: 'patch', collection, id: doc.id, patch: patchFor(rng, world, collection, doc, view) },
        ],
      };
    }
    case 'reorder': {
      const collection = rng.pick(['stops', 'checklistItems'] as const)!;
      const doc = rng.pick((view[collection] as Doc[]).filter(inTrip));
      if (!doc) return undefined;
      const list = (view[collection] as Doc[]).filter(
        (d) => d.tripId === doc.tripId && (collection !== 'stops' || d.day === doc.day),
      );
      const updates = keysForMoveTo(
        list.map((d) => ({ id: d.id, orderKey: String(d.orderKey) })),
        doc.id,
        rng.int(0, list.length),
        { random: () => rng.next() },
      );
      if (updates.length === 0) return undefined;
      return {
        kind,
        writes: updates.map((u) => ({
          kind: 'patch',
          collection,
          id: u.id,
          patch: { orderKey: u.orderKey },
        })),
      };
    }
    case 'restore': {
      const candidates = device.removed.filter((r) => inTrip(r.doc));
      const pick = rng.pick(candidates);
      if (!pick) return undefined;
      // Brought back with a fresh marker (see patchFor: no state repeats).
      const { _deleted: _, ...doc } = pick.doc;
      const marked = { ...doc, ...markerField(pick.collection, world.marker()) };
      return { kind, writes: [{ kind: 'insert', collection: pick.collection, doc: marked }] };
    }
  }
}

/**
 * The document a write would leave on the device, checked with the server's own schemas: an
 * invalid write is a bug of the fuzz (the server would refuse it for a reason of ours, not of
 * the sync). Returns a problem message or undefined.
 */
export function invalidWrite(write: LocalWrite, view: View): string | undefined {
  if (write.kind === 'remove') return undefined;
  const before =
    write.kind === 'patch' ? (view[write.collection] as Doc[]).find((d) => d.id === write.id) : undefined;
  if (write.kind === 'patch' && !before) return undefined;
  const doc = write.kind === 'insert' ? { ...write.doc, _deleted: false } : { ...before, ...write.patch };
  const result = replicatedDocumentSchemas[write.collection].safeParse(doc);
  if (result.success) return undefined;
  return `${write.collection} ${String(doc.id)}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}
