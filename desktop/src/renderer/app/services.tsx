import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { SessionManager, type SessionState } from '../features/auth/session';
import { SyncStatusStore, type SyncStatus } from '../features/sync/sync-status';
import { isLocalOnly, LocalSessionManager } from '../features/local-mode/local-mode';

/** The app's long-lived objects, created once at start and handed down by context. */
export type Services = {
  /** Origin of the sync server ('' = the page's own origin). */
  apiBaseUrl: string;
  session: SessionManager;
  syncStatus: SyncStatusStore;
  /** The desktop app set to local only: a local profile, no account, nothing sent to a server. */
  localOnly?: boolean;
};

/** The server origin: same origin for the web app; the Electron preload may name another. */
export function defaultApiBaseUrl(): string {
  const configured = (globalThis as { hamgaja?: { serverUrl?: unknown } }).hamgaja?.serverUrl;
  if (typeof configured === 'string' && /^https?:\/\//.test(configured))
    return configured.replace(/\/+$/, '');
  return (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/+$/, '') ?? '';
}

/**
 * The address people open the app at, for links made to be shared or mailed (invites, password
 * resets): this page's own origin on the web; in the desktop app (app://) the server it is set
 * to, which serves the web app too.
 */
export function webOrigin(
  apiBaseUrl: string,
  location: Pick<Location, 'protocol' | 'origin'> = window.location,
): string {
  if (location.protocol === 'http:' || location.protocol === 'https:') return location.origin;
  return apiBaseUrl ? new URL(apiBaseUrl).origin : location.origin;
}

export function createServices(apiBaseUrl = defaultApiBaseUrl()): Services {
  if (isLocalOnly())
    return {
      apiBaseUrl,
      session: new LocalSessionManager(),
      syncStatus: new SyncStatusStore(),
      localOnly: true,
    };
  return {
    apiBaseUrl,
    session: new SessionManager({ baseUrl: apiBaseUrl }),
    syncStatus: new SyncStatusStore(),
  };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}

/** The session state, re-rendering on login, logout and refresh. */
export function useSessionState(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.getState);
}

export function useSyncStatus(): SyncStatus {
  const { syncStatus } = useServices();
  return useSyncExternalStore(syncStatus.subscribe, syncStatus.get);
}
