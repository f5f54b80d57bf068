import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map, of } from 'rxjs';
import { AlertIcon, CheckIcon, CloseIcon, CopyIcon, UndoIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';
import { useServices, useSessionState } from '../../app/services';
import { useLiveQuery } from '../../data/hooks';
import { membersStoreFor } from '../sharing/use-trip-role';
import type { DiscardedChange, DiscardedChanges } from './discarded-changes';
import {
  discardedKind,
  discardedName,
  discardedReason,
  discardedText,
  wasDeletion,
  type TripPresence,
} from './discarded-text';
import { useRelativeTime } from './relative-time';
import { useDiscardedChanges } from './use-discarded-changes';
import '../conflicts/conflicts.css';
import './discarded.css';

/** A member's name from the co-travellers cached on this device ("you" for the traveller). */
function useMemberName() {
  const { t } = useTranslation();
  const services = useServices();
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  return (tripId: string | null, userId: string) => {
    if (userId === me) return t('conflicts.me');
    const members = me && tripId ? membersStoreFor(services, me).get(tripId).members : null;
    return members?.find((member) => member.userId === userId)?.displayName ?? t('conflicts.someone');
  };
}

/** Which of `tripIds` are still on this device (a trip that is gone was deleted or left). */
function useTripPresence(tripIds: readonly string[]): (tripId: string | null) => TripPresence {
  const key = [...new Set(tripIds)].sort().join(',');
  const found = useLiveQuery(
    (db) =>
      key === ''
        ? of(new Set<string>())
        : db.trips
            .find({ selector: { id: { $in: key.split(',') } } })
            .$.pipe(map((trips) => new Set(trips.map((trip) => trip.id)))),
    [key],
  );
  return (tripId) => {
    if (!tripId || found.status !== 'ready') return 'unknown';
    return found.data.has(tripId) ? 'present' : 'gone';
  };
}

type CopyState = 'idle' | 'copied' | 'failed';

function DiscardedItem({
  entry,
  presence,
  showTrip,
  onDismiss,
}: {
  entry: DiscardedChange;
  presence: TripPresence;
  showTrip: boolean;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const relative = useRelativeTime();
  const memberName = useMemberName();
  const textId = useId();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [showText, setShowText] = useState(false);

  const kind = t(`discarded.kinds.${discardedKind(entry.collection)}`);
  const name = discardedName(entry, language);
  const quoted = name ? t('conflicts.values.quoted', { text: name }) : null;
  const what = quoted ? `${kind} ${quoted}` : kind;
  const reason = t(`discarded.reasons.${discardedReason(entry, presence)}`);
  const text = discardedText(entry, {
    t,
    language,
    reason,
    memberName: (userId) => memberName(entry.tripId, userId),
  });
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(entry.at),
  );

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  useEffect(() => {
    if (copy !== 'failed' || !showText) return;
    textArea.current?.focus();
    textArea.current?.select();
  }, [copy, showText]);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): show the text selected instead.
      setShowText(true);
      setCopy('failed');
    }
  }

  return (
    <li className="conflict-item discarded-item">
      <AlertIcon />
      <div className="conflict-text discarded-text">
        <p className="discarded-what">
          <strong>{kind}</strong> {quoted}
        </p>
        <p>{reason}</p>
        <p className="discarded-meta">
          {showTrip && entry.collection !== 'trips' && entry.tripTitle ? (
            <span>{t('discarded.inTrip', { title: entry.tripTitle })}</span>
          ) : null}
          <time dateTime={new Date(entry.at).toISOString()} title={when}>
            {relative(entry.at)}
          </time>
          {wasDeletion(entry) ? <span>{t('discarded.deletion')}</span> : null}
        </p>
        <button
          type="button"
          className="discarded-toggle"
          aria-expanded={showText}
          aria-controls={textId}
          onClick={() => setShowText((value) => !value)}
        >
          {t('discarded.showText')}
        </button>
      </div>
      <div className="conflict-actions">
        <button
          type="button"
          className="button conflict-button"
          aria-label={copy === 'copied' ? undefined : t('discarded.copyLabel', { what })}
          onClick={() => void onCopy()}
        >
          {copy === 'copied' ? <CheckIcon /> : <CopyIcon />}
          <span aria-live="polite">{copy === 'copied' ? t('discarded.copied') : t('discarded.copy')}</span>
        </button>
        <button
          type="button"
          className="button button-ghost conflict-button"
          aria-label={t('discarded.dismissLabel', { what })}
          onClick={onDismiss}
        >
          {t('discarded.dismiss')}
        </button>
      </div>
      <div className="discarded-full" hidden={!showText}>
        {copy === 'failed' ? (
          <p className="discarded-copy-hint" role="status">
            {t('discarded.copyFallback')}
          </p>
        ) : null}
        <textarea
          ref={textArea}
          id={textId}
          className="input discarded-textarea"
          readOnly
          hidden={!showText}
          value={text}
          rows={Math.min(12, text.split('\n').length)}
          aria-label={t('discarded.textLabel', { what })}
        />
      </div>
    </li>
  );
}

