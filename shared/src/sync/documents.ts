/**
 * Replicated documents: the one source of truth for the four synced collections.
 *
 * The RxDB JSON schemas (./rxdb-schemas.ts) are generated from these zod schemas, and the
 * sync server validates pushed documents with them. Rules followed here:
 *
 * - Validation only, never transformation: no `.trim()`, `.default()`, `.transform()`.
 *   The server must store exactly what the client sent (DESIGN sync rule 2): a server that
 *   rewrites a replicated field makes the client's next push look stale.
 * - Strict objects: unknown keys are rejected (RxDB's `additionalProperties: false`).
 * - No `updatedAt`: the server orders changes by its own change key; client clocks are never
 *   trusted for ordering.
 * - Everything JSON Schema can express is expressed through zod checks so it lands in the
 *   generated RxDB schema too. A few rules (cross-field: end date >= start date; IANA time
 *   zone lookup; order-key validity; unique `splitAmong`) are zod refinements only, so zod
 *   (server) is slightly stricter than the storage schema on the client.
 *
 * Money: every amount (`plannedBudget`, `cost.amount`, `expenses.amount`) is an INTEGER in
 * the MINOR UNIT of its currency (KRW: won, JPY: yen, USD: cents, BHD: fils), as
 * ISO 4217 defines it. Reasons: sums are exact (no 0.1 + 0.2 drift in budget totals), and
 * JSON-Schema `multipleOf: 0.01` is unreliable for floats in Ajv (0.07 fails), so a
 * "2 decimals" rule could not be enforced by the storage schema. Convert with
 * `toMinorUnits` / `fromMinorUnits` at the UI boundary. The number of minor-unit digits comes
 * from the ISO 4217 table in ../money/currencies.ts, never from the runtime's Intl data.
 */
import { z } from 'zod';
import { isValidOrderKey, ORDER_KEY_MAX_LENGTH, ORDER_KEY_PATTERN } from './order-keys.js';
import { currencyMinorUnits, isCurrencyCode } from '../money/currencies.js';

// ---------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------

/** Max length of a client-generated document id (RxDB needs a bounded primary key). */
export const DOCUMENT_ID_MAX_LENGTH = 40;
/** Max length of a user id (ids are issued by the server). */
export const USER_ID_MAX_LENGTH = 64;
/** A trip lasts at most this many days (so `stops.day` is bounded and indexable). */
export const MAX_TRIP_DAYS = 366;
/** At most this many conflict records are kept on a document (oldest dropped first). */
export const MAX_CONFLICTS = 10;
/** Max number of people an expense can be split among. */
export const MAX_SPLIT_AMONG = 50;
/** Max length of a conflict record's `field`. */
export const CONFLICT_FIELD_MAX_LENGTH = 64;
/** Max length of a trip's title (UTF-16 code units, as zod counts). */
export const TRIP_TITLE_MAX_LENGTH = 200;

// ---------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------

