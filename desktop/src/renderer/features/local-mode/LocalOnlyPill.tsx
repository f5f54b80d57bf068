import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloudOffIcon, GlobeIcon } from '../../app/icons';
import { useDismiss } from '../../app/use-dismiss';
import { openConnectionSettings } from './local-mode';
import '../sync/sync-pill.css';
import './local-mode.css';

/** The header's sync pill in local-only mode: says nothing is synced, offers to connect a server. */
export function LocalOnlyPill() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, button);
  const panelId = useId();
  return (
    <div className="popover-anchor" ref={container}>
      <button
        ref={button}
        type="button"
        className="sync-pill"
        data-state="local"
        aria-label={t('localMode.pillLabel')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
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
