import { useState, type ComponentType, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon, CloudOffIcon, SyncIcon } from '../../app/icons';
import { usePopover } from '../../app/use-dismiss';
import { errorMessageKey } from '../../api/problem-messages';
import { ApiError } from '../../api/http';
import { useRelativeTime } from './relative-time';
import { pillState, type PillState, type SyncStatus } from './sync-status';
import './sync-pill.css';

const icons: Record<PillState, () => JSX.Element> = {
  off: CloudOffIcon,
  offline: CloudOffIcon,
  upgrade: AlertIcon,
  error: AlertIcon,
  syncing: SyncIcon,
  pending: SyncIcon,
  starting: SyncIcon,
  synced: CheckIcon,
};

/** Props of the dialog listing the changes the server did not keep. */
export type NotSavedDialogProps = { open: boolean; onClose: () => void };

/**
 * The header's sync status: one word and a colour, with details and "sync now" on click. Changes
 * the server did not keep (`notSaved`) add a badge and a line in the details that opens their list.
 */
export function SyncStatusPill({
  status,
  onSyncNow,
  notSaved = 0,
  NotSavedDialog,
}: {
  status: SyncStatus;
  onSyncNow?: () => void;
  notSaved?: number;
  NotSavedDialog?: ComponentType<NotSavedDialogProps>;
}) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const { open, close, container, panelId, buttonProps } = usePopover();
  const [listOpen, setListOpen] = useState(false);

  const state = pillState(status);
  if (state === 'off') return null;
  const Icon = icons[state];
  // Offline, what is waiting matters most: "Offline · 3 waiting".
  const label =
    state === 'pending'
      ? t('sync.pending', { count: status.pending })
      : state === 'offline' && status.pending > 0
        ? t('sync.offlinePending', { count: status.pending })
        : t(
            (
              {
                offline: 'sync.offline',
                upgrade: 'sync.upgrade',
                error: 'sync.error',
                syncing: 'sync.syncing',
                starting: 'sync.starting',
                synced: 'sync.synced',
              } as const
            )[state],
          );
  // Offline is a normal state of this app, not a problem: failed attempts while offline are not shown as one.
  const problem =
    status.errorCode && status.online ? t(errorMessageKey(new ApiError(0, status.errorCode, ''))) : null;
  // Narrow screens show the icon only: the waiting count stays next to it.
  const count = (state === 'offline' || state === 'pending') && status.pending > 0 ? status.pending : null;
  const notSavedText = t('discarded.count', { count: notSaved });

  return (
    <div className="popover-anchor" ref={container}>
      <button
        {...buttonProps}
        className="sync-pill"
        data-state={state}
        aria-label={
          notSaved > 0
            ? t('sync.labelNotSaved', { state: label, notSaved: notSavedText })
            : t('sync.label', { state: label })
        }
      >
        <span className="sync-pill-icon">
          <Icon />
        </span>
        <span className="sync-pill-text">{label}</span>
        {count !== null ? (
          <span className="sync-pill-count" aria-hidden="true">
            {count}
          </span>
        ) : null}
        {notSaved > 0 ? (
          <span className="sync-pill-badge" aria-hidden="true">
            {notSaved}
          </span>
        ) : null}
      </button>
      <div
        id={panelId}
        className="popover sync-details"
        hidden={!open}
        role="region"
        aria-label={t('sync.detailsTitle')}
      >
        <h2 className="sync-details-title">{t('sync.detailsTitle')}</h2>
        <dl>
          <div>
            <dt>{t('sync.connection')}</dt>
            <dd>{status.online ? t('sync.online') : t('sync.offline')}</dd>
          </div>
          <div>
            <dt>{t('sync.lastSynced')}</dt>
            <dd>{status.lastSyncedAt ? relative(status.lastSyncedAt) : t('sync.never')}</dd>
          </div>
          <div>
            <dt>{t('sync.pendingChanges')}</dt>
            <dd>{status.pending}</dd>
          </div>
          {status.initialSync && status.received > 0 ? (
            <div>
              <dt>{t('sync.initialSync')}</dt>
              <dd>{t('sync.received', { count: status.received })}</dd>
            </div>
          ) : null}
          {problem && (status.phase === 'error' || status.phase === 'upgrade') ? (
            <div>
              <dt>{t('sync.problem')}</dt>
              <dd className="sync-problem">{problem}</dd>
            </div>
          ) : null}
        </dl>
        {status.online ? null : <p className="sync-note sync-offline-note">{t('sync.offlineNote')}</p>}
        {notSaved > 0 && NotSavedDialog ? (
          <button
            type="button"
            className="sync-not-saved"
            onClick={() => {
              close();
              setListOpen(true);
            }}
          >
            <AlertIcon />
            <span>{notSavedText}</span>
            <span className="sync-not-saved-show" aria-hidden="true">
              {t('discarded.show')}
            </span>
          </button>
        ) : null}
        {status.phase === 'follower' ? <p className="muted sync-note">{t('sync.otherTab')}</p> : null}
        {onSyncNow && status.online && status.phase !== 'upgrade' ? (
          <button
            type="button"
            className="button button-block"
            onClick={() => {
              onSyncNow();
              close();
            }}
          >
            {t('sync.syncNow')}
          </button>
        ) : null}
      </div>
      {NotSavedDialog && listOpen ? (
        <NotSavedDialog
          open={listOpen}
          onClose={() => {
            setListOpen(false);
            buttonProps.ref.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