/** Client-generated document id (uuid, nanoid, ...): url-safe characters only. */
export const documentIdSchema = z
  .string()
  .min(1)
  .max(DOCUMENT_ID_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-"');

/** A user id issued by the server. */
export const userIdSchema = z.string().min(1).max(USER_ID_MAX_LENGTH).regex(/^\S+$/, 'no spaces');

/** Calendar date `YYYY-MM-DD` (validated as a real date, leap years included). */
export const isoDateSchema = z.iso.date().max(10);

/** UTC timestamp as produced by `Date.prototype.toISOString()`. */
export const isoDateTimeSchema = z.iso.datetime().max(40);

/** Refusal of a well-formed code that is not a currency ("WON"); stable, clients may match it. */
export const UNKNOWN_CURRENCY_MESSAGE = 'not an ISO 4217 currency code';

/**
 * ISO 4217 alphabetic currency code, upper case (KRW, USD, JPY, EUR ...), and a real one: the
 * RxDB schema keeps only the pattern, the server (zod) also checks the ISO table.
 */
export const currencySchema = z
  .string()
  .length(3)
  .regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. KRW')
  .refine(isCurrencyCode, UNKNOWN_CURRENCY_MESSAGE);

/** Wall-clock time `HH:MM`, 24-hour clock. */
export const clockTimeSchema = z
  .string()
  .length(5)
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');

/** True when the runtime's time-zone database knows `timeZone` (ECMA-402, no platform API). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** IANA time zone name such as `Asia/Seoul` or `UTC`. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/, 'IANA time zone, e.g. Asia/Seoul')
  .refine(isValidTimeZone, 'unknown time zone');

/** Fractional order key (see ./order-keys.ts). */
export const orderKeySchema = z
  .string()
  .min(2)
  .max(ORDER_KEY_MAX_LENGTH)
  .regex(ORDER_KEY_PATTERN, 'order key')
  .refine(isValidOrderKey, 'invalid order key');

/** Integer amount in the currency's minor unit (see the file header). */
export const minorUnitAmountSchema = z.int().min(0);

/** Non-blank single-line-ish text with a bound. */
const requiredText = (max: number) => z.string().min(1).max(max).regex(/\S/, 'must not be blank');
const optionalText = (max: number) => z.string().max(max);

// ---------------------------------------------------------------------------------------
// Conflict records (written by the merge, ./merge.ts)
// ---------------------------------------------------------------------------------------

/**
 * A value the user wrote that lost a same-field conflict against the server (the master's
 * value won). Replicated with the document so every device can show "your edit was
 * replaced, restore it?". `lostValue` is absent when the lost edit removed the field.
 * `field` is a top-level field name, or `_deleted` when the user's deletion was undone
 * because someone else had edited the document meanwhile.
 */
export const conflictRecordSchema = z.strictObject({
  field: z.string().min(1).max(CONFLICT_FIELD_MAX_LENGTH),
  lostValue: z.unknown().optional(),
  at: isoDateTimeSchema,
  by: userIdSchema.optional(),
});
export type ConflictRecord = z.infer<typeof conflictRecordSchema>;

export const conflictsSchema = z.array(conflictRecordSchema).max(MAX_CONFLICTS);

// ---------------------------------------------------------------------------------------
// Shared enums
// ---------------------------------------------------------------------------------------

export const categories = [
  'sightseeing',
  'food',
  'lodging',
  'shopping',
  'activity',
  'transport',
  'other',
] as const;
export const categorySchema = z.enum(categories);
export type Category = z.infer<typeof categorySchema>;

/** How a traveller goes from one stop to the next (`stops.travelMode`, the routing API's legs). */
export const travelModeSchema = z.enum(['walk', 'transit', 'car']);
export type TravelMode = z.infer<typeof travelModeSchema>;

// ---------------------------------------------------------------------------------------
// Date helpers (pure ECMAScript)
// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function isoDateToUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
}

/** Number of calendar days from `startDate` to `endDate` inclusive (1 for a day trip). */
export function tripDayCount(startDate: string, endDate: string): number {
  return Math.round((isoDateToUtcMs(endDate) - isoDateToUtcMs(startDate)) / DAY_MS) + 1;
}

/** The ISO date of day index `day` (0 = first day) of a trip starting on `startDate`. */
export function dateOfTripDay(startDate: string, day: number): string {
  return new Date(isoDateToUtcMs(startDate) + day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// Money helpers (minor units from the ISO 4217 table, the same on every runtime)
// ---------------------------------------------------------------------------------------

/**
 * Number of minor-unit digits of `currency` (KRW 0, JPY 0, USD 2, KWD 3) from the ISO table;
 * 2 for a code that is not a currency (only old or foreign data can hold one: the schemas
 * refuse such codes).
 */
export function currencyFractionDigits(currency: string): number {
  return isCurrencyCode(currency) ? currencyMinorUnits[currency]! : 2;
}

/** 12.34 USD -> 1234; 15000 KRW -> 15000. Rounds to the nearest minor unit. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyFractionDigits(currency));
}

/** 1234 USD -> 12.34; 15000 KRW -> 15000. */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = currencyFractionDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
}

// ---------------------------------------------------------------------------------------
// Common document fields
// ---------------------------------------------------------------------------------------

const commonShape = {
  id: documentIdSchema,
  /** Values that lost a same-field conflict (./merge.ts); absent when there are none. */
  conflicts: conflictsSchema.optional(),
};

// ---------------------------------------------------------------------------------------
// trips
// ---------------------------------------------------------------------------------------

/** Destination: a KTO region (sido / area code) and/or free text; both optional. */
export const destinationSchema = z.strictObject({
  /** KTO TourAPI area (sido) code, e.g. "1" Seoul, "39" Jeju. */
  regionCode: z.string().min(1).max(10).regex(/^\d+$/, 'numeric region code').optional(),
  text: optionalText(200).optional(),
});

export const tripShape = {
  ...commonShape,
  title: requiredText(TRIP_TITLE_MAX_LENGTH),
  description: optionalText(2000),
  destination: destinationSchema,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  timeZone: timeZoneSchema,
  currency: currencySchema,
  /** In minor units of `currency`; null = no budget set. */
  plannedBudget: minorUnitAmountSchema.nullable(),
  /** Image URL or upload key; null = default cover. */
  coverImage: z.string().min(1).max(2048).nullable(),
  notes: optionalText(20_000),
  /** Set by the creating client to its user id; the server checks it. */
  ownerId: userIdSchema,
};

type DateRange = { startDate: string; endDate: string };
function checkDateRange(value: DateRange, ctx: z.RefinementCtx): void {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate is before startDate' });
  } else if (tripDayCount(value.startDate, value.endDate) > MAX_TRIP_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: `a trip lasts at most ${MAX_TRIP_DAYS} days`,
    });
  }
}

