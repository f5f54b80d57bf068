import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applicableRate,
  categories,
  currencyCodes,
  splitEqually,
  tripAmountOf,
  type Category,
  type Expense,
  type RatesResponse,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { FormAlert, TextField } from '../../app/forms';
import { useModalDialog } from '../../app/modal-dialog';
import { formatMoney } from '../conflicts/format-value';
import {
  commonCurrencies,
  defaultExpenseDate,
  draftOf,
  parseAmount,
  parseRate,
  rateDraftFor,
  validateDraft,
  type DraftProblems,
  type ExpenseDraft,
  type ExpenseFields,
} from './expense-form';
import type { Person } from './people';

export type ExpenseDialogProps = {
  trip: Trip;
  stops: readonly Stop[];
  people: readonly Person[];
  me: string | null;
  /** null = a new expense. */
  expense: Expense | null;
  /** The exchange rates this device last got (a new rate is filled from them). */
  rates: RatesResponse | null;
  open: boolean;
  onClose: () => void;
  onSave: (fields: ExpenseFields) => Promise<void>;
};

function newDraft(trip: Trip, people: readonly Person[], me: string | null): ExpenseDraft {
  const current = people.filter((person) => person.current).map((person) => person.userId);
  return {
    amount: '',
    currency: trip.currency,
    paidBy: me ?? current[0] ?? '',
    splitAmong: current.length > 0 ? current : me ? [me] : [],
    category: 'food',
    date: defaultExpenseDate(trip),
    stopId: null,
    note: '',
    rate: '',
    rateSource: 'manual',
    rateDate: null,
  };
}

/** "JPY · 일본 엔화": ISO codes with their names in the app's language. */
function useCurrencyNames(language: string): (code: string) => string {
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([language], { type: 'currency' });
    } catch {
      names = null;
    }
    return (code: string) => {
      const name = names?.of(code);
      return name && name !== code ? `${code} · ${name}` : code;
    };
  }, [language]);
}

