/**
 * The stop form: what the user typed <-> a `Stop` document (a free place; catalog places
 * come with the catalog). Checked field by field, then by the shared zod schema.
 */
import {
  categories,
  clockTimeSchema,
  currencySchema,
  fromMinorUnits,
  jsonEqual,
  stopSchema,
  type Category,
  type Stop,
} from '@hamgaja/shared';
import { parseAmount } from './trip-form';

export interface StopFormValues {
  name: string;
  address: string;
  lat: string;
  lng: string;
  /** Day index as a string (select value). */
  day: string;
  /** HH:MM or blank. */
  startTime: string;
  /** Whole minutes or blank. */
  duration: string;
  category: Category;
  /** Major units or blank. */
  cost: string;
  costCurrency: string;
  note: string;
}

export type StopFormField = keyof StopFormValues;

/** Message keys under `trips.stop.errors`. */
export type StopFormError =
  | 'nameRequired'
  | 'tooLong'
  | 'latInvalid'
  | 'lngInvalid'
  | 'coordsTogether'
  | 'timeInvalid'
  | 'durationInvalid'
  | 'costInvalid'
  | 'currencyInvalid'
  | 'dayInvalid'
  | 'invalid';

export type StopFormErrors = Partial<Record<StopFormField, StopFormError>>;

/** Longest duration the schema accepts: a week. */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;

export function emptyStopForm(day: number, currency: string): StopFormValues {
  return {
    name: '',
    address: '',
    lat: '',
    lng: '',
    day: String(day),
    startTime: '',
    duration: '',
    category: 'sightseeing',
    cost: '',
    costCurrency: currency,
    note: '',
  };
}

export function stopToForm(stop: Stop, tripCurrency: string): StopFormValues {
  const coordinate = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  return {
    name: stop.place.name,
    address: stop.place.address ?? '',
    lat: coordinate(stop.place.lat),
    lng: coordinate(stop.place.lng),
    day: String(stop.day),
    startTime: stop.startTime ?? '',
    duration: stop.durationMinutes === null ? '' : String(stop.durationMinutes),
    category: stop.category,
    cost: stop.cost ? String(fromMinorUnits(stop.cost.amount, stop.cost.currency)) : '',
    costCurrency: stop.cost?.currency ?? tripCurrency,
    note: stop.note,
  };
}

function parseCoordinate(text: string, limit: number): number | null | undefined {
  const cleaned = text.trim();
  if (cleaned === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Math.abs(value) <= limit ? value : undefined;
}

/**
 * The most characters each free-text field takes (the shared schema's limits). The inputs have no
 * maxlength: a longer text is kept and gets the 'tooLong' message, never cut.
 */
export const stopTextLimits = { name: 200, address: 300, note: 2000 } as const;
export type StopTextField = keyof typeof stopTextLimits;

export function isStopTextField(field: StopFormField): field is StopTextField {
  return field in stopTextLimits;
}

/** A text field's length as it is saved (and checked): without outer spaces. */
export function stopTextLength(values: StopFormValues, field: StopTextField): number {
  return values[field].trim().length;
}

export function validateStopForm(values: StopFormValues, dayCount: number): StopFormErrors {
  const errors: StopFormErrors = {};
  if (!values.name.trim()) errors.name = 'nameRequired';
  for (const field of Object.keys(stopTextLimits) as StopTextField[])
    if (stopTextLength(values, field) > stopTextLimits[field]) errors[field] = 'tooLong';
  const lat = parseCoordinate(values.lat, 90);
  const lng = parseCoordinate(values.lng, 180);
  if (lat === undefined) errors.lat = 'latInvalid';
  if (lng === undefined) errors.lng = 'lngInvalid';
  if (lat !== undefined && lng !== undefined && (lat === null) !== (lng === null)) {
    errors[lat === null ? 'lat' : 'lng'] = 'coordsTogether';
  }
  const day = Number(values.day);
  if (!/^\d+$/.test(values.day) || day >= dayCount) errors.day = 'dayInvalid';
  if (values.startTime && !clockTimeSchema.safeParse(values.startTime).success)
    errors.startTime = 'timeInvalid';
  if (values.duration.trim()) {
    const minutes = Number(values.duration.trim());
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_DURATION_MINUTES)
      errors.duration = 'durationInvalid';
  }
  const currency = values.costCurrency.trim().toUpperCase();
  if (!currencySchema.safeParse(currency).success) errors.costCurrency = 'currencyInvalid';
  else if (parseAmount(values.cost, currency) === undefined) errors.cost = 'costInvalid';
  if (!(categories as readonly string[]).includes(values.category)) errors.category = 'invalid';
  return errors;
}