export const tripSchema = z.strictObject(tripShape).superRefine(checkDateRange);
export type Trip = z.infer<typeof tripSchema>;

// ---------------------------------------------------------------------------------------
// stops (schedule items)
// ---------------------------------------------------------------------------------------

/** A catalog attraction and/or a free place. Coordinates come in pairs. */
export const placeSchema = z
  .strictObject({
    /** Catalog attraction id (GET /attractions/{id}); null/absent for a free place. */
    attractionId: z.string().min(1).max(64).nullable().optional(),
    name: requiredText(200),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    address: optionalText(300).nullable().optional(),
  })
  .superRefine((place, ctx) => {
    const hasLat = place.lat !== undefined && place.lat !== null;
    const hasLng = place.lng !== undefined && place.lng !== null;
    if (hasLat !== hasLng) {
      ctx.addIssue({ code: 'custom', path: ['lng'], message: 'lat and lng come together' });
    }
  });
export type Place = z.infer<typeof placeSchema>;

/** A price in minor units of `currency`. */
export const moneySchema = z.strictObject({
  amount: minorUnitAmountSchema,
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const stopShape = {
  ...commonShape,
  tripId: documentIdSchema,
  /** Day index from 0 (first day of the trip). Indexed, hence bounded and `multipleOf`. */
  day: z
    .int()
    .min(0)
    .max(MAX_TRIP_DAYS - 1)
    .multipleOf(1),
  orderKey: orderKeySchema,
  /** Local wall-clock time in the trip's time zone; null = no fixed time. */
  startTime: clockTimeSchema.nullable(),
  durationMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .nullable(),
  place: placeSchema,
  category: categorySchema,
  cost: moneySchema.nullable(),
  note: optionalText(2000),
  /**
   * How the traveller goes from the previous stop of the same day to this one; null = not
   * chosen (the app picks a default from the distance). Added in schema version 1: version-0
   * documents migrate to null (RxDB migration strategy, server normalises stored JSON on read).
   */
  travelMode: travelModeSchema.nullable(),
};
export const stopSchema = z.strictObject(stopShape);
export type Stop = z.infer<typeof stopSchema>;

// ---------------------------------------------------------------------------------------
// checklistItems (packing / to-do per trip)
// ---------------------------------------------------------------------------------------

export const checklistItemShape = {
  ...commonShape,
  tripId: documentIdSchema,
  text: requiredText(500),
  done: z.boolean(),
  orderKey: orderKeySchema,
};
export const checklistItemSchema = z.strictObject(checklistItemShape);
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

// ---------------------------------------------------------------------------------------
// expenses
// ---------------------------------------------------------------------------------------

/** Where a captured exchange rate came from: the rates feed (ECB) or typed by the user. */
export const exchangeRateSourceSchema = z.enum(['feed', 'manual']);
export type ExchangeRateSource = z.infer<typeof exchangeRateSourceSchema>;

/** A positive decimal written out in full ("9.1234", "0.0068"): exact on every device. */
export const RATE_VALUE_PATTERN = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/;
export const rateValueSchema = z
  .string()
  .min(1)
  .max(25)
  .regex(RATE_VALUE_PATTERN, 'a decimal number such as 9.12')
  .refine((value) => /[1-9]/.test(value), 'must be more than 0');

/**
 * The exchange rate of an expense, captured when it was entered and never changed afterwards
 * unless the user edits the expense: 1 unit of the expense's currency = `value` units of `to`.
 * `to` is the trip's currency at that moment; if the trip's currency changes later, the rate
 * no longer applies and the app asks for a new one.
 */
export const capturedRateSchema = z.strictObject({
  to: currencySchema,
  value: rateValueSchema,
  source: exchangeRateSourceSchema,
  /** The feed's rate date, or the day the rate was typed. */
  date: isoDateSchema,
});
export type CapturedRate = z.infer<typeof capturedRateSchema>;

export const expenseShape = {
  ...commonShape,
  tripId: documentIdSchema,
  /** In minor units of `currency`; strictly positive. */
  amount: z.int().min(1),
  currency: currencySchema,
  /**
   * The rate to the trip's currency captured on entry (../money/exchange.ts converts with it);
   * null when the expense is in the trip's currency (rate 1) or no rate was captured. Added in
   * schema version 1: version-0 expenses migrate to null.
   */
  rate: capturedRateSchema.nullable(),
  paidBy: userIdSchema,
  /** Who shares the cost (equal split); non-empty, no duplicates. */
  splitAmong: z
    .array(userIdSchema)
    .min(1)
    .max(MAX_SPLIT_AMONG)
    .meta({ uniqueItems: true })
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate user in splitAmong'),
  category: categorySchema,
  date: isoDateSchema,
  /** The stop this expense belongs to, if any. */
  stopId: documentIdSchema.nullable(),
  note: optionalText(2000),
};
export const expenseSchema = z.strictObject(expenseShape);
export type Expense = z.infer<typeof expenseSchema>;

// ---------------------------------------------------------------------------------------
// reservations (flights, trains, stays, tickets ...)
// ---------------------------------------------------------------------------------------

export const reservationTypes = [
  'flight',
  'train',
  'bus',
  'ferry',
  'stay',
  'carRental',
  'event',
  'other',
] as const;
export const reservationTypeSchema = z.enum(reservationTypes);
export type ReservationType = z.infer<typeof reservationTypeSchema>;

/**
 * One end of a reservation in its own time zone: a flight leaves Seoul on Seoul's clock and
 * lands in Tokyo on Tokyo's. `time` null = the day only (a stay's check-in time unknown).
 */
export const reservationMomentSchema = z.strictObject({
  date: isoDateSchema,
  time: clockTimeSchema.nullable(),
  timeZone: timeZoneSchema,
});
export type ReservationMoment = z.infer<typeof reservationMomentSchema>;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds (ECMA-402 only). */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return local - Math.floor(utcMs / 60_000) * 60_000;
}

/**
 * UTC milliseconds of a wall-clock date and time in `timeZone`. A time the zone skips (a DST
 * gap) gives the instant one offset change later, as calendar apps do.
 */
export function zonedTimeToUtcMs(date: string, time: string, timeZone: string): number {
  const [h, min] = time.split(':').map(Number);
  const wall = isoDateToUtcMs(date) + ((h ?? 0) * 60 + (min ?? 0)) * 60_000;
  const guess = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, guess);
}

