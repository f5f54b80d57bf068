import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { AppUpdate } from './AppUpdate';
import { Header } from './Header';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { useServices } from './services';

/** The page frame: skip link, header, the routed page (behind its error boundary), footer, update prompt. */
export function Layout() {
  const { t } = useTranslation();
  const localOnly = useServices().localOnly === true;
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page for keyboard and screen-reader users.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="main" ref={main} tabIndex={-1}>
        {/* One page failing shows a way out there; the header and the other pages keep working. */}
        <PageErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="footer">
        <div className="footer-inner">
          <span>{t(localOnly ? 'footer.noteLocal' : 'footer.note')}</span>
          <span>{t('footer.copyright', { year: new Date().getFullYear() })}</span>
        </div>
      </footer>
      <AppUpdate />
    </div>
  );
}
