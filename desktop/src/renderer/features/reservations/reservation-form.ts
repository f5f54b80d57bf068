/**
 * The reservation form: what the user typed <-> a `Reservation` document. Checked field by
 * field (messages under `reservations.errors`), then by the shared zod schema.
 */
import {
  clockTimeSchema,
  currencySchema,
  fromMinorUnits,
  isValidTimeZone,
  jsonEqual,
  reservationMomentUtcMs,
  reservationSchema,
  reservationTypes,
  type Place,
  type Reservation,
  type ReservationMoment,
  type ReservationType,
} from '@hamgaja/shared';
import { parseAmount } from '../trips/trip-form';

export interface ReservationFormValues {
  type: ReservationType;
  title: string;
  provider: string;
  confirmationCode: string;
  startDate: string;
  /** HH:MM or blank. */
  startTime: string;
  startZone: string;
  /** Blank = no end. */
  endDate: string;
  endTime: string;
  endZone: string;
  /** Free-text place names (a catalog place keeps its link while its name is unchanged). */
  from: string;
  to: string;
  seats: string;
  /** Major units or blank. */
  cost: string;
  costCurrency: string;
  /** Also write the matching expense (only offered while none is linked). */
  createExpense: boolean;
  note: string;
}

export type ReservationFormField = keyof ReservationFormValues;

export type ReservationFormError =
  | 'titleRequired'
  | 'tooLong'
  | 'dateRequired'
  | 'dateInvalid'
  | 'timeInvalid'
  | 'zoneInvalid'
  | 'endBeforeStart'
  | 'costInvalid'
  | 'currencyInvalid'
  | 'invalid';

export type ReservationFormErrors = Partial<Record<ReservationFormField, ReservationFormError>>;

/** The most characters each free-text field takes (the shared schema's limits). */
export const reservationTextLimits = {
  title: 200,
  provider: 200,
  confirmationCode: 100,
  from: 200,
  to: 200,
  seats: 200,
  note: 4000,
} as const;
export type ReservationTextField = keyof typeof reservationTextLimits;

export function isReservationTextField(field: ReservationFormField): field is ReservationTextField {
  return field in reservationTextLimits;
}

/** Types whose reservation goes somewhere else (a "to" place); a stay or an event happens at one place. */
export function hasDestination(type: ReservationType): boolean {
  return type !== 'stay' && type !== 'event';
}

export function emptyReservationForm(
  trip: { startDate: string; timeZone: string; currency: string },
  type: ReservationType = 'flight',
): ReservationFormValues {
  return {
    type,
    title: '',
    provider: '',
    confirmationCode: '',
    startDate: trip.startDate,
    startTime: '',
    startZone: trip.timeZone,
    endDate: '',
    endTime: '',
    endZone: trip.timeZone,
    from: '',
    to: '',
    seats: '',
    cost: '',
    costCurrency: trip.currency,
    createExpense: true,
    note: '',
  };
}

export function reservationToForm(reservation: Reservation, tripCurrency: string): ReservationFormValues {
  return {
    type: reservation.type,
    title: reservation.title,
    provider: reservation.provider,
    confirmationCode: reservation.confirmationCode,
    startDate: reservation.start.date,
    startTime: reservation.start.time ?? '',
    startZone: reservation.start.timeZone,
    endDate: reservation.end?.date ?? '',
    endTime: reservation.end?.time ?? '',
    endZone: reservation.end?.timeZone ?? reservation.start.timeZone,
    from: reservation.from?.name ?? '',
    to: reservation.to?.name ?? '',
    seats: reservation.seats,
    cost: reservation.cost ? String(fromMinorUnits(reservation.cost.amount, reservation.cost.currency)) : '',
    costCurrency: reservation.cost?.currency ?? tripCurrency,
    createExpense: false,
    note: reservation.note,
  };
}

const isIsoDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export function reservationTextLength(values: ReservationFormValues, field: ReservationTextField): number {
  return values[field].trim().length;
}

function momentOf(date: string, time: string, zone: string): ReservationMoment {
  return { date, time: time || null, timeZone: zone.trim() };
}