/** The instant of a reservation moment; a moment without a time counts as `fallbackTime`. */
export function reservationMomentUtcMs(moment: ReservationMoment, fallbackTime = '00:00'): number {
  return zonedTimeToUtcMs(moment.date, moment.time ?? fallbackTime, moment.timeZone);
}

export const RESERVATION_TITLE_MAX_LENGTH = 200;

export const reservationShape = {
  ...commonShape,
  tripId: documentIdSchema,
  type: reservationTypeSchema,
  /** What the traveller calls it ("Jeju Air 7C101", "Hotel Shilla"). */
  title: requiredText(RESERVATION_TITLE_MAX_LENGTH),
  /** Airline, rail company, hotel, rental company ... ('' = not given). */
  provider: optionalText(200),
  /** Booking reference / PNR ('' = not given). */
  confirmationCode: optionalText(100),
  /** Departure, check-in, pick-up, start. */
  start: reservationMomentSchema,
  /** Arrival, check-out, drop-off, end; null = no end (a ticket for one moment). */
  end: reservationMomentSchema.nullable(),
  /** Departure airport / station / pick-up place, or the hotel of a stay. */
  from: placeSchema.nullable(),
  /** Arrival airport / station / drop-off place. */
  to: placeSchema.nullable(),
  /** Seats, room, car class ('' = not given). */
  seats: optionalText(200),
  /** Price in minor units of its currency; null = not given. */
  cost: moneySchema.nullable(),
  /** The expense made for this reservation's cost, in the same trip; null = none. */
  expenseId: documentIdSchema.nullable(),
  note: optionalText(4000),
};

