import { useTranslation } from 'react-i18next';
import { settleUpInTripCurrency, type Expense, type Stop, type Trip } from '@hamgaja/shared';
import { formatMoney } from '../conflicts/format-value';
import { budgetOf, totalsByCategory } from './expense-totals';

/** The budget next to what the plan costs and what was spent, in the trip's currency. */
export function BudgetSummary({
  trip,
  stops,
  expenses,
}: {
  trip: Trip;
  stops: readonly Stop[];
  expenses: readonly Expense[];
}) {
  const { t, i18n } = useTranslation();
  const budget = budgetOf(trip, stops, expenses);
  const money = (minor: number, currency = budget.currency) => formatMoney(minor, currency, i18n.language);
  const scale = Math.max(budget.planned ?? 0, budget.stopCosts, budget.spent, 1);
  const rows = [
    { key: 'planned', label: t('expenses.budget.planned'), amount: budget.planned },
    { key: 'stops', label: t('expenses.budget.stops'), amount: budget.stopCosts },
    { key: 'spent', label: t('expenses.budget.spent'), amount: budget.spent },
  ] as const;
  const over = budget.remaining !== null && budget.remaining < 0;
  return (
    <section className="expense-card budget-card" aria-labelledby={`budget-${trip.id}`}>
      <h3 id={`budget-${trip.id}`}>{t('expenses.budget.title')}</h3>
      <dl className="budget-rows">
        {rows.map((row) => (
          <div
            key={row.key}
            className="budget-row"
            data-kind={row.key}
            data-over={row.key === 'spent' && over ? true : undefined}
          >
            <dt>{row.label}</dt>
            <dd>
              <span className="budget-amount">
                {row.amount === null ? t('expenses.budget.notSet') : money(row.amount)}
              </span>
              <span className="budget-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, ((row.amount ?? 0) / scale) * 100)}%` }} />
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {budget.remaining === null ? (
        <p className="muted budget-note">{t('expenses.budget.noBudget')}</p>
      ) : over ? (
        <p className="budget-note budget-over">
          {t('expenses.budget.over', { amount: money(-budget.remaining) })}
        </p>
      ) : (
        <p className="budget-note budget-left">
          {t('expenses.budget.remaining', { amount: money(budget.remaining) })}
        </p>
      )}
      {budget.otherCurrencies.map((other) => (
        <p key={other.currency} className="muted budget-note">
          {t('expenses.budget.otherCurrency', {
            currency: other.currency,
            spent: money(other.spent, other.currency),
            planned: money(other.stopCosts, other.currency),
          })}
        </p>
      ))}
    </section>
  );
}

/** Spending by category in the trip's currency. */
export function CategoryTotalsView({ expenses, trip }: { expenses: readonly Expense[]; trip: Trip }) {
  const { t, i18n } = useTranslation();
  const block = totalsByCategory(expenses, trip.currency);
  const money = (minor: number) => formatMoney(minor, block.currency, i18n.language);
  return (
    <section className="expense-card" aria-labelledby="expense-categories-title">
      <h3 id="expense-categories-title">{t('expenses.byCategory')}</h3>
      {block.categories.length === 0 && block.missingRate === 0 ? (
        <p className="muted">{t('expenses.nothingYet')}</p>
      ) : null}
      {block.categories.length > 0 ? (
        <ul className="category-totals" aria-label={t('expenses.byCategoryIn', { currency: block.currency })}>
          {block.categories.map(({ category, amount }) => (
            <li key={category} data-category={category}>
              <span className={`category-dot category-${category}`} aria-hidden="true" />
              <span className="category-name">{t(`expenses.categories.${category}`)}</span>
              <span className="category-bar" aria-hidden="true">
                <span
                  style={{ width: `${(amount / Math.max(block.total, 1)) * 100}%` }}
                  className={`category-${category}`}
                />
              </span>
              <span className="category-amount">{money(amount)}</span>
            </li>
          ))}
          <li className="category-total">
            <span className="category-name">{t('expenses.total')}</span>
            <span className="category-amount" data-total>
              {money(block.total)}
            </span>
          </li>
        </ul>
      ) : null}
      {block.missingRate > 0 ? (
        <p className="muted budget-note">{t('expenses.rate.leftOut', { count: block.missingRate })}</p>
      ) : null}
    </section>
  );
}

/** Who pays whom to be even, in the trip's currency, with the fewest transfers. */
export function SettleUpView({
  expenses,
  trip,
  nameOf,
}: {
  expenses: readonly Expense[];
  trip: Trip;
  nameOf: (userId: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const settlement = settleUpInTripCurrency(expenses, trip.currency);
  const money = (minor: number) => formatMoney(minor, settlement.currency, i18n.language);
  const counted = expenses.length - settlement.missingRate.length;
  return (
    <section className="expense-card" aria-labelledby="settle-up-title">
      <h3 id="settle-up-title">{t('expenses.settle.title')}</h3>
      <p className="muted settle-hint">{t('expenses.settle.hintIn', { currency: settlement.currency })}</p>
      {counted === 0 ? (
        <p className="muted">{t('expenses.nothingYet')}</p>
      ) : settlement.transfers.length === 0 ? (
        <p className="settle-done">{t('expenses.settle.settled')}</p>
      ) : (
        <ul className="settle-list" aria-label={t('expenses.settle.title')}>
          {settlement.transfers.map((transfer) => {
            const amount = money(transfer.amount);
            const from = nameOf(transfer.from);
            const to = nameOf(transfer.to);
            return (
              <li key={`${transfer.from}-${transfer.to}`} className="settle-row">
                <span className="visually-hidden">{t('expenses.settle.transfer', { from, to, amount })}</span>
                <span className="settle-people" aria-hidden="true">
                  <strong>{from}</strong>
                  <span className="settle-arrow"> → </span>
                  <strong>{to}</strong>
                </span>
                <span className="settle-amount" aria-hidden="true">
                  {amount}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {settlement.missingRate.length > 0 ? (
        <p className="muted budget-note">
          {t('expenses.rate.leftOut', { count: settlement.missingRate.length })}
        </p>
      ) : null}
      {counted > 0 ? (
        <details className="settle-balances">
          <summary>{t('expenses.settle.balances')}</summary>
          <ul>
            {[...settlement.balances].map(([userId, balance]) => (
              <li key={userId}>
                <span>{nameOf(userId)}</span>
                <span data-sign={balance > 0 ? 'plus' : balance < 0 ? 'minus' : 'zero'}>
                  {balance > 0
                    ? t('expenses.settle.getsBack', { amount: money(balance) })
                    : balance < 0
                      ? t('expenses.settle.owes', { amount: money(-balance) })
                      : t('expenses.settle.even')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
