import './zod-config';
import { createRoot } from 'react-dom/client';
import { App, preloadPageFor, preloadPages } from './app/App';
import { createServices } from './app/services';
import { applyTheme } from './app/theme';
import { initI18n } from './i18n';
// Pretendard (OFL): one look on every OS, Hangul included; slices load per character range.
import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './app/styles.css';

applyTheme();
const services = createServices();
// The first screen's page loads with the texts and the shell, not after them. The local database's
// code (RxDB) loads once that screen is painted (DatabaseProvider), so evaluating it never holds
// up a page that can paint without it, e.g. the trips list's kept first screen.
const firstPage = preloadPageFor(window.location.pathname);
// The first render waits for the first page's code too, so that page renders without suspending.
void Promise.all([initI18n(), firstPage]).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App services={services} />);
  const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1_500));
  // Not at the first idle moment: that comes while the local database opens, and evaluating every
  // page's code then delays the first screen's data (the trips list with 1,000 trips, offline).
  setTimeout(() => idle(() => preloadPages()), 2_000);
});