type ReservationTimes = { start: ReservationMoment; end: ReservationMoment | null };
/** The end is not before the start, compared as instants (each moment in its own zone). */
function checkReservationTimes(value: ReservationTimes, ctx: z.RefinementCtx): void {
  if (!value.end) return;
  if (!isValidTimeZone(value.start.timeZone) || !isValidTimeZone(value.end.timeZone)) return;
  const start = reservationMomentUtcMs(value.start, '00:00');
  const end = reservationMomentUtcMs(value.end, '23:59');
  if (end < start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end is before start' });
}

export const reservationSchema = z.strictObject(reservationShape).superRefine(checkReservationTimes);
export type Reservation = z.infer<typeof reservationSchema>;

// ---------------------------------------------------------------------------------------
// documents (travel documents: metadata of a file attached to a trip or a reservation)
// ---------------------------------------------------------------------------------------

/** File types a travel document may have, recognised by content on the server. */
export const documentMimeTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const documentMimeTypeSchema = z.enum(documentMimeTypes);
export type DocumentMimeType = z.infer<typeof documentMimeTypeSchema>;
/** Largest travel document, in bytes (20 MB). */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Lowercase hex SHA-256 of a file's content: the file's name on the server and on devices. */
export const sha256HexSchema = z
  .string()
  .length(64)
  .regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

export const tripDocumentShape = {
  ...commonShape,
  tripId: documentIdSchema,
  /** The reservation the file belongs to; null = attached to the trip itself. */
  reservationId: documentIdSchema.nullable(),
  /** The original file name, as shown to people. */
  name: requiredText(255),
  mimeType: documentMimeTypeSchema,
  size: z.int().min(1).max(DOCUMENT_MAX_BYTES),
  sha256: sha256HexSchema,
  /** Who added the file (the server checks they are or were a member). */
  addedBy: userIdSchema,
};
export const tripDocumentSchema = z.strictObject(tripDocumentShape);
export type TripDocument = z.infer<typeof tripDocumentSchema>;

// ---------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------

/**
 * The replicated collections with their schema version. Bump `version` (and add an RxDB
 * migration strategy + server handling) on every incompatible schema change; the server
 * answers 426 to clients on an older version (DESIGN sync rule 10).
 */
export const syncedCollections = {
  trips: { version: 0, schema: tripSchema },
  /** v1: `travelMode` added (v0 documents read as `travelMode: null`). */
  stops: { version: 1, schema: stopSchema },
  checklistItems: { version: 0, schema: checklistItemSchema },
  /** v1: `rate` added (v0 expenses read as `rate: null`). */
  expenses: { version: 1, schema: expenseSchema },
  /** Flights, trains, stays, tickets: each end with its own time zone. */
  reservations: { version: 0, schema: reservationSchema },
  /** Travel documents' metadata; the files travel over REST (/trips/{id}/files/{sha256}). */
  documents: { version: 0, schema: tripDocumentSchema },
} as const;

export type CollectionName = keyof typeof syncedCollections;

/** The collection names in a stable order (parents first). */
export const collectionNames = Object.keys(syncedCollections) as CollectionName[];

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(syncedCollections, value);
}

/** Document type of each collection. */
export interface DocumentTypes {
  trips: Trip;
  stops: Stop;
  checklistItems: ChecklistItem;
  expenses: Expense;
  reservations: Reservation;
  documents: TripDocument;
}
export type DocumentOf<C extends CollectionName> = DocumentTypes[C];
export type SyncedDocument = DocumentTypes[CollectionName];

/**
 * Schema of a document as it travels through replication (pull answers, push rows):
 * the document plus RxDB's `_deleted` tombstone flag.
 */
export const replicatedDocumentSchemas = {
  trips: z.strictObject({ ...tripShape, _deleted: z.boolean() }).superRefine(checkDateRange),
  stops: z.strictObject({ ...stopShape, _deleted: z.boolean() }),
  checklistItems: z.strictObject({ ...checklistItemShape, _deleted: z.boolean() }),
  expenses: z.strictObject({ ...expenseShape, _deleted: z.boolean() }),
  reservations: z
    .strictObject({ ...reservationShape, _deleted: z.boolean() })
    .superRefine(checkReservationTimes),
  documents: z.strictObject({ ...tripDocumentShape, _deleted: z.boolean() }),
} as const;
