import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DRAFT_DAYS_MAX,
  fromMinorUnits,
  tripDayCount,
  type DraftStop,
  type ItineraryDraftRequest,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { FormAlert } from '../../app/forms';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { currentLanguage } from '../../i18n';
import { useOnline } from '../catalog/catalog-services';
import { SparkleIcon } from '../board/board-icons';
import { aiErrorMessage, useAi, useAiStatus } from './ai-messages';
import { addDraftStops } from './draft-stops';
import { buildDraftRequest, draftStopKey, type DraftForm, type DraftFormError } from './draft-form';
import './ai.css';

type Run =
  | { status: 'idle' }
  | { status: 'streaming'; candidates: number | null }
  | { status: 'done'; dropped: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/** "Draft my days with AI" in a trip: the button, and the dialog it opens. */
export function DraftWithAiButton({ trip, stops }: { trip: Trip; stops: readonly Stop[] }) {
  const { t } = useTranslation();
  const ai = useAi();
  const online = useOnline();
  const status = useAiStatus(ai, online);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const reason = !online ? t('ai.offline') : status && !status.enabled ? t('ai.disabled') : null;
  return (
    <div className="ai-draft-entry">
      <button
        type="button"
        className="button"
        disabled={reason !== null}
        aria-describedby={reason ? 'ai-draft-reason' : undefined}
        onClick={() => {
          setNotice(null);
          setOpen(true);
        }}
      >
        <SparkleIcon />
        {t('ai.draft.open')}
      </button>
      {reason ? (
        <span id="ai-draft-reason" className="ai-unavailable small">
          {reason}
        </span>
      ) : null}
      {notice ? (
        <span role="status" className="ai-added">
          {notice}
        </span>
      ) : null}
      {open ? (
        <DraftDialog
          trip={trip}
          stops={stops}
          onClose={() => setOpen(false)}
          onAdded={(count) => {
            setOpen(false);
            setNotice(t('ai.draft.added', { count }));
          }}
        />
      ) : null}
    </div>
  );
}

function DraftDialog({
  trip,
  stops,
  onClose,
  onAdded,
}: {
  trip: Trip;
  stops: readonly Stop[];
  onClose: () => void;
  onAdded: (count: number) => void;
}) {
  const { t } = useTranslation();
  const ai = useAi();
  const online = useOnline();
  const database = useDatabaseState();
  const dialog = useRef<HTMLDialogElement>(null);
  const running = useRef<AbortController | null>(null);
  const ids = useId();
  const tripDays = tripDayCount(trip.startDate, trip.endDate);
  const [form, setForm] = useState<DraftForm>({
    days: String(Math.min(tripDays, DRAFT_DAYS_MAX)),
    interests: '',
    pace: 'moderate',
    budget: trip.plannedBudget === null ? '' : String(fromMinorUnits(trip.plannedBudget, trip.currency)),
    notes: '',
  });
  const [formError, setFormError] = useState<DraftFormError | null>(null);
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const [draftStops, setDraftStops] = useState<DraftStop[]>([]);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal?.();
    return () => running.current?.abort();
  }, []);

  const close = () => {
    running.current?.abort();
    onClose();
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildDraftRequest(form, trip, stops, currentLanguage());
    if ('error' in built) {
      setFormError(built.error);
      return;
    }
    setFormError(null);
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setDraftStops([]);
    setSkipped(new Set());
    setRun({ status: 'streaming', candidates: null });
    let finished = false;
    try {
      await ai.draft(
        built.request satisfies ItineraryDraftRequest,
        (draftEvent) => {
          if (controller.signal.aborted) return;
          if (draftEvent.type === 'start')
            setRun({ status: 'streaming', candidates: draftEvent.candidateCount });
          else if (draftEvent.type === 'stop') setDraftStops((current) => [...current, draftEvent.stop]);
          else if (draftEvent.type === 'done') {
            finished = true;
            // The final draft is the truth: times normalized, invalid stops gone.
            setDraftStops(draftEvent.draft.stops);
            setRun({ status: 'done', dropped: draftEvent.dropped });
          } else if (draftEvent.type === 'error') {
            finished = true;
            const { problem } = draftEvent;
            setRun({
              status: 'failed',
              message: aiErrorMessage(t, new ApiError(problem.status, problem.code, problem.title, problem)),
            });
          }
        },
        controller.signal,
      );
      if (!finished && !controller.signal.aborted)
        setRun({ status: 'failed', message: t('ai.errors.ai_unavailable') });
    } catch (error) {
      if (controller.signal.aborted) return;
      setRun({ status: 'failed', message: aiErrorMessage(t, error) });
    }
  };

  const cancel = () => {
    running.current?.abort();
    setRun({ status: 'cancelled' });
  };

  const kept = draftStops.filter((stop) => !skipped.has(draftStopKey(stop)));
  const toggle = (stop: DraftStop) =>
    setSkipped((current) => {
      const next = new Set(current);
      const key = draftStopKey(stop);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const save = async () => {
    if (database.status !== 'ready') return;
    setSaving(true);
    setSaveError(null);
    try {
      onAdded(await addDraftStops(database.db, trip, kept));
    } catch (error) {
      console.error('Adding the draft stops failed', error);
      setSaveError(t('errors.unknown'));
      setSaving(false);
    }
  };

  const streaming = run.status === 'streaming';
  const days = [...new Set(draftStops.map((s) => s.day))].sort((a, b) => a - b);
  const formErrorText =
    formError === 'days'
      ? t('ai.draft.invalidDays', { max: Math.min(DRAFT_DAYS_MAX, tripDays) })
      : formError === 'budget'
        ? t('ai.draft.invalidBudget')
        : formError === 'region'
          ? t('ai.draft.noRegion')
          : null;

  return (
    <dialog
      ref={dialog}
      className="dialog ai-draft-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={close}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <div className="dialog-body">
        <h2 id={`${ids}-title`}>
          <SparkleIcon /> {t('ai.draft.title')}
        </h2>
        <p>{t('ai.draft.intro')}</p>
        <form className="ai-draft-form" onSubmit={(event) => void start(event)} noValidate>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-days`}>
              {t('ai.draft.days')}
            </label>
            <input
              id={`${ids}-days`}
              className="input"
              type="number"
              min={1}
              max={Math.min(DRAFT_DAYS_MAX, tripDays)}
              value={form.days}
              aria-invalid={formError === 'days' ? true : undefined}
              aria-describedby={`${ids}-days-hint`}
              onChange={(event) => setForm({ ...form, days: event.target.value })}
            />
            <span id={`${ids}-days-hint`} className="field-hint">
              {t('ai.draft.daysHint', { count: tripDays, max: DRAFT_DAYS_MAX })}
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-pace`}>
              {t('ai.draft.pace')}
            </label>
            <select
              id={`${ids}-pace`}
              className="input"
              value={form.pace}
              onChange={(event) => setForm({ ...form, pace: event.target.value as DraftForm['pace'] })}
            >
              {(['relaxed', 'moderate', 'packed'] as const).map((pace) => (
                <option key={pace} value={pace}>
                  {t(`ai.draft.paces.${pace}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label className="field-label" htmlFor={`${ids}-interests`}>
              {t('ai.draft.interests')}
            </label>
            <input
              id={`${ids}-interests`}
              className="input"
              value={form.interests}
              aria-describedby={`${ids}-interests-hint`}
              onChange={(event) => setForm({ ...form, interests: event.target.value })}
            />
            <span id={`${ids}-interests-hint`} className="field-hint">
              {t('ai.draft.interestsHint')}
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-budget`}>
              {t('ai.draft.budget')}
            </label>
            <input
              id={`${ids}-budget`}
              className="input"
              type="number"
              min={0}
              inputMode="numeric"
              value={form.budget}
              aria-invalid={formError === 'budget' ? true : undefined}
              aria-describedby={`${ids}-budget-hint`}
              onChange={(event) => setForm({ ...form, budget: event.target.value })}
            />
            <span id={`${ids}-budget-hint`} className="field-hint">
              {t('ai.draft.budgetHint', { currency: trip.currency })}
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-notes`}>
              {t('ai.draft.notes')}
            </label>
            <input
              id={`${ids}-notes`}
              className="input"
              maxLength={500}
              value={form.notes}
              onChange={(event) => setForm({ ...form, notes: event.target.value })}
            />
          </div>
          {formErrorText ? (
            <div className="field-wide">
              <FormAlert kind="error">{formErrorText}</FormAlert>
            </div>
          ) : null}
          <div className="field-wide ai-draft-run">
            {streaming ? (
              // Its own key: reusing the element would turn this click into a submit (a new draft).
              <button key="cancel" type="button" className="button" onClick={cancel}>
                {t('ai.draft.cancel')}
              </button>
            ) : (
              <button key="submit" type="submit" className="button button-primary" disabled={!online}>
                <SparkleIcon />
                {run.status === 'idle' ? t('ai.draft.generate') : t('ai.draft.regenerate')}
              </button>
            )}
            {!online ? <span className="ai-unavailable small">{t('ai.offline')}</span> : null}
          </div>
        </form>

        <div className="ai-draft-status" role="status" aria-live="polite">
          {streaming ? (
            <p className="ai-thinking">
              <span className="ai-dots" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
              {t('ai.draft.streaming', { count: draftStops.length })}
              {run.candidates !== null ? (
                <span className="muted"> · {t('ai.draft.candidates', { count: run.candidates })}</span>
              ) : null}
            </p>
          ) : run.status === 'done' ? (
            <p>
              {t('ai.draft.done', { count: draftStops.length })}
              {run.dropped > 0 ? (
                <span className="muted"> · {t('ai.draft.dropped', { count: run.dropped })}</span>
              ) : null}
            </p>
          ) : run.status === 'cancelled' ? (
            <p>{t('ai.draft.cancelled')}</p>
          ) : null}
        </div>
        {run.status === 'failed' ? <FormAlert kind="error">{run.message}</FormAlert> : null}

        {draftStops.length > 0 ? (
          <div className="ai-draft-result">
            {days.map((day) => (
              <section key={day} className="ai-draft-day" aria-labelledby={`${ids}-day-${day}`}>
                <h3 id={`${ids}-day-${day}`}>{t('ai.draft.day', { day: day + 1 })}</h3>
                <ol role="list">
                  {draftStops
                    .filter((stop) => stop.day === day)
                    .map((stop) => {
                      const key = draftStopKey(stop);
                      return (
                        <li key={key} className="ai-draft-stop">
                          <label>
                            <input
                              type="checkbox"
                              checked={!skipped.has(key)}
                              onChange={() => toggle(stop)}
                            />
                            <span className="ai-draft-time">{stop.startTime}</span>
                            <span className="ai-draft-name">{stop.place.name}</span>
                            <span className="muted small">
                              {t('ai.draft.minutes', { count: stop.durationMinutes })}
                            </span>
                          </label>
                          {stop.note ? <p className="muted small">{stop.note}</p> : null}
                        </li>
                      );
                    })}
                </ol>
              </section>
            ))}
          </div>
        ) : null}
        {saveError ? <FormAlert kind="error">{saveError}</FormAlert> : null}
        <div className="dialog-actions">
          {draftStops.length > 0 && !streaming ? (
            <>
              <button type="button" className="button button-ghost" onClick={() => setSkipped(new Set())}>
                {t('ai.draft.keepAll')}
              </button>
              <button
                type="button"
                className="button button-ghost"
                onClick={() => setSkipped(new Set(draftStops.map(draftStopKey)))}
              >
                {t('ai.draft.keepNone')}
              </button>
            </>
          ) : null}
          <button type="button" className="button" onClick={close}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={streaming || kept.length === 0 || saving || database.status !== 'ready'}
            onClick={() => void save()}
          >
            {t('ai.draft.addSelected', { count: kept.length })}
          </button>
        </div>
      </div>
    </dialog>
  );
}
