import { useTranslation } from 'react-i18next';
import { CloudOffIcon, GlobeIcon } from '../../app/icons';
import { usePopover } from '../../app/use-dismiss';
import { openConnectionSettings } from './local-mode';
import '../sync/sync-pill.css';
import './local-mode.css';

/** The header's sync pill in local-only mode: says nothing is synced, offers to connect a server. */
export function LocalOnlyPill() {
  const { t } = useTranslation();
  const { open, container, panelId, buttonProps } = usePopover();
  return (
    <div className="popover-anchor" ref={container}>
      <button {...buttonProps} className="sync-pill" data-state="local" aria-label={t('localMode.pillLabel')}>
        <span className="sync-pill-icon">
          <CloudOffIcon />
        </span>
        <span className="sync-pill-text">{t('localMode.pill')}</span>
      </button>
      <div
        id={panelId}
        className="popover sync-details"
        hidden={!open}
        role="region"
        aria-label={t('sync.detailsTitle')}
      >
        <h2 className="sync-details-title">{t('sync.detailsTitle')}</h2>
        <p className="muted sync-note">{t('localMode.pillDetails')}</p>
        <button type="button" className="button button-block" onClick={() => openConnectionSettings()}>
          <GlobeIcon />
          {t('localMode.connect')}
        </button>
      </div>
    </div>
  );
}