/** Adding or editing one expense: amount, currency, who paid, split among, category, date, stop, note. */
export function ExpenseDialog({
  trip,
  stops,
  people,
  me,
  expense,
  rates,
  open,
  onClose,
  onSave,
}: ExpenseDialogProps) {
  const { t, i18n } = useTranslation();
  const dialog = useModalDialog(open);
  const [draft, setDraft] = useState<ExpenseDraft>(() =>
    expense ? draftOf(expense, trip.currency, rates) : newDraft(trip, people, me),
  );
  const [problems, setProblems] = useState<DraftProblems>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const ids = {
    date: useId(),
    stop: useId(),
    note: useId(),
    title: useId(),
    currency: useId(),
    rate: useId(),
  };
  const currencyName = useCurrencyNames(i18n.language);

  useEffect(() => {
    if (!open) return;
    setDraft(expense ? draftOf(expense, trip.currency, rates) : newDraft(trip, people, me));
    setProblems({});
    setSubmitted(false);
    setFailed(false);
    // Only opening resets the form; live updates of the lists must not.
  }, [open]);

  const update = (change: Partial<ExpenseDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    if (submitted) setProblems(validateDraft(next, trip).problems);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const checked = validateDraft(draft, trip);
    setProblems(checked.problems);
    if (!checked.fields) return;
    setBusy(true);
    setFailed(false);
    try {
      await onSave(checked.fields);
      onClose();
    } catch (error) {
      console.error('Saving an expense failed', error);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const frequent = [...new Set([trip.currency, draft.currency, ...commonCurrencies])];
  const foreign = draft.currency !== trip.currency;
  // An existing expense in another currency that has no rate to the trip's currency yet.
  const rateWasMissing =
    expense !== null && expense.currency !== trip.currency && applicableRate(expense, trip.currency) === null;
  const personName = (person: Person) =>
    person.userId === me ? t('expenses.you', { name: person.name }) : person.name;
  const payers = people.filter((person) => person.current || person.userId === draft.paidBy);
  const sharers = people.filter((person) => person.current || draft.splitAmong.includes(person.userId));
  const amount = parseAmount(draft.amount, draft.currency);
  const shares = amount && draft.splitAmong.length > 0 ? splitEqually(amount, draft.splitAmong) : null;
  const perPerson = shares ? Math.max(...shares.values()) : null;
  const sortedStops = [...stops].sort((a, b) => a.day - b.day || (a.orderKey < b.orderKey ? -1 : 1));
  const problemText = {
    amount:
      problems.amount === 'required'
        ? t('expenses.amountRequired')
        : problems.amount
          ? t('expenses.amountInvalid')
          : null,
    splitAmong: problems.splitAmong ? t('expenses.splitRequired') : null,
    date:
      problems.date === 'outsideTrip'
        ? t('expenses.dateOutside', { start: trip.startDate, end: trip.endDate })
        : problems.date
          ? t('expenses.dateRequired')
          : null,
    note: problems.note ? t('expenses.noteTooLong') : null,
    rate:
      problems.rate === 'required'
        ? t('expenses.rate.required', { currency: trip.currency })
        : problems.rate
          ? t('expenses.rate.invalid')
          : null,
  };
  const typedRate = foreign ? parseRate(draft.rate) : null;
  const converted =
    amount !== null && typedRate !== null
      ? tripAmountOf(
          {
            amount,
            currency: draft.currency,
            rate: { to: trip.currency, value: typedRate, source: 'manual', date: trip.startDate },
          },
          trip.currency,
        )
      : null;
  const rateLine =
    typedRate === null
      ? null
      : t(draft.rateSource === 'feed' ? 'expenses.rate.fromFeed' : 'expenses.rate.byHand', {
          from: draft.currency,
          to: trip.currency,
          rate: typedRate,
          date: draft.rateDate ?? '',
        });

  return (
    <dialog
      ref={dialog}
      className="dialog expense-dialog"
      aria-labelledby={ids.title}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open ? (
        <form className="dialog-body expense-form" onSubmit={(event) => void submit(event)} noValidate>
          <h2 id={ids.title}>{expense ? t('expenses.editTitle') : t('expenses.addTitle')}</h2>
          <div className="expense-amount-row">
            <TextField
              label={t('expenses.amount')}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              value={draft.amount}
              onChange={(event) => update({ amount: event.target.value })}
              error={problemText.amount}
              required
            />
            <div className="field">
              <label className="field-label" htmlFor={ids.currency}>
                {t('expenses.currency')}
              </label>
              <select
                id={ids.currency}
                className="select expense-currency"
                value={draft.currency}
                onChange={(event) =>
                  update({
                    currency: event.target.value,
                    ...rateDraftFor(event.target.value, trip.currency, rates),
                  })
                }
              >
                <optgroup label={t('expenses.currencyFrequent')}>
                  {frequent.map((code) => (
                    <option key={code} value={code}>
                      {currencyName(code)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('expenses.currencyAll')}>
                  {currencyCodes
                    .filter((code) => !frequent.includes(code))
                    .map((code) => (
                      <option key={code} value={code}>
                        {currencyName(code)}
                      </option>
                    ))}
                </optgroup>
              </select>
            </div>
          </div>
          {foreign ? (
            <div className="field expense-rate">
              {rateWasMissing ? (
                <FormAlert kind="info">{t('expenses.rate.missingOnExpense')}</FormAlert>
              ) : null}
              <label className="field-label" htmlFor={ids.rate}>
                {t('expenses.rate.label', { to: trip.currency })}
              </label>
              <div className="expense-rate-input">
                <span aria-hidden="true">1 {draft.currency} =</span>
                <input
                  id={ids.rate}
                  name="rate"
                  className="input"
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft.rate}
                  aria-invalid={problemText.rate ? true : undefined}
                  aria-describedby={`${ids.rate}-hint`}
                  onChange={(event) =>
                    update({ rate: event.target.value, rateSource: 'manual', rateDate: null })
                  }
                />
                <span aria-hidden="true">{trip.currency}</span>
              </div>
              <span id={`${ids.rate}-hint`} className={problemText.rate ? 'field-error' : 'field-hint'}>
                {problemText.rate ??
                  (rateLine
                    ? converted !== null
                      ? `${rateLine} · ${t('expenses.rate.converted', {
                          amount: formatMoney(converted, trip.currency, i18n.language),
                        })}`
                      : rateLine
                    : t('expenses.rate.noDeviceRate', { from: draft.currency, to: trip.currency }))}
              </span>
            </div>
          ) : null}
          <div className="form-row">
            <SelectField
              label={t('expenses.paidBy')}
              value={draft.paidBy}
              options={payers.map((person) => ({ value: person.userId, label: personName(person) }))}
              onChange={(paidBy) => update({ paidBy })}
            />
            <SelectField
              label={t('expenses.category')}
              value={draft.category}
              options={categories.map((category) => ({
                value: category,
                label: t(`expenses.categories.${category}`),
              }))}
              onChange={(category) => update({ category: category as Category })}
            />
          </div>
          <fieldset
            className="expense-split"
            aria-describedby={problemText.splitAmong ? `${ids.title}-split` : undefined}
          >
            <legend className="field-label">{t('expenses.splitAmong')}</legend>
            <div className="expense-split-people">
              {sharers.map((person) => (
                <label key={person.userId} className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.splitAmong.includes(person.userId)}
                    onChange={(event) =>
                      update({
                        splitAmong: event.target.checked
                          ? [...draft.splitAmong, person.userId]
                          : draft.splitAmong.filter((id) => id !== person.userId),
                      })
                    }
                  />
                  {personName(person)}
                </label>
              ))}
            </div>
            {problemText.splitAmong ? (
              <span id={`${ids.title}-split`} className="field-error">
                {problemText.splitAmong}
              </span>
            ) : perPerson !== null && draft.splitAmong.length > 1 ? (
              <span className="field-hint">
                {t('expenses.perPerson', { amount: formatMoney(perPerson, draft.currency, i18n.language) })}
              </span>
            ) : null}
          </fieldset>
          <div className="form-row">
            <div className="field">
              <label className="field-label" htmlFor={ids.date}>
                {t('expenses.date')}
              </label>
              <input
                id={ids.date}
                className="input"
                type="date"
                min={trip.startDate}
                max={trip.endDate}
                value={draft.date}
                aria-invalid={problemText.date ? true : undefined}
                aria-describedby={problemText.date ? `${ids.date}-error` : undefined}
                onChange={(event) => update({ date: event.target.value })}
              />
              {problemText.date ? (
                <span id={`${ids.date}-error`} className="field-error">
                  {problemText.date}
                </span>
              ) : null}
            </div>
            <div className="field">
              <span className="field-label">
                <label htmlFor={ids.stop}>{t('expenses.stop')}</label>
                <span className="optional">{t('common.optional')}</span>
              </span>
              <select
                id={ids.stop}
                className="select"
                value={draft.stopId ?? ''}
                onChange={(event) => update({ stopId: event.target.value || null })}
              >
                <option value="">{t('expenses.noStop')}</option>
                {sortedStops.map((stop) => (
                  <option key={stop.id} value={stop.id}>
                    {t('expenses.stopOption', { day: stop.day + 1, name: stop.place.name })}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <span className="field-label">
              <label htmlFor={ids.note}>{t('expenses.note')}</label>
              <span className="optional">{t('common.optional')}</span>
            </span>
            <textarea
              id={ids.note}
              className="input expense-note"
              rows={2}
              placeholder={t('expenses.notePlaceholder')}
              value={draft.note}
              aria-invalid={problemText.note ? true : undefined}
              onChange={(event) => update({ note: event.target.value })}
            />
            {problemText.note ? <span className="field-error">{problemText.note}</span> : null}
          </div>
          {failed ? <FormAlert kind="error">{t('expenses.saveFailed')}</FormAlert> : null}
          <div className="dialog-actions">
            <button type="button" className="button button-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
              {busy ? t('common.saving') : t('expenses.save')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

/** A labelled `<select>` of plain options. */
function SelectField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
