/**
 * The trip form: what the user typed (strings) <-> a `Trip` document. Friendly per-field
 * checks first, then the shared zod schema as the final gate, so nothing the server would
 * refuse is ever written to the local database.
 */
import {
  currencySchema,
  fromMinorUnits,
  isValidTimeZone,
  jsonEqual,
  MAX_TRIP_DAYS,
  toMinorUnits,
  tripDayCount,
  tripSchema,
  TRIP_TITLE_MAX_LENGTH,
  type Trip,
} from '@hamgaja/shared';
import { regionByCode } from './regions';

export interface TripFormValues {
  title: string;
  regionCode: string;
  destinationText: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  currency: string;
  /** In major units of `currency` as typed ("1,200,000", "350.50"). */
  plannedBudget: string;
  notes: string;
}

export type TripFormField = keyof TripFormValues;

/** Message keys under `trips.form.errors`. */
export type TripFormError =
  | 'titleRequired'
  | 'tooLong'
  | 'startRequired'
  | 'endRequired'
  | 'endBeforeStart'
  | 'tooManyDays'
  | 'timeZoneInvalid'
  | 'currencyInvalid'
  | 'budgetInvalid'
  | 'invalid';

export type TripFormErrors = Partial<Record<TripFormField, TripFormError>>;

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';
export const DEFAULT_CURRENCY = 'KRW';

/**
 * The most characters each free-text field takes (the shared schema's limits). The inputs have no
 * maxlength: a longer text, typed or pasted, is kept and gets the 'tooLong' message, never cut.
 */
export const tripTextLimits = {
  title: TRIP_TITLE_MAX_LENGTH,
  destinationText: 200,
  description: 2000,
  notes: 20_000,
} as const;
export type TripTextField = keyof typeof tripTextLimits;

export function isTripTextField(field: TripFormField): field is TripTextField {
  return field in tripTextLimits;
}

/** A text field's length as it is saved (and checked): without outer spaces, except the notes. */
export function tripTextLength(values: TripFormValues, field: TripTextField): number {
  return field === 'notes' ? values.notes.length : values[field].trim().length;
}

export function emptyTripForm(): TripFormValues {
  return {
    title: '',
    regionCode: '',
    destinationText: '',
    description: '',
    startDate: '',
    endDate: '',
    timeZone: DEFAULT_TIME_ZONE,
    currency: DEFAULT_CURRENCY,
    plannedBudget: '',
    notes: '',
  };
}

export function tripToForm(trip: Trip): TripFormValues {
  return {
    title: trip.title,
    regionCode: trip.destination.regionCode ?? '',
    destinationText: trip.destination.text ?? '',
    description: trip.description,
    startDate: trip.startDate,
    endDate: trip.endDate,
    timeZone: trip.timeZone,
    currency: trip.currency,
    plannedBudget:
      trip.plannedBudget === null ? '' : String(fromMinorUnits(trip.plannedBudget, trip.currency)),
    notes: trip.notes,
  };
}

