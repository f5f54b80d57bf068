import { useEffect, useSyncExternalStore } from 'react';
import { useServices, useSessionState, type Services } from '../../app/services';
import { DiscardedChanges, discardedStorageKey, type DiscardedChange } from './discarded-changes';

const stores = new WeakMap<Services, Map<string, DiscardedChanges>>();

/** The discarded changes of a user on this device (one store per user, shared by the app's parts). */
export function discardedChangesFor(services: Services, userId: string): DiscardedChanges {
  let byUser = stores.get(services);
  if (!byUser) stores.set(services, (byUser = new Map()));
  let store = byUser.get(userId);
  if (!store) {
    store = new DiscardedChanges(
      typeof localStorage === 'undefined' ? null : localStorage,
      discardedStorageKey(userId),
    );
    byUser.set(userId, store);
  }
  return store;
}

const NONE: readonly DiscardedChange[] = [];
const noop = () => () => undefined;

/** The signed-in user's discarded changes, newest first, live across tabs; null store when signed out. */
export function useDiscardedChanges(): {
  entries: readonly DiscardedChange[];
  store: DiscardedChanges | null;
} {
  const services = useServices();
  const session = useSessionState();
  const userId = session.status === 'authenticated' && !services.localOnly ? session.user.id : null;
  const store = userId ? discardedChangesFor(services, userId) : null;
  const entries = useSyncExternalStore(store ? store.subscribe : noop, store ? store.list : () => NONE);
  useEffect(() => (store && typeof window !== 'undefined' ? store.watch(window) : undefined), [store]);
  return { entries, store };
}
