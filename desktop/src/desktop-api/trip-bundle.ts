/**
 * A trip with everything that belongs to it, as it crosses the IPC boundary (export) and as
 * it is stored in an exported trip file (`.hamgaja`, JSON). The document schemas come from
 * @hamgaja/shared; this file only adds the envelope and the cross-document rules.
 */
import { z } from 'zod';
import {
  checklistItemSchema,
  expenseSchema,
  isoDateTimeSchema,
  stopSchema,
  tripDayCount,
  tripSchema,
} from '@hamgaja/shared';

/** Upper bounds that keep one IPC message or file to a sane size. */
export const MAX_BUNDLE_STOPS = 5_000;
export const MAX_BUNDLE_CHECKLIST_ITEMS = 5_000;
export const MAX_BUNDLE_EXPENSES = 10_000;

export const tripBundleShape = {
  trip: tripSchema,
  stops: z.array(stopSchema).max(MAX_BUNDLE_STOPS),
  checklistItems: z.array(checklistItemSchema).max(MAX_BUNDLE_CHECKLIST_ITEMS),
  expenses: z.array(expenseSchema).max(MAX_BUNDLE_EXPENSES),
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
}

export const tripBundleSchema = z.strictObject(tripBundleShape).superRefine(checkBundle);
export type TripBundle = z.infer<typeof tripBundleSchema>;

// ---------------------------------------------------------------------------------------
// The exported trip file
// ---------------------------------------------------------------------------------------

/** File extension of an exported trip (registered as a file association by the installers). */
export const TRIP_FILE_EXTENSION = 'hamgaja';
export const TRIP_FILE_MIME_TYPE = 'application/vnd.hamgaja.trip+json';
/** Marks a JSON document as a Hamgaja trip file. */
export const TRIP_FILE_FORMAT = 'hamgaja-trip';
/**
 * Bump on an incompatible change of the file layout (older apps then refuse newer files).
 * 2: stops carry `travelMode` (stops schema version 1).
 */
export const TRIP_FILE_VERSION = 2;
/** The oldest file version still read: its documents are upgraded to the current shape (trip-json.ts). */
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
