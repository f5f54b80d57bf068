import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useServices, useSessionState, type Services } from '../../app/services';
import { useTrip } from '../../data/hooks';
import { TripMembersStore, type MembersSnapshot } from './members-store';
import { sharingClient } from './sharing-client';
import { resolveTripAccess, type TripAccess } from './trip-role';

const stores = new WeakMap<Services, Map<string, TripMembersStore>>();

/** The members store of the signed-in user (one per user, so two accounts never share a cache). */
export function membersStoreFor(services: Services, userId: string): TripMembersStore {
  let byUser = stores.get(services);
  if (!byUser) stores.set(services, (byUser = new Map()));
  let store = byUser.get(userId);
  if (!store) {
    const client = sharingClient(services);
    store = new TripMembersStore({ userId, load: (tripId) => client.members(tripId) });
    byUser.set(userId, store);
  }
  return store;
}

const NOBODY: MembersSnapshot = { members: null, state: 'idle', fetchedAt: null };
const noop = () => () => undefined;

/** The members of a trip (cached on the device, kept fresh while shown). */
export function useTripMembers(tripId: string): MembersSnapshot & { refresh: () => Promise<void> } {
  const services = useServices();
  const session = useSessionState();
  const userId = session.status === 'authenticated' ? session.user.id : null;
  const store = userId ? membersStoreFor(services, userId) : null;
  const snapshot = useSyncExternalStore(store ? (listener) => store.subscribe(tripId, listener) : noop, () =>
    store ? store.get(tripId) : NOBODY,
  );
  useEffect(() => store?.watch(tripId), [store, tripId]);
  return useMemo(
    () => ({ ...snapshot, refresh: () => store?.refresh(tripId) ?? Promise.resolve() }),
    [snapshot, store, tripId],
  );
}

/**
 * The signed-in user's role on a trip and what it allows (`canEdit` gates every edit control;
 * viewers see the trip read-only). The owner is `trip.ownerId === me`; other roles come from
 * GET /trips/{id}/members, cached for offline use and re-checked while the trip is on screen.
 */
export function useTripRole(tripId: string): TripAccess {
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  const trip = useTrip(tripId);
  const members = useTripMembers(tripId);
  const ownerId = trip.status === 'ready' ? (trip.data?.ownerId ?? null) : undefined;
  return useMemo(
    () => resolveTripAccess({ me, ownerId, members: members.members, state: members.state }),
    [me, ownerId, members.members, members.state],
  );
}
