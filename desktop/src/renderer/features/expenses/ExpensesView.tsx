import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { tripAmountOf, type Expense, type RatesResponse, type Stop, type Trip } from '@hamgaja/shared';
import { PencilIcon, PlusIcon, TrashIcon } from '../../app/icons';
import { formatMoney } from '../conflicts/format-value';
import { ExpenseDialog } from './ExpenseDialog';
import type { ExpenseFields } from './expense-form';
import { BudgetSummary, CategoryTotalsView, SettleUpView } from './ExpenseSummaries';
import type { Person } from './people';
import './expenses.css';

export type ExpensesViewProps = {
  trip: Trip;
  stops: readonly Stop[];
  expenses: readonly Expense[];
  people: readonly Person[];
  me: string | null;
  canEdit: boolean;
  /** The exchange rates this device last got (null: none yet). */
  rates?: RatesResponse | null;
  /** Shown when the people list is the device's cached (or only "me") guess. */
  peopleNote?: string | null;
  /** id null = a new expense. */
  onSave: (id: string | null, fields: ExpenseFields) => Promise<void>;
  onDelete: (expense: Expense) => Promise<void>;
  renderNotice?: (expense: Expense) => ReactNode;
};

function formatDay(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

function ExpenseRow({
  expense,
  tripCurrency,
  title,
  meta,
  canEdit,
  onEdit,
  onDelete,
  notice,
}: {
  expense: Expense;
  tripCurrency: string;
  title: string;
  meta: string;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => Promise<void>;
  notice: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const converted = tripAmountOf(expense, tripCurrency);
  const original = formatMoney(expense.amount, expense.currency, i18n.language);
  return (
    <li className="expense-row" data-expense-id={expense.id} aria-label={title}>
      <div className="expense-line">
        <span className={`category-dot category-${expense.category}`} aria-hidden="true" />
        <span className="expense-main">
          <strong className="expense-title">{title}</strong>
          <span className="expense-meta">{meta}</span>
        </span>
        {expense.currency === tripCurrency ? (
          <span className="expense-amount">{original}</span>
        ) : (
          <span className="expense-amount expense-amount-converted">
            {converted === null ? (
              <span className="expense-rate-missing">{t('expenses.rate.needed')}</span>
            ) : (
              <span data-converted>{formatMoney(converted, tripCurrency, i18n.language)}</span>
            )}
            <span className="expense-original" data-original>
              {t('expenses.rate.original', { amount: original })}
            </span>
          </span>
        )}
        {canEdit ? (
          <span className="expense-tools">
            <button
              type="button"
              className="icon-button"
              aria-label={t('expenses.edit', { name: title })}
              onClick={onEdit}
            >
              <PencilIcon />
            </button>
            <button
              type="button"
              className="icon-button expense-delete"
              aria-label={t('expenses.delete', { name: title })}
              onClick={() => setConfirming(true)}
            >
              <TrashIcon />
            </button>
          </span>
        ) : null}
      </div>
      {confirming ? (
        <div className="expense-confirm" role="group" aria-label={t('expenses.delete', { name: title })}>
          <span>{t('expenses.deleteConfirm')}</span>
          <button
            type="button"
            className="button button-ghost expense-small"
            onClick={() => setConfirming(false)}
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger expense-small"
            onClick={() => void onDelete().finally(() => setConfirming(false))}
          >
            {t('expenses.deleteAction')}
          </button>
        </div>
      ) : null}
      {notice}
    </li>
  );
}

/** The expenses of a trip with the budget, totals by category and who owes whom. */
export function ExpensesView(props: ExpensesViewProps) {
  const { trip, stops, expenses, people, me, canEdit } = props;
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const [dialog, setDialog] = useState<{ open: boolean; expense: Expense | null }>({
    open: false,
    expense: null,
  });

  const nameOf = (userId: string) => {
    const person = people.find((candidate) => candidate.userId === userId);
    const name = person?.name ?? t('expenses.formerMember');
    return userId === me ? t('expenses.you', { name }) : name;
  };
  const stopName = (stopId: string | null) =>
    stopId ? stops.find((stop) => stop.id === stopId)?.place.name : undefined;
  const sorted = [...expenses].sort((a, b) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1,
  );

  return (
    <section className="card expenses-panel" aria-labelledby={titleId}>
      <header className="expenses-header">
        <div>
          <h2 id={titleId}>{t('expenses.title')}</h2>
          <p className="muted">{t('expenses.subtitle')}</p>
        </div>
        {canEdit ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setDialog({ open: true, expense: null })}
          >
            <PlusIcon />
            {t('expenses.add')}
          </button>
        ) : null}
      </header>
      {props.peopleNote ? <p className="expenses-people-note">{props.peopleNote}</p> : null}

      <BudgetSummary trip={trip} stops={stops} expenses={expenses} />

      <section className="expense-card" aria-labelledby={`${titleId}-list`}>
        <h3 id={`${titleId}-list`}>{t('expenses.listTitle')}</h3>
        {sorted.length === 0 ? (
          <p className="muted expenses-empty">
            {canEdit ? t('expenses.empty') : t('expenses.emptyReadOnly')}
          </p>
        ) : (
          <ul className="expense-list" aria-label={t('expenses.listTitle')}>
            {sorted.map((expense) => {
              const title = expense.note || t(`expenses.categories.${expense.category}`);
              const stop = stopName(expense.stopId);
              const meta = [
                formatDay(expense.date, i18n.language),
                t('expenses.paidByLine', { name: nameOf(expense.paidBy), count: expense.splitAmong.length }),
                stop,
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <ExpenseRow
                  key={expense.id}
                  expense={expense}
                  tripCurrency={trip.currency}
                  title={title}
                  meta={meta}
                  canEdit={canEdit}
                  onEdit={() => setDialog({ open: true, expense })}
                  onDelete={() => props.onDelete(expense)}
                  notice={props.renderNotice?.(expense)}
                />
              );
            })}
          </ul>
        )}
      </section>

      <div className="expense-grid">
        <CategoryTotalsView expenses={expenses} trip={trip} />
        <SettleUpView expenses={expenses} trip={trip} nameOf={nameOf} />
      </div>

      {canEdit ? (
        <ExpenseDialog
          key={dialog.expense?.id ?? 'new'}
          trip={trip}
          stops={stops}
          people={people}
          me={me}
          expense={dialog.expense}
          rates={props.rates ?? null}
          open={dialog.open}
          onClose={() => setDialog((current) => ({ ...current, open: false }))}
          onSave={(fields) => props.onSave(dialog.expense?.id ?? null, fields)}
        />
      ) : null}
    </section>
  );
}
