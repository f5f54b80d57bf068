// The reservation form and its writes on a real RxDB database (memory storage, dev-mode schema checks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, reservationSchema, type HamgajaDatabase, type Reservation } from '@hamgaja/shared';
import {
  emptyReservationForm,
  reservationFromForm,
  reservationToForm,
  validateReservationForm,
  type ReservationFormValues,
} from './reservation-form';
import { removeReservation, saveReservation } from './reservation-store';

const trip = { id: 'trip-1', startDate: '2027-04-10', timeZone: 'Asia/Seoul', currency: 'KRW' };

const flightForm = (change: Partial<ReservationFormValues> = {}): ReservationFormValues => ({
  ...emptyReservationForm(trip),
  title: ' Jeju Air 7C101 ',
  provider: 'Jeju Air',
  confirmationCode: 'K7X2QP',
  startTime: '10:30',
  endDate: '2027-04-10',
  endTime: '11:40',
  from: 'ICN',
  to: 'CJU',
  seats: '14A',
  cost: '89,000',
  ...change,
});

describe('reservation form', () => {
  it('turns a flight form into a valid reservation, both ends in their zones', () => {
    const result = reservationFromForm(flightForm(), { id: 'r1', tripId: 'trip-1', expenseId: null });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      type: 'flight',
      title: 'Jeju Air 7C101',
      start: { date: '2027-04-10', time: '10:30', timeZone: 'Asia/Seoul' },
      end: { date: '2027-04-10', time: '11:40', timeZone: 'Asia/Seoul' },
      from: { name: 'ICN' },
      to: { name: 'CJU' },
      cost: { amount: 89_000, currency: 'KRW' },
    });
    expect(reservationSchema.safeParse(result.value).success).toBe(true);
    // Back to the form and again: the same document.
    const again = reservationFromForm(reservationToForm(result.value, 'KRW'), {
      id: 'r1',
      tripId: 'trip-1',
      expenseId: null,
    });
    expect(again.ok && again.value).toEqual(result.value);
  });

  it('names the field of each problem', () => {
    expect(validateReservationForm(flightForm({ title: ' ' })).title).toBe('titleRequired');
    expect(validateReservationForm(flightForm({ startZone: 'Mars/Base' })).startZone).toBe('zoneInvalid');
    expect(validateReservationForm(flightForm({ cost: 'abc' })).cost).toBe('costInvalid');
    expect(validateReservationForm(flightForm({ costCurrency: 'WON' })).costCurrency).toBe('currencyInvalid');
    expect(validateReservationForm(flightForm({ endDate: '', endTime: '11:00' })).endDate).toBe(
      'dateRequired',
    );
    expect(validateReservationForm(flightForm({ confirmationCode: 'x'.repeat(101) })).confirmationCode).toBe(
      'tooLong',
    );
    // An arrival at 09:00 the same day is before the 10:30 departure.
    expect(validateReservationForm(flightForm({ endTime: '09:00' })).endTime).toBe('endBeforeStart');
    expect(validateReservationForm(flightForm({ endDate: '2027-04-09' })).endDate).toBe('endBeforeStart');
    // Honolulu's clock shows an earlier time, but the flight lands later: fine.
    expect(
      validateReservationForm(
        flightForm({ startTime: '20:00', endTime: '09:00', endZone: 'Pacific/Honolulu' }),
      ),
    ).toEqual({});
  });

  it('drops the destination of a stay, and keeps a catalog place while its name is unchanged', () => {
    const catalog: Reservation['from'] = {
      attractionId: '126438',
      name: 'The Shilla Jeju',
      lat: 33.24,
      lng: 126.41,
    };
    const previous = reservationFromForm(flightForm({ type: 'stay', title: 'Shilla', to: 'nowhere' }), {
      id: 'r2',
      tripId: 'trip-1',
      expenseId: null,
    });
    expect(previous.ok && previous.value.to).toBe(null);
    if (!previous.ok) return;
    const stored = { ...previous.value, from: catalog };
    const edited = reservationFromForm(
      { ...reservationToForm(stored, 'KRW'), seats: 'Room 1203' },
      { id: 'r2', tripId: 'trip-1', expenseId: null },
      stored,
    );
    expect(edited.ok && edited.value.from).toEqual(catalog);
  });
});

describe('reservation store on the local database', () => {
  let db: HamgajaDatabase<'reservations' | 'expenses'>;
  let ids = 0;
  const newId = () => `id-${++ids}`;

  beforeAll(async () => {
    db = await createDatabase({
      storage: getRxStorageMemory(),
      name: `reservations-${crypto.randomUUID().slice(0, 8)}`,
      collections: ['reservations', 'expenses'],
      multiInstance: false,
      devMode: true,
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('adds a reservation and its matching expense, linked by id', async () => {
    const refused = await saveReservation(db, {
      tripId: trip.id,
      values: flightForm(),
      payer: 'user-1',
      splitAmong: ['user-1', 'user-2'],
      newId,
    });
    expect(refused).toBeNull();
    const [reservation] = (await db.reservations.find().exec()).map((d) => d.toJSON() as Reservation);
    expect(reservation?.expenseId).toBeTruthy();
    const expense = (await db.expenses.findOne(reservation!.expenseId!).exec())?.toJSON();
    expect(expense).toMatchObject({
      tripId: trip.id,
      amount: 89_000,
      currency: 'KRW',
      category: 'transport',
      paidBy: 'user-1',
      splitAmong: ['user-1', 'user-2'],
      date: '2027-04-10',
    });
  });

  it('edits only what changed, never makes a second expense, and deletes the reservation (not the expense)', async () => {
    const [doc] = await db.reservations.find().exec();
    const before = doc!.toJSON() as Reservation;
    await saveReservation(db, {
      tripId: trip.id,
      previous: before,
      values: { ...reservationToForm(before, 'KRW'), seats: '15C', createExpense: true },
      payer: 'user-1',
      splitAmong: ['user-1'],
      newId,
    });
    const after = (await db.reservations.findOne(before.id).exec())!.toJSON() as Reservation;
    expect(after).toEqual({ ...before, seats: '15C' });
    expect(await db.expenses.count().exec()).toBe(1);

    await removeReservation(db, before.id);
    expect(await db.reservations.count().exec()).toBe(0);
    expect(await db.expenses.count().exec()).toBe(1);
  });

  it('makes no expense without a cost, or without a payer', async () => {
    await saveReservation(db, {
      tripId: trip.id,
      values: flightForm({ cost: '' }),
      payer: 'user-1',
      splitAmong: [],
      newId,
    });
    await saveReservation(db, { tripId: trip.id, values: flightForm(), payer: null, splitAmong: [], newId });
    expect(await db.expenses.count().exec()).toBe(1);
    const live = (await db.reservations.find().exec()).map((d) => d.toJSON() as Reservation);
    expect(live.map((r) => r.expenseId)).toEqual([null, null]);
  });
});
