import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import type { RoutingLegRequest, Stop } from '@hamgaja/shared';
import { useServices, useSessionState } from '../../../app/services';
import { useOnline } from '../../catalog/catalog-services';
import { buildDisplayDay, legKey, type DisplayDay } from './route-legs';
import { refinedLegsFor } from './refined-legs';

/**
 * Each day of the schedule as a route (legs, totals, flags), computed from the local documents
 * at once, with the server's road and footpath figures once they arrive. `refine` asks for a
 * day's legs; it does nothing offline, signed out or in the local-only desktop profile.
 */
export function useDayRoutes(days: readonly Stop[][]): {
  routes: DisplayDay[];
  refine: (requests: readonly RoutingLegRequest[]) => void;
} {
  const services = useServices();
  const session = useSessionState();
  const online = useOnline();
  const store = refinedLegsFor(services);
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const routes = useMemo(
    () => days.map((stops) => buildDisplayDay(stops, store.lookup)),
    // `version` changes when refined figures arrive.
    [days, store, version],
  );
  const canRefine = online && session.status === 'authenticated' && !services.localOnly;
  const refine = useCallback(
    (requests: readonly RoutingLegRequest[]) => {
      if (canRefine && requests.length > 0) store.request(requests);
    },
    [canRefine, store],
  );
  return { routes, refine };
}

/** True once the element has been on screen (it stays true: its figures are wanted from then on). */
export function useSeen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

/** Asks for the day's walk and car figures while it is on screen; again when its legs change. */
export function useRefineWhenSeen(
  ref: RefObject<Element | null>,
  requests: readonly RoutingLegRequest[],
  refine: (requests: readonly RoutingLegRequest[]) => void,
): void {
  const seen = useSeen(ref);
  const key = requests.map(legKey).join('|');
  const latest = useRef(requests);
  latest.current = requests;
  useEffect(() => {
    if (seen) refine(latest.current);
  }, [seen, key, refine]);
}
