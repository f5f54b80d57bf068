import { useMemo, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reservationTypes, type Reservation, type Trip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { CloseIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';
import { useDialogForm } from '../../app/use-dialog-form';
import { Field } from '../trips/fields';
import {
  emptyReservationForm,
  hasDestination,
  isReservationTextField,
  reservationTextLength,
  reservationTextLimits,
  reservationToForm,
  validateReservationForm,
  type ReservationFormErrors,
  type ReservationFormField,
  type ReservationFormValues,
} from './reservation-form';
import { labelOf } from './reservation-text';
import { ReservationIcon } from './ReservationIcon';

export type ReservationDialogState = { mode: 'add' } | { mode: 'edit'; reservation: Reservation } | null;

const fieldOrder: ReservationFormField[] = [
  'type',
  'title',
  'provider',
  'confirmationCode',
  'startDate',
  'startTime',
  'startZone',
  'endDate',
  'endTime',
  'endZone',
  'from',
  'to',
  'seats',
  'cost',
  'costCurrency',
  'note',
];

function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * Add or edit a reservation. `onSave` writes it (and the matching expense when asked) and answers
 * with errors of its own, or nothing when the dialog may close. `documents` renders the files of
 * the reservation being edited (its travel documents), below the notes.
 */
export function ReservationDialog({
  state,
  trip,
  canCreateExpense,
  onSave,
  onClose,
  documents,
}: {
  state: ReservationDialogState;
  trip: Trip;
  /** Whether "also record as an expense" is offered (the signed-in user pays). */
  canCreateExpense: boolean;
  onSave: (values: ReservationFormValues) => Promise<ReservationFormErrors | null>;
  onClose: () => void;
  documents?: (reservation: Reservation) => ReactNode;
}) {
  return (
    <ModalDialog
      open={state !== null}
      onClose={onClose}
      className="dialog stop-dialog reservation-dialog"
      aria-labelledby="reservation-dialog-title"
    >
      {state ? (
        <ReservationForm
          key={state.mode === 'edit' ? `edit-${state.reservation.id}` : 'add'}
          state={state}
          trip={trip}
          canCreateExpense={canCreateExpense}
          onSave={onSave}
          onClose={onClose}
          documents={documents}
        />
      ) : null}
    </ModalDialog>
  );
}

type InputOptions = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'> & {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  transform?: (value: string) => string;
};

function ReservationForm({
  state,
  trip,
  canCreateExpense,
  onSave,
  onClose,
  documents,
}: {
  state: NonNullable<ReservationDialogState>;
  trip: Trip;
  canCreateExpense: boolean;
  onSave: (values: ReservationFormValues) => Promise<ReservationFormErrors | null>;
  onClose: () => void;
  documents?: (reservation: Reservation) => ReactNode;
}) {
  const { t } = useTranslation();
  const { values, errors, busy, failed, form, set, submit } = useDialogForm({
    initial: () =>
      state.mode === 'edit'
        ? reservationToForm(state.reservation, trip.currency)
        : emptyReservationForm(trip),
    validate: (next: ReservationFormValues): ReservationFormErrors => validateReservationForm(next),
    fieldOrder,
    onSave,
    what: 'reservation',
    // A new end starts in the zone of the start (a flight to another zone changes it).
    follow: (next, previous, field) =>
      field === 'startZone' && previous.endZone === previous.startZone
        ? { ...next, endZone: next.startZone }
        : next,
  });
  const timeZones = useMemo(supportedTimeZones, []);
  const type = values.type;
  const linkedExpense = state.mode === 'edit' && state.reservation.expenseId !== null;

  const error = (field: ReservationFormField) => {
    const found = errors[field];
    if (!found) return null;
    if (found === 'tooLong' && isReservationTextField(field))
      return t('reservations.errors.tooLong', {
        max: reservationTextLimits[field],
        length: reservationTextLength(values, field),
      });
    return t(`reservations.errors.${found}`);
  };
  type TextField = Exclude<ReservationFormField, 'type' | 'createExpense'>;
  const input = (
    field: TextField,
    { label, optional, hint, transform, className = 'input', ...attributes }: InputOptions,
  ) => (
    <Field label={label} error={error(field)} optional={optional} hint={hint}>
      {(control) => (
        <input
          {...control}
          {...attributes}
          name={field}
          className={className}
          value={values[field]}
          onChange={(event) => set(field, transform ? transform(event.target.value) : event.target.value)}
        />
      )}
    </Field>
  );
  const zoneInput = (field: 'startZone' | 'endZone') =>
    input(field, {
      label: t('reservations.timeZone'),
      list: 'reservation-time-zones',
      autoComplete: 'off',
      spellCheck: false,
    });

  const offerExpense = canCreateExpense && !linkedExpense && values.cost.trim() !== '';
  return (
    <form
      ref={form}
      className="dialog-body stop-form reservation-form"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <div className="dialog-head">
        <h2 id="reservation-dialog-title">
          {state.mode === 'edit' ? t('reservations.editTitle') : t('reservations.addTitle')}
        </h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {failed ? <FormAlert kind="error">{t('reservations.saveFailed')}</FormAlert> : null}
      <fieldset className="reservation-type-picker">
        <legend className="field-label">{t('reservations.type')}</legend>
        <div className="reservation-type-options">
          {reservationTypes.map((option) => (
            <label key={option} className="reservation-type-option">
              <input
                type="radio"
                name="type"
                value={option}
                checked={type === option}
                onChange={() => set('type', option)}
              />
              <span>
                <ReservationIcon type={option} />
                {t(`reservations.types.${option}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {input('title', {
        label: labelOf(t, type, 'title'),
        placeholder: labelOf(t, type, 'placeholder'),
        autoFocus: true,
      })}
      <div className="form-row">
        {input('provider', { label: labelOf(t, type, 'provider'), optional: true })}
        {input('confirmationCode', {
          label: t('reservations.confirmationCode'),
          optional: true,
          autoComplete: 'off',
          spellCheck: false,
          className: 'input input-code-wide',
        })}
      </div>
      <fieldset className="reservation-moment">
        <legend className="field-label">{labelOf(t, type, 'start')}</legend>
        <div className="form-row form-row-3">
          {input('startDate', { label: t('reservations.date'), type: 'date' })}
          {input('startTime', { label: t('reservations.time'), type: 'time', optional: true })}
          {zoneInput('startZone')}
        </div>
      </fieldset>
      <fieldset className="reservation-moment">
        <legend className="field-label">
          {labelOf(t, type, 'end')} <span className="optional">{t('common.optional')}</span>
        </legend>
        <div className="form-row form-row-3">
          {input('endDate', { label: t('reservations.date'), type: 'date', hint: t('reservations.endHint') })}
          {input('endTime', { label: t('reservations.time'), type: 'time', optional: true })}
          {zoneInput('endZone')}
        </div>
      </fieldset>
      <datalist id="reservation-time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="form-row">
        {input('from', { label: labelOf(t, type, 'from'), optional: true })}
        {hasDestination(type) ? input('to', { label: labelOf(t, type, 'to'), optional: true }) : null}
      </div>
      {input('seats', { label: labelOf(t, type, 'seats'), optional: true })}
      <div className="form-row form-row-cost">
        {input('cost', { label: t('reservations.cost'), optional: true, inputMode: 'decimal' })}
        {input('costCurrency', {
          label: t('reservations.costCurrency'),
          className: 'input input-code',
          maxLength: 3,
          autoComplete: 'off',
          spellCheck: false,
          transform: (value) => value.toUpperCase(),
        })}
      </div>
      {offerExpense ? (
        <label className="checkbox-row reservation-expense-option">
          <input
            type="checkbox"
            name="createExpense"
            checked={values.createExpense}
            onChange={(event) => set('createExpense', event.target.checked)}
            aria-describedby="reservation-expense-hint"
          />
          <span>
            {t('reservations.createExpense')}
            <span id="reservation-expense-hint" className="field-hint">
              {t('reservations.createExpenseHint')}
            </span>
          </span>
        </label>
      ) : linkedExpense ? (
        <p className="field-hint reservation-expense-linked">{t('reservations.expenseLinked')}</p>
      ) : null}
      <Field label={t('reservations.note')} error={error('note')} optional>
        {(control) => (
          <textarea
            {...control}
            name="note"
            className="input textarea"
            rows={3}
            value={values.note}
            onChange={(event) => set('note', event.target.value)}
          />
        )}
      </Field>
      {/* A saved reservation's travel documents (<ReservationDocuments .../>). */}
      {state.mode === 'edit' && documents ? (
        <div className="reservation-documents-slot">{documents(state.reservation)}</div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {state.mode === 'edit' ? t('reservations.save') : t('reservations.create')}
        </button>
      </div>
    </form>
  );
}
