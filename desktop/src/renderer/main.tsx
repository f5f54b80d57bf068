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
// With a stored session the local database opens right away: fetch RxDB alongside the texts.
if (services.session.getState().status === 'authenticated')
  void import('./data/database').catch(() => undefined);
// And the first screen's page, rather than after the texts and the shell.
preloadPageFor(window.location.pathname);
void initI18n().then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App services={services} />);
  const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1_500));
  // Not at the first idle moment: that comes while the local database opens, and evaluating every
  // page's code then delays the first screen's data (the trips list with 1,000 trips, offline).
  setTimeout(() => idle(() => preloadPages()), 2_000);
});
