import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePopover } from './use-dismiss';

/**
 * The header's account button (initial and name) and its menu: the name and a line under it,
 * then the items, which get `close` to shut the menu when chosen.
 */
export function AccountMenu({
  name,
  detail,
  children,
}: {
  name: string;
  detail: string;
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { open, close, container, panelId, buttonProps } = usePopover();
  return (
    <div className="popover-anchor" ref={container}>
      {/* Named by the visible name, then what it opens (no aria-label that would hide the name). */}
      <button {...buttonProps} className="user-button">
        <span className="avatar" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <span className="name">{name}</span>{' '}
        <span className="visually-hidden">{t('header.accountMenu')}</span>
      </button>
      <div id={panelId} className="popover" hidden={!open}>
        <div className="menu-header">
          <strong>{name}</strong>
          <span>{detail}</span>
        </div>
        {children(close)}
      </div>
    </div>
  );
}
