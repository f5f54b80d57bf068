import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Trip } from '@hamgaja/shared';
import type { Language } from '../../i18n';
import { formatMoney } from './format';
import type { TripStats as Stats } from './trip-stats';

/** Stops, days, places and cost at a glance, and the budget against the planned costs. */
export function TripStats({
  trip,
  stats,
  language,
  canEdit,
}: {
  trip: Trip;
  stats: Stats;
  language: Language;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const money = (amount: number, currency = trip.currency) => formatMoney(amount, currency, language);
  const others = stats.otherCosts.map((cost) => money(cost.amount, cost.currency)).join(' · ');
  const budget = stats.budget;
  const percent = budget ? (Number.isFinite(budget.ratio) ? Math.round(budget.ratio * 100) : 100) : 0;

  return (
    <section className="trip-stats" aria-label={t('trips.stats.label')}>
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t('trips.stats.stops')}</dt>
          <dd data-stat="stops">{stats.stopCount}</dd>
        </div>
        <div className="stat">
          <dt>{t('trips.stats.days')}</dt>
          <dd data-stat="days">{stats.dayCount}</dd>
        </div>
        <div className="stat">
          <dt>{t('trips.stats.places')}</dt>
          <dd data-stat="places">{stats.placeCount}</dd>
        </div>
        <div className="stat stat-wide">
          <dt>{t('trips.stats.totalCost')}</dt>
          <dd data-stat="cost">
            {money(stats.cost)}
            {others ? (
              <span className="stat-note">{t('trips.stats.otherCurrencies', { list: others })}</span>
            ) : null}
          </dd>
        </div>
      </dl>
      <div className="budget card">
        <div className="budget-head">
          <h2>{t('trips.stats.budget')}</h2>
          {budget ? (
            <span className={`budget-left${budget.over ? ' over' : ''}`}>
              {budget.over
                ? t('trips.stats.over', { amount: money(-budget.remaining) })
                : t('trips.stats.remaining', { amount: money(budget.remaining) })}
            </span>
          ) : null}
        </div>
        {budget ? (
          <>
            <p className="budget-line">
              {t('trips.stats.plannedOfBudget', { cost: money(stats.cost), budget: money(budget.planned) })}
            </p>
            <div
              className={`meter meter-large${budget.over ? ' meter-over' : ''}`}
              role="meter"
              aria-label={t('trips.stats.budgetUsed', { percent })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(percent, 100)}
            >
              <span style={{ width: `${Math.min(percent, 100)}%` }} />
            </div>
            <p className="budget-foot muted">{t('trips.stats.budgetUsed', { percent })}</p>
          </>
        ) : (
          <p className="budget-line muted">
            {t('trips.stats.noBudget')}{' '}
            {canEdit ? <Link to={`/trips/${trip.id}/edit`}>{t('trips.stats.setBudget')}</Link> : null}
          </p>
        )}
        {stats.spent > 0 || stats.otherSpent.length > 0 ? (
          <p className="budget-foot muted">
            {t('trips.stats.spent', {
              amount: [money(stats.spent), ...stats.otherSpent.map((s) => money(s.amount, s.currency))].join(
                ' · ',
              ),
            })}
          </p>
        ) : null}
      </div>
    </section>
  );
}
