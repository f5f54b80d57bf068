import { useTranslation } from 'react-i18next';
import { showsSyncProgress, type SyncStatus } from './sync-status';

/**
 * A bar under the header while the first exchange with the server runs (a fresh device
 * downloading a big account), with the number of items received so far for screen readers.
 */
export function SyncProgress({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  if (!showsSyncProgress(status)) return null;
  const label =
    status.received > 0
      ? `${t('sync.initialSync')} ${t('sync.received', { count: status.received })}`
      : t('sync.initialSync');
  return (
    <div
      className="progress-bar sync-progress"
      role="progressbar"
      aria-label={t('sync.initialSync')}
      aria-valuetext={label}
    />
  );
}
