import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../../app/AccountMenu';
import { GlobeIcon } from '../../app/icons';
import { openConnectionSettings } from './local-mode';

/** The header's account menu in local-only mode: the local profile, and a way to a server. */
export function LocalProfileMenu() {
  const { t } = useTranslation();
  return (
    <AccountMenu name={t('localMode.profileName')} detail={t('localMode.profileNote')}>
      {(close) => (
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
      )}
    </AccountMenu>
  );
}