/** A typed amount in major units -> minor units; null for blank, undefined when invalid. */
export function parseAmount(text: string, currency: string): number | null | undefined {
  const cleaned = text.replace(/[\s,]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const minor = toMinorUnits(Number(cleaned), currency);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** Per-field problems of the form, empty when it can be saved. */
export function validateTripForm(values: TripFormValues): TripFormErrors {
  const errors: TripFormErrors = {};
  if (!values.title.trim()) errors.title = 'titleRequired';
  for (const field of Object.keys(tripTextLimits) as TripTextField[])
    if (tripTextLength(values, field) > tripTextLimits[field]) errors[field] = 'tooLong';
  if (values.regionCode && !regionByCode(values.regionCode)) errors.regionCode = 'invalid';

  if (!isIsoDate(values.startDate)) errors.startDate = 'startRequired';
  if (!isIsoDate(values.endDate)) errors.endDate = 'endRequired';
  if (!errors.startDate && !errors.endDate) {
    if (values.endDate < values.startDate) errors.endDate = 'endBeforeStart';
    else if (tripDayCount(values.startDate, values.endDate) > MAX_TRIP_DAYS) errors.endDate = 'tooManyDays';
  }

  const timeZone = values.timeZone.trim();
  if (!timeZone || !isValidTimeZone(timeZone) || !/^[A-Za-z]/.test(timeZone))
    errors.timeZone = 'timeZoneInvalid';
  const currency = values.currency.trim().toUpperCase();
  if (!currencySchema.safeParse(currency).success) errors.currency = 'currencyInvalid';
  else if (parseAmount(values.plannedBudget, currency) === undefined) errors.plannedBudget = 'budgetInvalid';
  return errors;
}

/** The document fields the form edits (everything but id, ownerId, cover and conflicts). */
export type TripFormFields = Pick<
  Trip,
  | 'title'
  | 'description'
  | 'destination'
  | 'startDate'
  | 'endDate'
  | 'timeZone'
  | 'currency'
  | 'plannedBudget'
  | 'notes'
>;

function fieldsFromForm(values: TripFormValues): TripFormFields {
  const currency = values.currency.trim().toUpperCase();
  const text = values.destinationText.trim();
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    destination: {
      ...(values.regionCode ? { regionCode: values.regionCode } : {}),
      ...(text ? { text } : {}),
    },
    startDate: values.startDate,
    endDate: values.endDate,
    timeZone: values.timeZone.trim(),
    currency,
    plannedBudget: parseAmount(values.plannedBudget, currency) ?? null,
    notes: values.notes,
  };
}

const formFieldOf: Record<string, TripFormField> = {
  title: 'title',
  description: 'description',
  destination: 'destinationText',
  startDate: 'startDate',
  endDate: 'endDate',
  timeZone: 'timeZone',
  currency: 'currency',
  plannedBudget: 'plannedBudget',
  notes: 'notes',
};

export type TripFormResult<T> = { ok: true; value: T } | { ok: false; errors: TripFormErrors };

/** The shared schema's verdict on a full document, as form errors. */
function checkDocument(trip: Trip): TripFormResult<Trip> {
  const parsed = tripSchema.safeParse(trip);
  if (parsed.success) return { ok: true, value: trip };
  const errors: TripFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = formFieldOf[String(issue.path[0])] ?? 'title';
    errors[field] ??= 'invalid';
  }
  return { ok: false, errors };
}

/** A new trip document from the form, or the form's errors. */
export function tripFromForm(
  values: TripFormValues,
  identity: { id: string; ownerId: string },
): TripFormResult<Trip> {
  const errors = validateTripForm(values);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return checkDocument({
    id: identity.id,
    ...fieldsFromForm(values),
    coverImage: null,
    ownerId: identity.ownerId,
  });
}

/**
 * The fields the user changed (only these are written: an untouched field must not count as
 * an edit in the three-way merge), or the form's errors.
 */
export function tripChanges(existing: Trip, values: TripFormValues): TripFormResult<Partial<TripFormFields>> {
  const errors = validateTripForm(values);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields = fieldsFromForm(values);
  const checked = checkDocument({ ...existing, ...fields });
  if (!checked.ok) return checked;
  const patch: Partial<TripFormFields> = {};
  for (const key of Object.keys(fields) as (keyof TripFormFields)[]) {
    if (!jsonEqual(fields[key], existing[key])) {
      (patch as Record<string, unknown>)[key] = fields[key];
    }
  }
  // Dates are merged as one unit (shared merge groups): write them together.
  if ('startDate' in patch || 'endDate' in patch) {
    patch.startDate = fields.startDate;
    patch.endDate = fields.endDate;
  }
  return { ok: true, value: patch };
}

/** Days of the trip the form describes, or null while the dates are incomplete or invalid. */
export function formDayCount(values: Pick<TripFormValues, 'startDate' | 'endDate'>): number | null {
  if (!isIsoDate(values.startDate) || !isIsoDate(values.endDate) || values.endDate < values.startDate)
    return null;
  return tripDayCount(values.startDate, values.endDate);
}
