import { describe, expect, it } from 'vitest';
import { tripSchema, type Trip } from '@hamgaja/shared';
import {
  emptyTripForm,
  formDayCount,
  parseAmount,
  tripChanges,
  tripFromForm,
  tripToForm,
  validateTripForm,
  type TripFormValues,
} from './trip-form';

const filled = (change: Partial<TripFormValues> = {}): TripFormValues => ({
  ...emptyTripForm(),
  title: '  Jeju in spring ',
  regionCode: '39',
  startDate: '2027-04-10',
  endDate: '2027-04-12',
  plannedBudget: '1,200,000',
  ...change,
});
const identity = { id: 'trip-1', ownerId: 'user-1' };

describe('validateTripForm', () => {
  it('accepts a filled form', () => {
    expect(validateTripForm(filled())).toEqual({});
  });

  it('asks for a title and both dates', () => {
    expect(validateTripForm(emptyTripForm())).toEqual({
      title: 'titleRequired',
      startDate: 'startRequired',
      endDate: 'endRequired',
    });
    expect(validateTripForm(filled({ title: '   ' })).title).toBe('titleRequired');
  });

  it('refuses an end before the start and trips longer than 366 days', () => {
    expect(validateTripForm(filled({ endDate: '2027-04-09' })).endDate).toBe('endBeforeStart');
    expect(validateTripForm(filled({ endDate: '2027-04-10' }))).toEqual({});
    expect(validateTripForm(filled({ startDate: '2027-01-01', endDate: '2028-01-02' })).endDate).toBe(
      'tooManyDays',
    );
    expect(validateTripForm(filled({ startDate: '2027-01-01', endDate: '2028-01-01' }))).toEqual({});
  });

  it('checks time zone, currency, budget and region', () => {
    expect(validateTripForm(filled({ timeZone: 'Mars/Olympus' })).timeZone).toBe('timeZoneInvalid');
    // Well formed but not an ISO 4217 currency.
    expect(validateTripForm(filled({ currency: 'WON' })).currency).toBe('currencyInvalid');
    expect(validateTripForm(filled({ currency: 'jpy' })).currency).toBeUndefined();
    expect(validateTripForm(filled({ currency: 'KR' })).currency).toBe('currencyInvalid');
    expect(validateTripForm(filled({ plannedBudget: '-5' })).plannedBudget).toBe('budgetInvalid');
    expect(validateTripForm(filled({ plannedBudget: 'abc' })).plannedBudget).toBe('budgetInvalid');
    expect(validateTripForm(filled({ regionCode: '999' })).regionCode).toBe('invalid');
  });
});

describe('parseAmount', () => {
  it('turns typed major units into minor units of the currency', () => {
    expect(parseAmount('1,200,000', 'KRW')).toBe(1_200_000);
    expect(parseAmount('12.34', 'USD')).toBe(1234);
    expect(parseAmount(' ', 'USD')).toBeNull();
    expect(parseAmount('1e5', 'USD')).toBeUndefined();
  });
});

describe('tripFromForm / tripChanges', () => {
  it('builds a document the shared schema (and so the server) accepts', () => {
    const result = tripFromForm(filled(), identity);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(tripSchema.safeParse(result.value).success).toBe(true);
    expect(result.value).toMatchObject({
      id: 'trip-1',
      ownerId: 'user-1',
      title: 'Jeju in spring',
      destination: { regionCode: '39' },
      plannedBudget: 1_200_000,
      currency: 'KRW',
      coverImage: null,
    });
  });

  it('answers with the form errors instead of a document', () => {
    expect(tripFromForm(filled({ endDate: '2027-04-01' }), identity)).toEqual({
      ok: false,
      errors: { endDate: 'endBeforeStart' },
    });
  });

  it('round-trips through the form and patches only what changed (dates together)', () => {
    const created = tripFromForm(filled(), identity);
    if (!created.ok) throw new Error('expected a trip');
    const trip: Trip = created.value;
    expect(tripChanges(trip, tripToForm(trip))).toEqual({ ok: true, value: {} });
    expect(tripChanges(trip, { ...tripToForm(trip), title: 'Jeju again' })).toEqual({
      ok: true,
      value: { title: 'Jeju again' },
    });
    expect(tripChanges(trip, { ...tripToForm(trip), endDate: '2027-04-15' })).toEqual({
      ok: true,
      value: { startDate: '2027-04-10', endDate: '2027-04-15' },
    });
    expect(tripChanges(trip, { ...tripToForm(trip), plannedBudget: '' })).toEqual({
      ok: true,
      value: { plannedBudget: null },
    });
  });
});

describe('formDayCount', () => {
  it('counts the days of complete, ordered dates only', () => {
    expect(formDayCount({ startDate: '2027-04-10', endDate: '2027-04-12' })).toBe(3);
    expect(formDayCount({ startDate: '2027-04-10', endDate: '' })).toBeNull();
    expect(formDayCount({ startDate: '2027-04-10', endDate: '2027-04-09' })).toBeNull();
  });
});
