import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { HamgajaDatabase } from '@hamgaja/shared';
import { useServices, useSessionState } from '../app/services';

export type DatabaseState =
  | { status: 'closed' }
  | { status: 'opening'; userId: string }
  | { status: 'ready'; userId: string; db: HamgajaDatabase; syncNow: () => void }
  | { status: 'failed'; userId: string; error: unknown };

const DatabaseContext = createContext<DatabaseState>({ status: 'closed' });

/**
 * Opens the logged-in user's local database and starts syncing it; on logout (or a switch
 * of user in another tab) stops the replication and closes the database, keeping its data.
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
      // RxDB and the replication load on demand, after the first paint.
      const [{ openUserDatabase }, { startSync }] = await Promise.all([
        import('./database'),
        import('../features/sync/sync-controller'),
      ]);
      const db = await openUserDatabase(userId);
      const sync = startSync({ db, session: services.session, status: services.syncStatus, baseUrl: services.apiBaseUrl });
      cleanup = async () => {
        await sync.stop();
        await db.close();
      };
      if (cancelled) return;
      setState({ status: 'ready', userId, db, syncNow: () => sync.syncNow() });
    })().catch((error: unknown) => {
      console.error('Opening the local database failed', error);
      if (!cancelled) setState({ status: 'failed', userId, error });
    });
    return () => {
      cancelled = true;
      void opening.then(() => cleanup?.());
    };
  }, [userId, services]);

  return <DatabaseContext.Provider value={state}>{children}</DatabaseContext.Provider>;
}

/** The state of the local database of the logged-in user. */
export function useDatabaseState(): DatabaseState {
  return useContext(DatabaseContext);
}
