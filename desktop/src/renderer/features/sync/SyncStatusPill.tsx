import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon, CloudOffIcon, SyncIcon } from '../../app/icons';
import { usePopover } from '../../app/use-dismiss';
import { errorMessageKey } from '../../api/problem-messages';
import { ApiError } from '../../api/http';
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

/** "3 minutes ago" in the active language. */
function useRelativeTime() {
  const { i18n } = useTranslation();
  return (epochMs: number, now = Date.now()) => {
    const seconds = Math.round((epochMs - now) / 1000);
    const format = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' });
    if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
    const minutes = Math.round(seconds / 60);
    if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return format.format(hours, 'hour');
    return format.format(Math.round(hours / 24), 'day');
  };
}

/** The header's sync status: one word and a colour, with details and "sync now" on click. */
export function SyncStatusPill({ status, onSyncNow }: { status: SyncStatus; onSyncNow?: () => void }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const { open, close, container, panelId, buttonProps } = usePopover();

  const state = pillState(status);
  if (state === 'off') return null;
  const Icon = icons[state];
  const label =
    state === 'pending'
      ? t('sync.pending', { count: status.pending })
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
  const problem = status.errorCode ? t(errorMessageKey(new ApiError(0, status.errorCode, ''))) : null;

  return (
    <div className="popover-anchor" ref={container}>
      <button
        {...buttonProps}
        className="sync-pill"
        data-state={state}
        aria-label={t('sync.label', { state: label })}
      >
        <span className="sync-pill-icon">
          <Icon />
        </span>
        <span className="sync-pill-text">{label}</span>
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
            <dd>{status.online ? t('sync.online') : t('sync.offlineLong')}</dd>
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
        {status.refused > 0 ? (
          <p className="sync-note sync-problem">
            {t('sync.refused', { count: status.refused })}{' '}
            {status.refusedCode ? t(errorMessageKey(new ApiError(0, status.refusedCode, ''))) : null}
          </p>
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
    </div>
  );
}
