import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useDatabaseState } from '../data/DatabaseProvider';
import { SyncProgress } from '../features/sync/SyncProgress';
import { SyncStatusPill, type NotSavedDialogProps } from '../features/sync/SyncStatusPill';
import { useDiscardedChanges } from '../features/sync/use-discarded-changes';
import { LocalOnlyPill } from '../features/local-mode/LocalOnlyPill';
import { LocalProfileMenu } from '../features/local-mode/LocalProfileMenu';
import { languages, type Language, currentLanguage } from '../i18n';
import { CloseIcon, LogoMark, LogoutIcon, MenuIcon, MoonIcon, SunIcon, UserIcon } from './icons';
import { useServices, useSessionState, useSyncStatus } from './services';
import { useTheme } from './theme';
import { AccountMenu } from './AccountMenu';

function Logo() {
  const { t } = useTranslation();
  // Named by its visible words (what speech users say), then where it leads: no aria-label.
  return (
    <Link to="/" className="logo">
      <LogoMark className="logo-mark" />
      <span className="logo-text">
        <span>{t('app.name')}</span> <span className="logo-latin">{t('app.nameLatin')}</span>
      </span>{' '}
      <span className="visually-hidden">{t('app.homeLink')}</span>
    </Link>
  );
}

function NavLinks({ loggedIn }: { loggedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/" end className="nav-link">
        {t('nav.home')}
      </NavLink>
      <NavLink to="/search" className="nav-link">
        {t('nav.search')}
      </NavLink>
      {loggedIn ? (
        <NavLink to="/trips" className="nav-link">
          {t('nav.trips')}
        </NavLink>
      ) : null}
      <NavLink to="/board" className="nav-link">
        {t('board.nav')}
      </NavLink>
    </>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('header.language')}
      </label>
      <select
        id={id}
        className="select"
        value={currentLanguage()}
        onChange={(event) => void i18n.changeLanguage(event.target.value as Language)}
      >
        {languages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`languages.${lng}`)}
          </option>
        ))}
      </select>
    </>
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const { theme, toggle } = useTheme();
  const label = theme === 'dark' ? t('header.switchToLight') : t('header.switchToDark');
  return (
    <button type="button" className="icon-button" onClick={toggle} aria-label={label} title={label}>
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}

function UserMenu({ displayName, email }: { displayName: string; email: string }) {
  const { t } = useTranslation();
  const { session } = useServices();
  const navigate = useNavigate();
  return (
    <AccountMenu name={displayName} detail={email}>
      {(close) => (
        <>
          <Link to="/me" className="menu-item" onClick={close}>
            <UserIcon />
            {t('header.myPage')}
          </Link>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              close();
              void session.logout();
              void navigate('/');
            }}
          >
            <LogoutIcon />
            {t('header.logout')}
          </button>
        </>
      )}
    </AccountMenu>
  );
}

// The list of changes the server did not keep loads when opened.
const DiscardedChangesDialog = lazy(() => import('../features/sync/DiscardedChanges'));

function NotSavedDialog(props: NotSavedDialogProps) {
  return (
    <Suspense fallback={null}>
      <DiscardedChangesDialog {...props} />
    </Suspense>
  );
}

function HeaderSyncPill() {
  const status = useSyncStatus();
  const database = useDatabaseState();
  const discarded = useDiscardedChanges();
  if (useServices().localOnly) return <LocalOnlyPill />;
  return (
    <SyncStatusPill
      status={status}
      onSyncNow={database.status === 'ready' ? database.syncNow : undefined}
      notSaved={discarded.entries.length}
      NotSavedDialog={NotSavedDialog}
    />
  );
}

function HeaderSyncProgress() {
  return <SyncProgress status={useSyncStatus()} />;
}

/** Logo, navigation, sync status, language, theme and the account actions. */
export function Header() {
  const { t } = useTranslation();
  const session = useSessionState();
  const { localOnly } = useServices();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mobileNavId = useId();
  const loggedIn = session.status === 'authenticated';
  const here = `${location.pathname}${location.search}`;
  const authPage = ['/login', '/signup'].includes(location.pathname);
  const next = authPage ? '' : `?next=${encodeURIComponent(here)}`;

  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <header className="header">
      <div className="header-inner">
        <Logo />
        <nav className="nav" aria-label={t('nav.primary')}>
          <NavLinks loggedIn={loggedIn} />
        </nav>
        <div className="header-spacer" />
        <div className="header-actions">
          {loggedIn ? <HeaderSyncPill /> : null}
          <span className="hide-narrow">
            <LanguageSwitch />
          </span>
          <span className="hide-narrow">
            <ThemeToggle />
          </span>
          {localOnly ? (
            <LocalProfileMenu />
          ) : session.status === 'authenticated' ? (
            <UserMenu displayName={session.user.displayName} email={session.user.email} />
          ) : (
            <>
              <Link to={`/login${next}`} className="button button-ghost hide-narrow">
                {t('header.login')}
              </Link>
              <Link to={`/signup${next}`} className="button button-primary hide-narrow">
                {t('header.signup')}
              </Link>
            </>
          )}
          <button
            type="button"
            className="icon-button menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={mobileNavId}
            aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
            onClick={() => setMenuOpen((value) => !value)}
          >
            {menuOpen ? <CloseIcon /> : <MenuIcon />}
          </button>
        </div>
      </div>
      {loggedIn ? <HeaderSyncProgress /> : null}
      {menuOpen ? (
        <div id={mobileNavId} className="mobile-nav">
          <nav aria-label={t('nav.primary')}>
            <NavLinks loggedIn={loggedIn} />
          </nav>
          <div className="mobile-nav-section">
            <LanguageSwitch />
            <ThemeToggle />
            {loggedIn ? null : (
              <>
                <Link to={`/login${next}`} className="button">
                  {t('header.login')}
                </Link>
                <Link to={`/signup${next}`} className="button button-primary">
                  {t('header.signup')}
                </Link>
              </>
            )}
          </div>
        </div>
      ) : null}
    </header>
  );
}