/** The document fields the stop form edits. */
export type StopFormFields = Pick<
  Stop,
  'day' | 'startTime' | 'durationMinutes' | 'place' | 'category' | 'cost' | 'note'
>;

function fieldsFromForm(values: StopFormValues, previousPlace?: Stop['place']): StopFormFields {
  const currency = values.costCurrency.trim().toUpperCase();
  const amount = parseAmount(values.cost, currency) ?? null;
  const lat = parseCoordinate(values.lat, 90) ?? null;
  const lng = parseCoordinate(values.lng, 180) ?? null;
  const address = values.address.trim();
  const place: Stop['place'] = {
    // A catalog link stays when the user edits the name or time of a catalog stop.
    ...(previousPlace?.attractionId ? { attractionId: previousPlace.attractionId } : {}),
    name: values.name.trim(),
    ...(lat !== null && lng !== null ? { lat, lng } : {}),
    ...(address ? { address } : {}),
  };
  return {
    day: Number(values.day),
    startTime: values.startTime || null,
    durationMinutes: values.duration.trim() ? Number(values.duration.trim()) : null,
    place,
    category: values.category,
    cost: amount === null ? null : { amount, currency },
    note: values.note.trim(),
  };
}

export type StopFormResult<T> = { ok: true; value: T } | { ok: false; errors: StopFormErrors };

const formFieldOf: Record<string, StopFormField> = {
  day: 'day',
  startTime: 'startTime',
  durationMinutes: 'duration',
  place: 'name',
  category: 'category',
  cost: 'cost',
  note: 'note',
};

function checkDocument(stop: Stop): StopFormResult<Stop> {
  const parsed = stopSchema.safeParse(stop);
  if (parsed.success) return { ok: true, value: stop };
  const errors: StopFormErrors = {};
  for (const issue of parsed.error.issues) errors[formFieldOf[String(issue.path[0])] ?? 'name'] ??= 'invalid';
  return { ok: false, errors };
}

/** A new stop from the form (its order key is chosen by the caller), or the form's errors. */
export function stopFromForm(
  values: StopFormValues,
  identity: { id: string; tripId: string; orderKey: string },
  dayCount: number,
): StopFormResult<Stop> {
  const errors = validateStopForm(values, dayCount);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A new stop's travel mode is not chosen yet: the app picks one from the distance.
  return checkDocument({ ...identity, ...fieldsFromForm(values), travelMode: null });
}

/** Only the fields the user changed, or the form's errors. */
export function stopChanges(
  existing: Stop,
  values: StopFormValues,
  dayCount: number,
): StopFormResult<Partial<StopFormFields>> {
  // A stop outside the (shortened) dates may keep its day until the user moves it.
  const errors = validateStopForm(values, Math.max(dayCount, existing.day + 1));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields = fieldsFromForm(values, existing.place);
  const checked = checkDocument({ ...existing, ...fields });
  if (!checked.ok) return checked;
  const patch: Partial<StopFormFields> = {};
  for (const key of Object.keys(fields) as (keyof StopFormFields)[]) {
    if (!jsonEqual(fields[key], existing[key])) {
      (patch as Record<string, unknown>)[key] = fields[key];
    }
  }
  return { ok: true, value: patch };
}
