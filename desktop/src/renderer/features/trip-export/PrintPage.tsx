import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { itineraryModel, type ItineraryModel } from '@hamgaja/shared';
import { ChevronLeftIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { FormAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/use-document-title';
import { useTripDocuments } from '../../data/hooks';
import { currentLanguage } from '../../i18n';
import { bundleOf } from './trip-bundle';
import './trip-export.css';

/** The itinerary as one A4 document: the same model (and words) as the PDF export. */
function PrintSheet({ model }: { model: ItineraryModel }) {
  const d = model.words.document;
  const b = model.budget;
  return (
    <article className="print-sheet" lang={model.language}>
      <header className="print-head">
        <h1>{model.title}</h1>
        <p className="print-meta">
          {model.dates}
          {model.destination ? ` · ${model.destination}` : ''}
        </p>
        {model.description ? <p className="print-description">{model.description}</p> : null}
        <p className="print-meta">{b.summary}</p>
      </header>
      {model.days.map((day) => (
        <section key={day.index} className="print-day" aria-labelledby={`print-day-${day.index}`}>
          <h2 id={`print-day-${day.index}`}>
            {day.label} · <span className="print-date">{day.dateLabel}</span>
          </h2>
          {day.stops.length === 0 ? (
            <p className="print-empty">{d.noStops}</p>
          ) : (
            <ol className="print-stops">
              {day.stops.map((stop) => (
                <li key={stop.id} className="print-stop">
                  <div className="print-time">
                    <strong className={stop.timed ? undefined : 'print-untimed'}>{stop.time}</strong>
                    {stop.duration ? <span>{stop.duration}</span> : null}
                  </div>
                  <div className="print-stop-body">
                    <strong className="print-place">{stop.name}</strong>
                    <span className="print-sub">
                      {[stop.categoryLabel, stop.address].filter(Boolean).join(' · ')}
                    </span>
                    {stop.travel || stop.cost ? (
                      <span className="print-line">
                        {[stop.travel, stop.cost].filter(Boolean).join(' · ')}
                      </span>
                    ) : null}
                    {stop.note ? <p className="print-note">{stop.note}</p> : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
      <section className="print-closing">
        <div className="print-block">
          <h2>{d.checklist}</h2>
          {model.checklist.length === 0 ? (
            <p className="print-empty">{d.checklistEmpty}</p>
          ) : (
            <ul className="print-checklist">
              {model.checklist.map((item, index) => (
                <li key={index} className={item.done ? 'print-done' : undefined}>
                  <span aria-hidden="true">{item.done ? '✓' : '□'}</span> {item.text}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="print-block">
          <h2>{d.budgetSummary}</h2>
          <dl className="print-budget">
            <dt>{d.budget}</dt>
            <dd>{b.planned ?? '—'}</dd>
            <dt>{d.plannedCost}</dt>
            <dd>{b.plannedCost}</dd>
            <dt>{d.spent}</dt>
            <dd>
              {b.spent} <span className="print-sub">({b.expensesLabel})</span>
            </dd>
            {b.remaining ? (
              <>
                <dt>{b.remaining.label}</dt>
                <dd className={b.remaining.over ? 'print-over' : 'print-left'}>{b.remaining.amount}</dd>
              </>
            ) : null}
            {b.otherCurrencies.length > 0 ? (
              <>
                <dt>{d.otherCurrencies}</dt>
                <dd>{b.otherCurrencies.join(', ')}</dd>
              </>
            ) : null}
          </dl>
        </div>
        {model.notes.trim() ? (
          <div className="print-block print-notes">
            <h2>{d.notes}</h2>
            <p>{model.notes}</p>
          </div>
        ) : null}
      </section>
      <footer className="print-foot">{d.generatedBy}</footer>
    </article>
  );
}

/** /trips/:tripId/print — the printable itinerary (A4), from the local database. */
export default function PrintPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { tripId = '' } = useParams();
  const documents = useTripDocuments(tripId);
  const data = documents.status === 'ready' ? documents.data : null;
  const trip = data?.trip ?? null;
  const model = useMemo(
    () => (data?.trip ? itineraryModel(bundleOf({ ...data, trip: data.trip }), language) : null),
    [data, language],
  );
  useDocumentTitle(trip ? t('tripPrint.title', { title: trip.title }) : t('trips.title'));

  if (documents.status === 'loading') return <PageLoading />;
  if (documents.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  if (!trip || !model)
    return (
      <section className="center-page">
        <h1>{t('trips.notFoundTitle')}</h1>
        <p>{t('trips.notFoundBody')}</p>
        <Link to="/trips" className="button button-primary">
          {t('trips.backToTrips')}
        </Link>
      </section>
    );
  return (
    <div className="print-page">
      <div className="print-toolbar">
        <Link to={`/trips/${encodeURIComponent(trip.id)}`} className="back-link">
          <ChevronLeftIcon />
          {t('tripPrint.back')}
        </Link>
        <span className="print-hint muted">{t('tripPrint.hint')}</span>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('tripPrint.print')}
        </button>
      </div>
      <PrintSheet model={model} />
    </div>
  );
}
