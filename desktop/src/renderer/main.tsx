import { createRoot } from 'react-dom/client';
import { App, preloadPages } from './app/App';
import { createServices } from './app/services';
import { applyTheme } from './app/theme';
import { initI18n } from './i18n';
import './app/styles.css';

applyTheme();
void initI18n().then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App services={createServices()} />);
  const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1_500));
  idle(() => preloadPages());
});
