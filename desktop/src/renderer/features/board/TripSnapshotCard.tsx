import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { tripDayCount, type TripSnapshot } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { CopyIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { currentLanguage } from '../../i18n';
import { formatDateRange } from '../trips/format';
import { copySnapshotIntoDatabase } from './snapshot';
import { RouteIcon } from './board-icons';
import { boardErrorMessage, useBoard } from './use-board';

/** A trip shared in a post: read-only, day by day, with "copy this trip" into one's own trips. */
export function TripSnapshotCard({ postId, snapshot }: { postId: string; snapshot: TripSnapshot }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const board = useBoard();
  const session = useSessionState();
  const database = useDatabaseState();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { trip, stops } = snapshot;
  const days = tripDayCount(trip.startDate, trip.endDate);
  const byDay = new Map<number, TripSnapshot['stops']>();
  for (const stop of [...stops].sort((a, b) => a.day - b.day || (a.orderKey < b.orderKey ? -1 : 1)))
    byDay.set(stop.day, [...(byDay.get(stop.day) ?? []), stop]);

  const copy = async () => {
    if (database.status !== 'ready') return;
    setBusy(true);
    setError(null);
    try {
      // Fresh from the server: the post may have been edited since it was opened.
      const { trip: latest } = await board.copyTrip(postId);
      // Titled "… (copy)" / "… (사본)" in the copier's language, told apart from the original.
      const label = (title: string) => t('board.trip.copyTitle', { title });
      setCopiedId(await copySnapshotIntoDatabase(database.db, latest, database.userId, label));
    } catch (err) {
      console.error('Copying the trip failed', err);
      setError(`${t('board.trip.copyFailed')} ${boardErrorMessage(t, err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="trip-snapshot card" aria-labelledby="trip-snapshot-title">
      <div className="trip-snapshot-head">
        <span className="trip-snapshot-icon" aria-hidden="true">
          <RouteIcon />
        </span>
        <div>
          <p className="eyebrow">{t('board.trip.heading')}</p>
          <h2 id="trip-snapshot-title">{trip.title}</h2>
          <p className="muted">
            {formatDateRange(trip.startDate, trip.endDate, language)} ·{' '}
            {t('board.trip.days', { count: days })} · {t('board.trip.stops', { count: stops.length })}
          </p>
        </div>
      </div>
      {byDay.size > 0 ? (
        <ol className="trip-snapshot-days" role="list">
          {[...byDay.entries()].map(([day, dayStops]) => (
            <li key={day}>
              <h3>{t('board.trip.day', { day: day + 1 })}</h3>
              <ol role="list">
                {dayStops.map((stop, index) => (
                  <li key={`${day}-${index}`}>
                    {stop.startTime ? <span className="trip-snapshot-time">{stop.startTime}</span> : null}
                    <span>{stop.place.name}</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="muted small">{t('board.trip.readOnly')}</p>
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      {copiedId ? (
        <FormAlert kind="success">
          {t('board.trip.copied')} <Link to={`/trips/${copiedId}`}>{t('board.trip.openCopy')}</Link>
        </FormAlert>
      ) : null}
      <div>
        {session.status === 'authenticated' ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || database.status !== 'ready'}
            aria-busy={busy}
            onClick={() => void copy()}
          >
            <CopyIcon />
            {busy ? t('board.trip.copying') : t('board.trip.copy')}
          </button>
        ) : (
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`} className="button">
            {t('board.trip.loginToCopy')}
          </Link>
        )}
      </div>
    </section>
  );
}
