import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { CloudOffIcon } from '../../app/icons';
import { useDocumentTitle } from '../../app/use-document-title';
import { openConnectionSettings } from './local-mode';
import { useLocalOnly } from './use-local-only';
import './local-mode.css';

/** The explanation shown instead of a page that needs the server (accounts, the board, invites). */
export function NeedsServerNotice() {
  const { t } = useTranslation();
  useDocumentTitle(t('localMode.needsServerTitle'));
  return (
    <section className="center-page local-needs-server">
      <span className="local-needs-server-icon" aria-hidden="true">
        <CloudOffIcon />
      </span>
      <h1>{t('localMode.needsServerTitle')}</h1>
      <p>{t('localMode.needsServerBody')}</p>
      <div className="local-needs-server-actions">
        <Link to="/trips" className="button">
          {t('localMode.backToTrips')}
        </Link>
        <button type="button" className="button button-primary" onClick={() => openConnectionSettings()}>
          {t('localMode.connect')}
        </button>
      </div>
    </section>
  );
}

/** Route wrapper: its pages need a server, so in local-only mode they explain that instead. */
export function NeedsServer() {
  return useLocalOnly() ? <NeedsServerNotice /> : <Outlet />;
}
