import { useTranslation } from 'react-i18next';
import { useTripRole } from './use-trip-role';
import './sharing.css';

/** A one-line note for people who may only view a trip (nothing for editors and the owner). */
export function ViewerNotice({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const access = useTripRole(tripId);
  if (access.role !== 'viewer') return null;
  return (
    <p className="viewer-notice" role="note">
      <span className="role-badge role-viewer">{t('sharing.roles.viewer')}</span>
      {t('sharing.viewerNotice')}
    </p>
  );
}
