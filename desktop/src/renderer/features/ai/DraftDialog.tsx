import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DRAFT_DAYS_MAX,
  fromMinorUnits,
  ktoContentTypes,
  tripDayCount,
  type DraftSource,
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
import {
  allDraftTypes,
  buildDraftRequest,
  draftStopKey,
  type DraftForm,
  type DraftFormError,
} from './draft-form';
import './ai.css';

type Run =
  | { status: 'idle' }
  | { status: 'streaming'; candidates: number | null }
  | { status: 'done'; dropped: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/**
 * "Draft my days" in a trip: the button, and the dialog it opens. With AI on the server the
 * draft is the AI's; with AI off it is a suggestion from the catalog (same dialog, same review).
 */
export function DraftWithAiButton({ trip, stops }: { trip: Trip; stops: readonly Stop[] }) {
  const { t } = useTranslation();
  const ai = useAi();
  const online = useOnline();
  const status = useAiStatus(ai, online);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // AI off is not drafts off: such a server suggests days from its catalog (an older one has no drafts).
  const catalogOnly = status !== null && !status.enabled && status.drafts === 'catalog';
  const reason = !online
    ? t('ai.offline')
    : status && !status.enabled && !catalogOnly
      ? t('ai.disabled')
      : null;
  const hint = reason ?? (catalogOnly ? t('ai.draft.catalogHint') : null);
  return (
    <div className="ai-draft-entry">
      <button
        type="button"
        className="button"
        disabled={reason !== null}
        aria-describedby={hint ? 'ai-draft-reason' : undefined}
        onClick={() => {
          setNotice(null);
          setOpen(true);
        }}
      >
        <SparkleIcon />
        {catalogOnly ? t('ai.draft.openCatalog') : t('ai.draft.open')}
      </button>
      {hint ? (
        <span id="ai-draft-reason" className={reason ? 'ai-unavailable small' : 'muted small'}>
          {hint}
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
          initialSource={catalogOnly ? 'catalog' : 'ai'}
          onClose={() => setOpen(false)}
          onAdded={(count, source) => {
            setOpen(false);
            setNotice(t(source === 'catalog' ? 'ai.draft.addedCatalog' : 'ai.draft.added', { count }));
          }}
        />
      ) : null}
    </div>
  );
}

function DraftDialog({
  trip,
  stops,
  initialSource,
  onClose,
  onAdded,
}: {
  trip: Trip;
  stops: readonly Stop[];
  /** What the server said it drafts with; the stream's start event has the last word. */
  initialSource: DraftSource;
  onClose: () => void;
  onAdded: (count: number, source: DraftSource) => void;
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
    types: allDraftTypes(),
  });
  const [source, setSource] = useState<DraftSource>(initialSource);
  // Each new run asks for another variant: a catalog draft is the same for the same request.
  const variant = useRef(-1);
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
    variant.current += 1;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setDraftStops([]);
    setSkipped(new Set());
    setRun({ status: 'streaming', candidates: null });
    let finished = false;
    try {
      await ai.draft(
        { ...built.request, variant: variant.current } satisfies ItineraryDraftRequest,
        (draftEvent) => {
          if (controller.signal.aborted) return;
          if (draftEvent.type === 'start') {
            setSource(draftEvent.source);
            setRun({ status: 'streaming', candidates: draftEvent.candidateCount });
          } else if (draftEvent.type === 'stop') setDraftStops((current) => [...current, draftEvent.stop]);
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
      onAdded(await addDraftStops(database.db, trip, kept), source);
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
          : formError === 'types'
            ? t('ai.draft.noTypes')
            : null;
  const catalog = source === 'catalog';
  const toggleType = (type: number) =>
    setForm({
      ...form,
      types: form.types.includes(type) ? form.types.filter((kind) => kind !== type) : [...form.types, type],
    });

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
          <SparkleIcon /> {catalog ? t('ai.draft.catalogTitle') : t('ai.draft.title')}
        </h2>
        <p>{catalog ? t('ai.draft.catalogIntro') : t('ai.draft.intro')}</p>
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
          <fieldset className="field field-wide ai-draft-types">
            <legend className="field-label">{t('ai.draft.types')}</legend>
            {allDraftTypes().map((type) => (
              <label key={type} className="ai-draft-type">
                <input
                  type="checkbox"
                  checked={form.types.includes(type)}
                  onChange={() => toggleType(type)}
                />
                {ktoContentTypes.find((kind) => kind.id === type)?.name[currentLanguage()] ?? String(type)}
              </label>
            ))}
          </fieldset>
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
                {run.status === 'idle'
                  ? t('ai.draft.generate')
                  : catalog
                    ? t('ai.draft.another')
                    : t('ai.draft.regenerate')}
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
              {t(catalog ? 'ai.draft.catalogStreaming' : 'ai.draft.streaming', { count: draftStops.length })}
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
            {catalog ? <p className="ai-draft-source">{t('ai.draft.fromCatalog')}</p> : null}
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
                          {stop.travel ? (
                            <p className="ai-draft-travel muted small">
                              {t('ai.draft.travel', {
                                count: stop.travel.minutes,
                                mode: t(`ai.draft.modes.${stop.travel.mode}`),
                              })}
                            </p>
                          ) : null}
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
