import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  MAX_TRIP_FILE_BYTES,
  readTripFile,
  TRIP_FILE_EXTENSION,
  tripImportSummary,
  type TripBundle,
} from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { ModalDialog } from '../../app/modal-dialog';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { currentLanguage } from '../../i18n';
import { formatDateRange } from '../trips/format';
import './trip-export.css';

type Problem = 'invalid' | 'tooNew' | 'readFailed' | 'saveFailed';

/**
 * "Import trip" on the trips list: a file picker, then a preview of what the file holds and
 * what will be created; confirming writes a NEW trip (new ids) into the local database. A file
 * that is not a Hamgaja trip, newer or damaged gets a message and nothing is written.
 */
export function ImportTripButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const database = useDatabaseState();
  const input = useRef<HTMLInputElement>(null);
  const [bundle, setBundle] = useState<TripBundle | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    setProblem(null);
    setBundle(null);
    let text: string;
    try {
      if (file.size > MAX_TRIP_FILE_BYTES) {
        setProblem('invalid');
        return;
      }
      text = await file.text();
    } catch {
      setProblem('readFailed');
      return;
    }
    const result = readTripFile(text);
    if (result.ok) setBundle(result.bundle);
    else setProblem(result.code === 'trip_file_too_new' ? 'tooNew' : 'invalid');
  };

  const confirm = async () => {
    if (!bundle || database.status !== 'ready') return;
    setBusy(true);
    try {
      const { importTripBundle } = await import('../../../desktop-api/trip-transfer');
      const tripId = await importTripBundle(database.db, bundle, database.userId);
      setBundle(null);
      void navigate(`/trips/${encodeURIComponent(tripId)}`);
    } catch (error) {
      console.error('Import failed', error);
      setBundle(null);
      setProblem('saveFailed');
    } finally {
      setBusy(false);
    }
  };

  const summary = bundle ? tripImportSummary(bundle) : null;
  const language = currentLanguage();
  return (
    <div className="trip-import">
      <input
        ref={input}
        type="file"
        accept={`.${TRIP_FILE_EXTENSION},.json,application/json`}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('tripExport.chooseFile')}
        onChange={(event) => void choose(event.target.files?.[0])}
      />
      <button
        type="button"
        className="button"
        disabled={database.status !== 'ready'}
        onClick={() => input.current?.click()}
      >
        {t('tripExport.import')}
      </button>
      {problem ? <FormAlert kind="error">{t(`tripExport.${problem}`)}</FormAlert> : null}
      <ModalDialog
        open={summary !== null}
        onClose={() => setBundle(null)}
        className="dialog trip-import-dialog"
        aria-labelledby="trip-import-title"
      >
        {summary ? (
          <div className="dialog-body">
            <h2 id="trip-import-title">{t('tripExport.importTitle')}</h2>
            <p>{t('tripExport.previewIntro')}</p>
            <div className="trip-import-preview">
              <strong>{summary.title}</strong>
              <span className="muted">
                {formatDateRange(summary.startDate, summary.endDate, language)} ·{' '}
                {t('tripExport.days', { count: summary.days })}
              </span>
              <ul className="trip-import-days">
                {summary.stopsPerDay.map((count, index) => (
                  <li key={index}>{t('tripExport.dayLine', { day: index + 1, count })}</li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="trip-import-subtitle">{t('tripExport.willCreate')}</h3>
              <ul className="trip-import-counts" aria-label={t('tripExport.willCreate')}>
                <li>{t('tripExport.tripLine', { title: summary.title })}</li>
                <li>{t('tripExport.stops', { count: summary.stops })}</li>
                <li>{t('tripExport.checklist', { count: summary.checklistItems })}</li>
                <li>{t('tripExport.expenses', { count: summary.expenses })}</li>
              </ul>
              {summary.expenses > 0 ? <p className="trip-import-note">{t('tripExport.membership')}</p> : null}
            </div>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setBundle(null)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                aria-busy={busy}
                onClick={() => void confirm()}
              >
                {busy ? <span className="spinner" aria-hidden="true" /> : null}
                {busy ? t('tripExport.importing') : t('tripExport.confirm')}
              </button>
            </div>
          </div>
        ) : null}
      </ModalDialog>
    </div>
  );
}
