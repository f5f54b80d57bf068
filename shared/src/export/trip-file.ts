/**
 * A trip with everything that belongs to it, and the trip file (`.hamgaja`, JSON) that carries
 * it between apps: written by export, read back by import in the web and desktop apps. The
 * document schemas are the synced ones; this file adds the versioned envelope and the
 * cross-document rules. Reading upgrades every document of every collection to the current
 * shape (`upgradeDocument`, idempotent), whatever version wrote the file.
 */
import { z } from 'zod';
import {
  checklistItemSchema,
  expenseSchema,
  isoDateTimeSchema,
  reservationSchema,
  stopSchema,
  tripDayCount,
  tripSchema,
  type CollectionName,
} from '../sync/documents.js';
import { upgradeDocument } from '../sync/migrations.js';

/** Upper bounds that keep one IPC message or file to a sane size. */
export const MAX_BUNDLE_STOPS = 5_000;
export const MAX_BUNDLE_CHECKLIST_ITEMS = 5_000;
export const MAX_BUNDLE_EXPENSES = 10_000;
export const MAX_BUNDLE_RESERVATIONS = 5_000;
/** Files larger than this are not trip files (a 5,000-stop trip is well under 10 MB). */
export const MAX_TRIP_FILE_BYTES = 20 * 1024 * 1024;

export const tripBundleShape = {
  trip: tripSchema,
  stops: z.array(stopSchema).max(MAX_BUNDLE_STOPS),
  checklistItems: z.array(checklistItemSchema).max(MAX_BUNDLE_CHECKLIST_ITEMS),
  expenses: z.array(expenseSchema).max(MAX_BUNDLE_EXPENSES),
  /** Absent = none (files before version 4 carry none). */
  reservations: z.array(reservationSchema).max(MAX_BUNDLE_RESERVATIONS).optional(),
};

type BundleLike = z.infer<z.ZodObject<typeof tripBundleShape>>;

/** Children must belong to the trip, stops must fall within its days, ids must be unique. */
function checkBundle(bundle: BundleLike, ctx: z.RefinementCtx): void {
  const { trip } = bundle;
  const days = tripDayCount(trip.startDate, trip.endDate);
  const children = [
    ['stops', bundle.stops],
    ['checklistItems', bundle.checklistItems],
    ['expenses', bundle.expenses],
    ['reservations', bundle.reservations ?? []],
  ] as const;
  for (const [key, list] of children) {
    const seen = new Set<string>();
    list.forEach((doc, index) => {
      if (doc.tripId !== trip.id)
        ctx.addIssue({ code: 'custom', path: [key, index, 'tripId'], message: 'belongs to another trip' });
      if (seen.has(doc.id))
        ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: 'duplicate id' });
      seen.add(doc.id);
    });
  }
  bundle.stops.forEach((stop, index) => {
    if (stop.day >= days)
      ctx.addIssue({
        code: 'custom',
        path: ['stops', index, 'day'],
        message: 'after the last day of the trip',
      });
  });
  const stopIds = new Set(bundle.stops.map((s) => s.id));
  bundle.expenses.forEach((expense, index) => {
    if (expense.stopId !== null && !stopIds.has(expense.stopId))
      ctx.addIssue({ code: 'custom', path: ['expenses', index, 'stopId'], message: 'unknown stop' });
  });
  const expenseIds = new Set(bundle.expenses.map((e) => e.id));
  bundle.reservations?.forEach((reservation, index) => {
    if (reservation.expenseId !== null && !expenseIds.has(reservation.expenseId))
      ctx.addIssue({
        code: 'custom',
        path: ['reservations', index, 'expenseId'],
        message: 'unknown expense',
      });
  });
}

export const tripBundleSchema = z.strictObject(tripBundleShape).superRefine(checkBundle);
export type TripBundle = z.infer<typeof tripBundleSchema>;

// ---------------------------------------------------------------------------------------
// The trip file
// ---------------------------------------------------------------------------------------

/** File extension of an exported trip (registered as a file association by the installers). */
export const TRIP_FILE_EXTENSION = 'hamgaja';
export const TRIP_FILE_MIME_TYPE = 'application/vnd.hamgaja.trip+json';
/** Marks a JSON document as a Hamgaja trip file. */
export const TRIP_FILE_FORMAT = 'hamgaja-trip';
/**
 * Bump whenever a synced collection's schema version changes (older apps then refuse newer
 * files; this app upgrades older files' documents with `upgradeDocument`).
 * 2: stops carry `travelMode` (stops schema version 1).
 * 3: expenses carry the captured exchange `rate` (expenses schema version 1).
 * 4: `reservations` (flights, stays, tickets; the reservations collection, schema version 0).
 */
