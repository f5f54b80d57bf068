/**
 * Guards installed on every web contents the app creates (app 'web-contents-created'): the
 * page stays on the app's origin, links to the web open in the system browser, no new
 * windows and no <webview> ever appear, and DevTools that are off stay closed.
 */
import type { WebContents } from 'electron';
import { guardNavigation, guardWindowOpen } from './navigation.js';

export interface GuardOptions {
  openExternal: (url: string) => void;
  /** false: DevTools opened any other way (webPreferences already refuse them) are closed at once. */
  devTools: boolean;
  log?: (message: string) => void;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>;

export function installWebContentsGuards(contents: GuardedContents, options: GuardOptions): void {
  const onNavigate = (event: { preventDefault(): void; url: string }) => {
    const decision = guardNavigation(event.url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') options.openExternal(decision.url);
    else options.log?.(`navigation refused: ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-frame-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    const decision = guardWindowOpen(url);
    if (decision.action === 'open-external') options.openExternal(decision.url);
    else options.log?.(`window.open refused: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log?.('webview refused');
  });
  if (!options.devTools)
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      options.log?.('devtools closed (start with --enable-devtools to allow them)');
    });
}