/** The list of discarded changes with Copy text and Dismiss on each. */
export function DiscardedChangeList({
  entries,
  showTrip,
  presence,
  onDismiss,
}: {
  entries: readonly DiscardedChange[];
  showTrip: boolean;
  /** Whether an entry's trip is still on this device. */
  presence: (tripId: string | null) => TripPresence;
  onDismiss: (key: string) => void;
}) {
  return (
    <ul role="list" className="discarded-list">
      {entries.map((entry) => (
        <DiscardedItem
          key={entry.key}
          entry={entry}
          presence={presence(entry.tripId)}
          showTrip={showTrip}
          onDismiss={() => onDismiss(entry.key)}
        />
      ))}
    </ul>
  );
}

/** Dismissing entries of `shown`, with an Undo for the last dismissal (a slip of the finger loses nothing). */
function useDismissals(store: DiscardedChanges | null, shown: readonly DiscardedChange[]) {
  const [dismissed, setDismissed] = useState<readonly DiscardedChange[]>([]);
  const dismiss = (keys: readonly string[]) => {
    if (!store) return;
    setDismissed(shown.filter((entry) => keys.includes(entry.key)));
    store.dismissAll(keys);
  };
  const undo = () => {
    store?.restore(dismissed);
    setDismissed([]);
  };
  return { dismiss, undo, dismissed: dismissed.length };
}

function UndoBar({ count, onUndo }: { count: number; onUndo: () => void }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <p className="discarded-undo" role="status">
      <span>{t('discarded.dismissed', { count })}</span>
      <button type="button" className="button button-ghost conflict-button" onClick={onUndo}>
        <UndoIcon />
        {t('discarded.undo')}
      </button>
    </p>
  );
}

/** Everything the server did not keep, newest first: opened from the sync status pill. */
export function DiscardedChangesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { entries, store } = useDiscardedChanges();
  const { dismiss, dismissed, undo } = useDismissals(store, entries);
  const presence = useTripPresence(entries.flatMap((entry) => (entry.tripId ? [entry.tripId] : [])));

  return (
    <ModalDialog open={open} onClose={onClose} className="dialog discarded-dialog" aria-labelledby={titleId}>
      <div className="dialog-body discarded-body">
        <div className="discarded-head">
          <h2 id={titleId}>{t('discarded.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
        <p className="discarded-intro">{t('discarded.intro')}</p>
        <UndoBar count={dismissed} onUndo={undo} />
        {entries.length > 0 ? (
          <DiscardedChangeList
            entries={entries}
            showTrip
            presence={presence}
            onDismiss={(key) => dismiss([key])}
          />
        ) : (
          <p className="muted">{t('discarded.empty')}</p>
        )}
        <div className="dialog-actions">
          {entries.length > 1 ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => dismiss(entries.map((entry) => entry.key))}
            >
              {t('discarded.dismissAll')}
            </button>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}

/** Entries shown on a trip's page before "show all". */
const TRIP_NOTICE_SHOWN = 2;

/**
 * On a trip's page (or where the trip used to be): the changes to it and its stops, checklist and
 * expenses that the server did not keep. Renders nothing when there are none.
 */
export function TripDiscardedNotice({ tripId, tripGone = false }: { tripId: string; tripGone?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { entries: all, store } = useDiscardedChanges();
  const entries = useMemo(() => all.filter((entry) => entry.tripId === tripId), [all, tripId]);
  const { dismiss, dismissed, undo } = useDismissals(store, entries);
  const [expanded, setExpanded] = useState(false);
  if (!store || (entries.length === 0 && dismissed === 0)) return null;
  const presence = (): TripPresence => (tripGone ? 'gone' : 'present');
  // A long list would push the trip itself off the screen: the newest few, then "show all".
  const shown = expanded ? entries : entries.slice(0, TRIP_NOTICE_SHOWN);

  return (
    <section className="conflict-notice discarded-notice" aria-labelledby={headingId}>
      <div className="discarded-notice-head">
        <h2 id={headingId}>{t('discarded.tripNotice')}</h2>
        {entries.length > 1 ? (
          <button
            type="button"
            className="button button-ghost conflict-button"
            onClick={() => dismiss(entries.map((entry) => entry.key))}
          >
            {t('discarded.dismissAll')}
          </button>
        ) : null}
      </div>
      <UndoBar count={dismissed} onUndo={undo} />
      {entries.length > 0 ? (
        <DiscardedChangeList
          entries={shown}
          showTrip={tripGone}
          presence={presence}
          onDismiss={(key) => dismiss([key])}
        />
      ) : null}
      {shown.length < entries.length ? (
        <button
          type="button"
          className="discarded-toggle discarded-show-all"
          onClick={() => setExpanded(true)}
        >
          {t('discarded.showAll', { count: entries.length })}
        </button>
      ) : null}
    </section>
  );
}

export default DiscardedChangesDialog;
