import { type CSSProperties, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, dateOfTripDay, type Stop, type Trip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { CategoryIcon, CloseIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';
import { useDialogForm } from '../../app/use-dialog-form';
import type { Language } from '../../i18n';
import { categoryColors } from './categories';
import { Field } from './fields';
import { formatDate } from './format';
import {
  emptyStopForm,
  isStopTextField,
  MAX_DURATION_MINUTES,
  stopTextLength,
  stopTextLimits,
  stopToForm,
  validateStopForm,
  type StopFormErrors,
  type StopFormField,
  type StopFormValues,
} from './stop-form';

/** The fields edited in a plain `<input>`; their label is `trips.stop.<field>`. */
type StopInputField = 'name' | 'startTime' | 'duration' | 'cost' | 'costCurrency' | 'address' | 'lat' | 'lng';

type StopInputOptions = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'> & {
  optional?: boolean;
  /** Rewrites what was typed before it is stored. */
  transform?: (value: string) => string;
};

export type StopDialogState = { mode: 'add'; day: number } | { mode: 'edit'; stop: Stop } | null;

const fieldOrder: StopFormField[] = [
  'name',
  'category',
  'day',
  'startTime',
  'duration',
  'cost',
  'costCurrency',
  'address',
  'lat',
  'lng',
  'note',
];

/**
 * Add or edit a stop (a free place) in a modal dialog. `onSave` writes it and answers with
 * errors of its own (the shared schema's verdict), or nothing when the dialog may close.
 */
export function StopDialog({
  state,
  trip,
  dayCount,
  language,
  onSave,
  onClose,
}: {
  state: StopDialogState;
  trip: Trip;
  dayCount: number;
  language: Language;
  onSave: (values: StopFormValues) => Promise<StopFormErrors | null>;
  onClose: () => void;
}) {
  return (
    <ModalDialog
      open={state !== null}
      onClose={onClose}
      className="dialog stop-dialog"
      aria-labelledby="stop-dialog-title"
    >
      {state ? (
        <StopForm
          // A fresh form for each opening.
          key={state.mode === 'edit' ? `edit-${state.stop.id}` : `add-${state.day}`}
          state={state}
          trip={trip}
          dayCount={dayCount}
          language={language}
          onSave={onSave}
          onClose={onClose}
        />
      ) : null}
    </ModalDialog>
  );
}

function StopForm({
  state,
  trip,
  dayCount,
  language,
  onSave,
  onClose,
}: {
  state: NonNullable<StopDialogState>;
  trip: Trip;
  dayCount: number;
  language: Language;
  onSave: (values: StopFormValues) => Promise<StopFormErrors | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // A stop outside the (shortened) dates may keep its day.
  const allowedDays = state.mode === 'edit' ? Math.max(dayCount, state.stop.day + 1) : dayCount;
  const { values, errors, busy, failed, form, set, submit } = useDialogForm({
    initial: () =>
      state.mode === 'edit' ? stopToForm(state.stop, trip.currency) : emptyStopForm(state.day, trip.currency),
    validate: (next: StopFormValues): StopFormErrors => validateStopForm(next, allowedDays),
    fieldOrder,
    onSave,
    what: 'stop',
  });
  const error = (field: StopFormField) => {
    const found = errors[field];
    if (!found) return null;
    if (found === 'tooLong' && isStopTextField(field))
      return t('trips.stop.errors.tooLong', {
        max: stopTextLimits[field],
        length: stopTextLength(values, field),
      });
    return t(`trips.stop.errors.${found}`);
  };
  const input = (
    field: StopInputField,
    { optional, transform, className = 'input', ...attributes }: StopInputOptions = {},
  ) => (
    <Field label={t(`trips.stop.${field}`)} error={error(field)} optional={optional}>
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

  const dayOptions = Array.from({ length: allowedDays }, (_, day) => day);
  const title = state.mode === 'edit' ? t('trips.stop.editTitle') : t('trips.stop.addTitle');
  return (
    <form ref={form} className="dialog-body stop-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="dialog-head">
        <h2 id="stop-dialog-title">{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {failed ? <FormAlert kind="error">{t('trips.schedule.saveFailed')}</FormAlert> : null}
      {input('name', { placeholder: t('trips.stop.namePlaceholder'), autoFocus: true })}
      <fieldset className="category-picker">
        <legend className="field-label">{t('trips.stop.category')}</legend>
        <div className="category-options">
          {categories.map((category) => (
            <label
              key={category}
              className="category-option"
              style={{ '--category': categoryColors[category] } as CSSProperties}
            >
              <input
                type="radio"
                name="category"
                value={category}
                checked={values.category === category}
                onChange={() => set('category', category)}
              />
              <span>
                <CategoryIcon category={category} />
                {t(`trips.categories.${category}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-row form-row-3">
        <Field label={t('trips.stop.day')} error={error('day')}>
          {(control) => (
            <select
              {...control}
              name="day"
              className="select input"
              value={values.day}
              onChange={(event) => set('day', event.target.value)}
            >
              {dayOptions.map((day) => (
                <option key={day} value={String(day)}>
                  {day < dayCount
                    ? t('trips.stop.dayOption', {
                        day: day + 1,
                        date: formatDate(dateOfTripDay(trip.startDate, day), language, 'weekday'),
                      })
                    : t('trips.schedule.outsideDay', { day: day + 1 })}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('startTime', { optional: true, type: 'time' })}
        {input('duration', {
          optional: true,
          type: 'number',
          min: 0,
          max: MAX_DURATION_MINUTES,
          step: 5,
          inputMode: 'numeric',
        })}
      </div>
      <div className="form-row form-row-cost">
        {input('cost', { optional: true, inputMode: 'decimal' })}
        {input('costCurrency', {
          className: 'input input-code',
          maxLength: 3,
          autoComplete: 'off',
          spellCheck: false,
          transform: (value) => value.toUpperCase(),
        })}
      </div>
      {input('address', { optional: true })}
      <details
        className="stop-coordinates"
        open={Boolean(values.lat || values.lng || errors.lat || errors.lng)}
      >
        <summary>{t('trips.stop.coordinates')}</summary>
        <p className="field-hint">{t('trips.stop.coordsHint')}</p>
        <div className="form-row">
          {input('lat', { optional: true, inputMode: 'decimal' })}
          {input('lng', { optional: true, inputMode: 'decimal' })}
        </div>
      </details>
      <Field label={t('trips.stop.note')} error={error('note')} optional>
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
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {state.mode === 'edit' ? t('trips.stop.save') : t('trips.stop.add')}
        </button>
      </div>
    </form>
  );
}
