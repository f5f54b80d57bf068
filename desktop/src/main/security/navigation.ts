/** Where the app's pages live and what a navigation or `window.open` may do. */

/** The renderer is served by the `app://` protocol under this host (see app-protocol). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hamgaja';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;

/** True for a URL of the app's own pages (app://hamgaja/...). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
    );
  } catch {
    return false;
  }
}

/** Schemes handed to the operating system (the system browser, mail client, or calendar app for a trip's calendar feed). */
const externalSchemes = new Set(['https:', 'http:', 'mailto:', 'webcal:']);

export type NavigationDecision =
  | { action: 'allow' }
  /** Not in the app window: the system browser opens it. */
  | { action: 'open-external'; url: string }
  | { action: 'deny' };

/**
 * Decides a navigation (`will-navigate`, `will-redirect`) or a `window.open`: the app's own
 * pages stay in the window, web and mail links go to the system, everything else is refused.
 */
export function guardNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny' };
  }
  if (!externalSchemes.has(parsed.protocol)) return { action: 'deny' };
  if (parsed.protocol !== 'mailto:' && (parsed.username || parsed.password || !parsed.hostname))
    return { action: 'deny' };
  return { action: 'open-external', url: parsed.href };
}

/** `window.open` never creates a window: app URLs are refused too (one window, one router). */
export function guardWindowOpen(url: string): NavigationDecision {
  const decision = guardNavigation(url);
  return decision.action === 'allow' ? { action: 'deny' } : decision;
}
