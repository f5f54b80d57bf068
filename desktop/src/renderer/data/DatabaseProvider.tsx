import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { HamgajaDatabase } from '@hamgaja/shared';
import { useServices, useSessionState } from '../app/services';
import { discardedChangesFor } from '../features/sync/use-discarded-changes';

export type DatabaseState =
  | { status: 'closed' }
  | { status: 'opening'; userId: string }
  | { status: 'ready'; userId: string; db: HamgajaDatabase; syncNow: () => void }
  | { status: 'failed'; userId: string; error: unknown };

const DatabaseContext = createContext<DatabaseState>({ status: 'closed' });

/**
 * Resolves once the browser has painted the current frame, or after 100 ms (a hidden tab paints
 * no frames): what is on screen already shows before RxDB's code is evaluated.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 0),
      );
  });
}

/**
 * Opens the logged-in user's local database and starts syncing it; on logout (or a switch
 * of user in another tab) stops the replication and closes the database, keeping its data;
 * once the account is deleted, removes it.
 */
export function DatabaseProvider({ children }: { children: ReactNode }) {
  const services = useServices();
  const session = useSessionState();
  const userId = session.status === 'authenticated' ? session.user.id : null;
  const [state, setState] = useState<DatabaseState>({ status: 'closed' });

  useEffect(() => {
    if (!userId) {
      setState({ status: 'closed' });
      return;
    }
    let cancelled = false;
    let cleanup: (() => Promise<void>) | null = null;
    setState({ status: 'opening', userId });
    const opening = (async () => {
      // RxDB loads on demand, once the first screen is painted; the local data shows as soon as
      // the database is open, the replication starts right after.
      await afterNextPaint();
      if (cancelled) return;
      // User Timing marks (DevTools' Performance panel, and the client benchmark's breakdown).
      performance.mark('hamgaja:database-import');
      const { openUserDatabase } = await import('./database');
      performance.mark('hamgaja:database-open');
      const db = await openUserDatabase(userId);
      performance.mark('hamgaja:database-ready');
      let sync: { syncNow(): void; stop(): Promise<void> } | null = null;
      let files: { stop(): Promise<void> } | null = null;
      cleanup = async () => {
        await files?.stop();
        await sync?.stop();
        await db.close();
      };
      if (cancelled) return;
      // Travel-document files: stored on the device, uploaded and downloaded in the background.
      const { startDeviceFiles } = await import('../features/documents/start');
      if (cancelled) return;
      files = startDeviceFiles({ db, services, userId });
      setState({ status: 'ready', userId, db, syncNow: () => sync?.syncNow() });
      // Let the first screen query and paint before the replication starts competing for the CPU.
      await new Promise<void>((resolve) =>
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(() => resolve(), { timeout: 500 })
          : setTimeout(resolve, 0),
      );
      // Local-only desktop profile: no server, so no replication.
      if (services.localOnly) return;
      const { startSync } = await import('../features/sync/sync-controller');
      if (cancelled) return;
      sync = startSync({
        db,
        session: services.session,
        status: services.syncStatus,
        baseUrl: services.apiBaseUrl,
        discarded: discardedChangesFor(services, userId),
      });
    })().catch((error: unknown) => {
      console.error('Opening the local database failed', error);
      if (!cancelled) setState({ status: 'failed', userId, error });
    });
    return () => {
      cancelled = true;
      void opening
        .then(() => cleanup?.())
        .then(async () => {
          // The account is gone (deleted here or, while this device was away, elsewhere): so is its copy.
          const now = services.session.getState();
          if (now.status === 'anonymous' && now.endedReason === 'account_deleted') {
            const { removeUserData } = await import('./remove-user-data');
            await removeUserData(userId);
          }
        })
        .catch((error: unknown) => console.error('Closing the local database failed', error));
    };
  }, [userId, services]);

  return <DatabaseContext.Provider value={state}>{children}</DatabaseContext.Provider>;
}

/** The state of the local database of the logged-in user. */
export function useDatabaseState(): DatabaseState {
  return useContext(DatabaseContext);
}