export const TRIP_FILE_VERSION = 4;
/** The oldest file version still read. */
export const OLDEST_TRIP_FILE_VERSION = 1;

export const tripFileSchema = z
  .strictObject({
    format: z.literal(TRIP_FILE_FORMAT),
    version: z.int().min(OLDEST_TRIP_FILE_VERSION).max(TRIP_FILE_VERSION),
    exportedAt: isoDateTimeSchema,
    app: z.strictObject({ name: z.string().min(1).max(100), version: z.string().min(1).max(50) }),
    ...tripBundleShape,
  })
  .superRefine(checkBundle);
export type TripFile = z.infer<typeof tripFileSchema>;

export const tripFileErrorCodes = ['invalid_trip_file', 'trip_file_too_new'] as const;
export type TripFileErrorCode = (typeof tripFileErrorCodes)[number];

/** Why a file could not be read as a trip (stable `code`; `message` is for logs, not users). */
export class TripFileError extends Error {
  override readonly name = 'TripFileError';
  constructor(
    readonly code: TripFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TripJsonOptions {
  now: Date;
  appVersion: string;
}

export function tripToJson(bundle: TripBundle, options: TripJsonOptions): string {
  const file: TripFile = {
    format: TRIP_FILE_FORMAT,
    version: TRIP_FILE_VERSION,
    exportedAt: options.now.toISOString(),
    app: { name: 'Hamgaja', version: options.appVersion },
    trip: bundle.trip,
    stops: bundle.stops,
    checklistItems: bundle.checklistItems,
    expenses: bundle.expenses,
    ...(bundle.reservations ? { reservations: bundle.reservations } : {}),
  };
  return `${JSON.stringify(tripFileSchema.parse(file), null, 2)}\n`;
}

const headerSchema = z.looseObject({ format: z.unknown(), version: z.unknown() });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every document of the file in the current shape of its collection (other values untouched). */
function upgradeFile(data: Record<string, unknown>): Record<string, unknown> {
  const upgrade = (collection: CollectionName, value: unknown) =>
    isRecord(value) ? upgradeDocument(collection, value) : value;
  const list = (collection: CollectionName, value: unknown) =>
    Array.isArray(value) ? value.map((doc) => upgrade(collection, doc)) : value;
  return {
    ...data,
    trip: upgrade('trips', data.trip),
    stops: list('stops', data.stops),
    checklistItems: list('checklistItems', data.checklistItems),
    expenses: list('expenses', data.expenses),
    ...(data.reservations === undefined ? {} : { reservations: list('reservations', data.reservations) }),
  };
}

/** A short, readable summary of a zod error (first few issues with their paths). */
function describeIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; ${error.issues.length - limit} more` : '';
  return parts.join('; ') + more;
}

/** Parses and validates a trip file; throws TripFileError (invalid_trip_file, trip_file_too_new). */
export function tripFromJson(text: string): TripBundle {
  if (text.length > MAX_TRIP_FILE_BYTES) throw new TripFileError('invalid_trip_file', 'too large');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new TripFileError('invalid_trip_file', 'not JSON');
  }
  const header = headerSchema.safeParse(data);
  if (!header.success || header.data.format !== TRIP_FILE_FORMAT)
    throw new TripFileError('invalid_trip_file', 'not a Hamgaja trip file');
  const version = header.data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > TRIP_FILE_VERSION)
    throw new TripFileError(
      'trip_file_too_new',
      `trip file version ${version} is newer than ${TRIP_FILE_VERSION}`,
    );
  const file = tripFileSchema.safeParse(upgradeFile(header.data));
  if (!file.success) throw new TripFileError('invalid_trip_file', describeIssues(file.error));
  const { trip, stops, checklistItems, expenses, reservations } = file.data;
  return { trip, stops, checklistItems, expenses, ...(reservations ? { reservations } : {}) };
}

/** `tripFromJson` as a result: the bundle, or the error code of a refused file. */
export function readTripFile(
  text: string,
): { ok: true; bundle: TripBundle } | { ok: false; code: TripFileErrorCode; detail: string } {
  try {
    return { ok: true, bundle: tripFromJson(text) };
  } catch (error) {
    if (error instanceof TripFileError) return { ok: false, code: error.code, detail: error.message };
    throw error;
  }
}