export function validateReservationForm(values: ReservationFormValues): ReservationFormErrors {
  const errors: ReservationFormErrors = {};
  if (!values.title.trim()) errors.title = 'titleRequired';
  for (const field of Object.keys(reservationTextLimits) as ReservationTextField[])
    if (reservationTextLength(values, field) > reservationTextLimits[field]) errors[field] ??= 'tooLong';
  if (!(reservationTypes as readonly string[]).includes(values.type)) errors.type = 'invalid';

  if (!values.startDate) errors.startDate = 'dateRequired';
  else if (!isIsoDate(values.startDate)) errors.startDate = 'dateInvalid';
  if (values.startTime && !clockTimeSchema.safeParse(values.startTime).success)
    errors.startTime = 'timeInvalid';
  if (!isValidTimeZone(values.startZone.trim()) || !values.startZone.trim()) errors.startZone = 'zoneInvalid';

  const hasEnd = values.endDate !== '';
  if (hasEnd) {
    if (!isIsoDate(values.endDate)) errors.endDate = 'dateInvalid';
    if (values.endTime && !clockTimeSchema.safeParse(values.endTime).success) errors.endTime = 'timeInvalid';
    if (!isValidTimeZone(values.endZone.trim()) || !values.endZone.trim()) errors.endZone = 'zoneInvalid';
  } else if (values.endTime) {
    errors.endDate = 'dateRequired';
  }
  if (
    hasEnd &&
    !errors.startDate &&
    !errors.startTime &&
    !errors.startZone &&
    !errors.endDate &&
    !errors.endTime &&
    !errors.endZone
  ) {
    const start = reservationMomentUtcMs(
      momentOf(values.startDate, values.startTime, values.startZone),
      '00:00',
    );
    const end = reservationMomentUtcMs(momentOf(values.endDate, values.endTime, values.endZone), '23:59');
    if (end < start) errors[values.endDate < values.startDate ? 'endDate' : 'endTime'] = 'endBeforeStart';
  }

  const currency = values.costCurrency.trim().toUpperCase();
  if (!currencySchema.safeParse(currency).success) errors.costCurrency = 'currencyInvalid';
  else if (parseAmount(values.cost, currency) === undefined) errors.cost = 'costInvalid';
  return errors;
}

/** The document fields the form edits. */
export type ReservationFormFields = Omit<Reservation, 'id' | 'tripId' | 'conflicts' | 'expenseId'>;

function placeFromForm(name: string, previous: Place | null): Place | null {
  const trimmed = name.trim();
  if (!trimmed) return null;
  // A catalog place (or one with coordinates) stays as it is while its name is unchanged.
  if (previous && previous.name === trimmed) return previous;
  return { name: trimmed };
}

function fieldsFromForm(values: ReservationFormValues, previous?: Reservation): ReservationFormFields {
  const currency = values.costCurrency.trim().toUpperCase();
  const amount = parseAmount(values.cost, currency) ?? null;
  return {
    type: values.type,
    title: values.title.trim(),
    provider: values.provider.trim(),
    confirmationCode: values.confirmationCode.trim(),
    start: momentOf(values.startDate, values.startTime, values.startZone),
    end: values.endDate ? momentOf(values.endDate, values.endTime, values.endZone) : null,
    from: placeFromForm(values.from, previous?.from ?? null),
    to: hasDestination(values.type) ? placeFromForm(values.to, previous?.to ?? null) : null,
    seats: values.seats.trim(),
    cost: amount === null ? null : { amount, currency },
    note: values.note.trim(),
  };
}

export type ReservationFormResult<T> = { ok: true; value: T } | { ok: false; errors: ReservationFormErrors };

const formFieldOf: Record<string, ReservationFormField> = {
  type: 'type',
  title: 'title',
  provider: 'provider',
  confirmationCode: 'confirmationCode',
  start: 'startDate',
  end: 'endDate',
  from: 'from',
  to: 'to',
  seats: 'seats',
  cost: 'cost',
  note: 'note',
};

/**
 * The reservation the form describes, or its errors. `previous` is the reservation being edited
 * (its id, trip, linked expense and catalog places are kept).
 */
export function reservationFromForm(
  values: ReservationFormValues,
  identity: { id: string; tripId: string; expenseId: string | null },
  previous?: Reservation,
): ReservationFormResult<Reservation> {
  const errors = validateReservationForm(values);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const reservation: Reservation = {
    id: identity.id,
    tripId: identity.tripId,
    ...fieldsFromForm(values, previous),
    expenseId: identity.expenseId,
    ...(previous?.conflicts ? { conflicts: previous.conflicts } : {}),
  };
  const parsed = reservationSchema.safeParse(reservation);
  if (parsed.success) return { ok: true, value: reservation };
  const found: ReservationFormErrors = {};
  for (const issue of parsed.error.issues) found[formFieldOf[String(issue.path[0])] ?? 'title'] ??= 'invalid';
  return { ok: false, errors: found };
}

/** The top-level fields that differ (what an edit patches; unchanged fields stay untouched for the merge). */
export function reservationChanges(previous: Reservation, next: Reservation): Partial<Reservation> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Reservation)[]) {
    if (key === 'conflicts') continue;
    if (!jsonEqual(previous[key], next[key])) patch[key] = next[key];
  }
  return patch as Partial<Reservation>;
}
