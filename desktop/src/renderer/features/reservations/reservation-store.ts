/**
 * Writes of reservations to the local database (they sync like every other edit). An edit
 * patches only the fields that changed, so a co-traveller's edit of another field survives.
 */
import { expenseForReservation, type HamgajaDatabase, type Reservation } from '@hamgaja/shared';
import {
  reservationChanges,
  reservationFromForm,
  type ReservationFormErrors,
  type ReservationFormValues,
} from './reservation-form';

type Db = Pick<HamgajaDatabase, 'reservations' | 'expenses'> & Partial<Pick<HamgajaDatabase, 'documents'>>;

export interface SaveReservation {
  tripId: string;
  /** The reservation being edited; absent for a new one. */
  previous?: Reservation;
  values: ReservationFormValues;
  /** Who pays the matching expense; null = no expense can be made (nobody signed in). */
  payer: string | null;
  /** Who shares it (the trip's members as far as known). */
  splitAmong: readonly string[];
  newId?: () => string;
}

/**
 * Saves the form: a new reservation or the changed fields of an existing one, and first the
 * matching expense when asked for (the reservation links it by id). Answers the form's errors
 * instead when the shared schema refuses it.
 */
export async function saveReservation(db: Db, input: SaveReservation): Promise<ReservationFormErrors | null> {
  const newId = input.newId ?? (() => crypto.randomUUID());
  const { previous, values } = input;
  const id = previous?.id ?? newId();
  const draft = reservationFromForm(
    values,
    { id, tripId: input.tripId, expenseId: previous?.expenseId ?? null },
    previous,
  );
  if (!draft.ok) return draft.errors;
  let reservation = draft.value;
  if (values.createExpense && input.payer !== null && reservation.expenseId === null) {
    const expense = expenseForReservation(reservation, {
      id: newId(),
      paidBy: input.payer,
      splitAmong: input.splitAmong.length > 0 ? input.splitAmong : [input.payer],
    });
    if (expense) {
      await db.expenses.insert(expense);
      reservation = { ...reservation, expenseId: expense.id };
    }
  }
  if (!previous) {
    await db.reservations.insert(reservation);
    return null;
  }
  const patch = reservationChanges(previous, reservation);
  if (Object.keys(patch).length === 0) return null;
  const doc = await db.reservations.findOne(previous.id).exec();
  if (!doc) throw new Error(`reservation ${previous.id} is not in the local database`);
  await doc.incrementalPatch(patch);
  return null;
}

/**
 * Deletes a reservation. Its expense stays: money spent is still spent (the expense can be
 * deleted in the expenses tab).
 */
export async function removeReservation(db: Db, reservationId: string): Promise<void> {
  const doc = await db.reservations.findOne(reservationId).exec();
  await doc?.incrementalRemove();
  // Its travel documents go with it (their files leave devices and server once nothing names them).
  await db.documents?.find({ selector: { reservationId } }).remove();
}
