import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlobeIcon } from '../../app/icons';
import { useDismiss } from '../../app/use-dismiss';
import { openConnectionSettings } from './local-mode';

/** The header's account menu in local-only mode: the local profile, and a way to a server. */
export function LocalProfileMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, button);
  const menuId = useId();
  const name = t('localMode.profileName');
  return (
    <div className="popover-anchor" ref={container}>
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-label={t('header.accountMenu')}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase()}
        </span>
        <span className="name">{name}</span>
      </button>
      <div id={menuId} className="popover" hidden={!open}>
        <div className="menu-header">
          <strong>{name}</strong>
          <span>{t('localMode.profileNote')}</span>
        </div>
        <button
          type="button"
          className="menu-item"
          onClick={() => {
            close();
            openConnectionSettings();
          }}
        >
          <GlobeIcon />
          {t('localMode.connect')}
        </button>
      </div>
    </div>
  );
}
