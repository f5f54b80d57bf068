import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../app/forms';
import { currentLanguage } from '../../i18n';
import { Field } from './fields';
import { regions } from './regions';
import {
  formDayCount,
  isTripTextField,
  tripTextLength,
  tripTextLimits,
  validateTripForm,
  type TripFormErrors,
  type TripFormField,
  type TripFormValues,
} from './trip-form';

/** Fields in the order they appear: the first one in error gets the focus. */
const fieldOrder: TripFormField[] = [
  'title',
  'regionCode',
  'destinationText',
  'description',
  'startDate',
  'endDate',
  'timeZone',
  'currency',
  'plannedBudget',
  'notes',
];

function supported(kind: 'timeZone' | 'currency'): string[] {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return [];
  }
}

/**
 * Create / edit form of a trip. `onSubmit` gets values that passed the field checks and
 * answers with errors of its own (the shared schema's verdict) or nothing.
 */
export function TripForm({
  initial,
  submitLabel,
  busyLabel,
  cancel,
  warning,
  onSubmit,
}: {
  initial: TripFormValues;
  submitLabel: string;
  busyLabel: string;
  cancel: ReactNode;
  /** A note under the dates computed from them (e.g. stops falling outside). */
  warning?: (values: TripFormValues) => ReactNode;
  onSubmit: (values: TripFormValues) => Promise<TripFormErrors | null>;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TripFormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const timeZones = useMemo(() => supported('timeZone'), []);
  const currencies = useMemo(() => supported('currency'), []);
  const dayCount = formDayCount(values);

  const set = <K extends TripFormField>(field: K, value: TripFormValues[K]) => {
    const next = { ...values, [field]: value };
    setValues(next);
    // After a first attempt, errors follow the typing so the user sees a fix land.
    if (submitted) setErrors(validateTripForm(next));
  };
  const error = (field: TripFormField) => {
    const found = errors[field];
    if (!found) return null;
    // How long it may be and how long it is: the fix is in plain sight.
    if (found === 'tooLong' && isTripTextField(field))
      return t('trips.form.errors.tooLong', {
        max: tripTextLimits[field],
        length: tripTextLength(values, field),
      });
    return t(`trips.form.errors.${found}`);
  };

  const focusFirstError = (found: TripFormErrors) => {
    const first = fieldOrder.find((field) => found[field]);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validateTripForm(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      const refused = await onSubmit(values);
      if (refused) {
        setErrors(refused);
        focusFirstError(refused);
      }
    } finally {
      setBusy(false);
    }
  };

  const hasErrors = submitted && Object.keys(errors).length > 0;
  return (
    <form ref={form} className="trip-form" onSubmit={(event) => void submit(event)} noValidate>
      {hasErrors ? <FormAlert kind="error">{t('trips.form.checkErrors')}</FormAlert> : null}
      <fieldset className="card form-section">
        <legend>{t('trips.form.basics')}</legend>
        <Field label={t('trips.form.title')} error={error('title')}>
          {(control) => (
            <input
              {...control}
              name="title"
              className="input"
              value={values.title}
              placeholder={t('trips.form.titlePlaceholder')}
              onChange={(event) => set('title', event.target.value)}
              autoFocus={!initial.title}
            />
          )}
        </Field>
        <div className="form-row">
          <Field label={t('trips.form.region')} error={error('regionCode')} optional>
            {(control) => (
              <select
                {...control}
                name="regionCode"
                className="select input"
                value={values.regionCode}
                onChange={(event) => set('regionCode', event.target.value)}
              >
                <option value="">{t('trips.form.regionNone')}</option>
                {regions.map((region) => (
                  <option key={region.code} value={region.code}>
                    {region.name[language]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('trips.form.destination')} error={error('destinationText')} optional>
            {(control) => (
              <input
                {...control}
                name="destinationText"
                className="input"
                value={values.destinationText}
                placeholder={t('trips.form.destinationPlaceholder')}
                onChange={(event) => set('destinationText', event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label={t('trips.form.description')} error={error('description')} optional>
          {(control) => (
            <input
              {...control}
              name="description"
              className="input"
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('trips.form.when')}</legend>
        <div className="form-row">
          <Field label={t('trips.form.startDate')} error={error('startDate')}>
            {(control) => (
              <input
                {...control}
                name="startDate"
                type="date"
                className="input"
                value={values.startDate}
                onChange={(event) => set('startDate', event.target.value)}
              />
            )}
          </Field>
          <Field label={t('trips.form.endDate')} error={error('endDate')}>
            {(control) => (
              <input
                {...control}
                name="endDate"
                type="date"
                className="input"
                value={values.endDate}
                min={values.startDate || undefined}
                onChange={(event) => set('endDate', event.target.value)}
              />
            )}
          </Field>
        </div>
        {dayCount !== null && !errors.endDate ? (
          <p className="form-note" role="status">
            {t('trips.form.dayPreview', { count: dayCount })}
          </p>
        ) : null}
        {warning?.(values)}
        <Field label={t('trips.form.timeZone')} hint={t('trips.form.timeZoneHint')} error={error('timeZone')}>
          {(control) => (
            <>
              <input
                {...control}
                name="timeZone"
                className="input"
                value={values.timeZone}
                list="trip-form-time-zones"
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => set('timeZone', event.target.value)}
              />
              <datalist id="trip-form-time-zones">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('trips.form.money')}</legend>
        <div className="form-row">
          <Field
            label={t('trips.form.currency')}
            hint={t('trips.form.currencyHint')}
            error={error('currency')}
          >
            {(control) => (
              <>
                <input
                  {...control}
                  name="currency"
                  className="input input-code"
                  value={values.currency}
                  list="trip-form-currencies"
                  maxLength={3}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => set('currency', event.target.value.toUpperCase())}
                />
                <datalist id="trip-form-currencies">
                  {currencies.map((code) => (
                    <option key={code} value={code} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field
            label={t('trips.form.plannedBudget')}
            hint={t('trips.form.budgetHint', { currency: values.currency || '—' })}
            error={error('plannedBudget')}
            optional
          >
            {(control) => (
              <input
                {...control}
                name="plannedBudget"
                className="input"
                inputMode="decimal"
                value={values.plannedBudget}
                onChange={(event) => set('plannedBudget', event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label={t('trips.form.notes')} error={error('notes')} optional>
          {(control) => (
            <textarea
              {...control}
              name="notes"
              className="input textarea"
              rows={4}
              value={values.notes}
              onChange={(event) => set('notes', event.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <div className="form-actions trip-form-actions">
        {cancel}
        <button type="submit" className="button button-primary button-large" disabled={busy} aria-busy={busy}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
