import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stop, TravelMode } from '@hamgaja/shared';
import { useDatabaseState } from '../../../data/DatabaseProvider';
import { DayRoute } from './DayRoute';
import { AlertIcon } from './route-icons';
import { setTravelMode } from './route-store';
import { TravelLeg } from './TravelLeg';
import { useDayRoutes } from './use-day-routes';

export interface ScheduleRoute {
  /** The leg arriving at `stop` (shown above its card); null for a day's first stop. */
  legOf: (day: number, stop: Stop) => ReactNode;
  /** Text flags for the stop's card (out of time order). */
  flagsOf: (day: number, stop: Stop) => ReactNode;
  /** The day's travel total, flags and route actions. */
  dayRoute: (day: number) => ReactNode;
}

/**
 * The route parts of the schedule (Columns and Timeline views), for the days as stored.
 * `hidden`: a drag is in progress (its preview order is not the stored one): no legs or flags.
 */
export function useScheduleRoute({
  days,
  canEdit,
  language,
  hidden,
}: {
  days: Stop[][];
  canEdit: boolean;
  language: string;
  hidden: boolean;
}): ScheduleRoute {
  const { t } = useTranslation();
  const database = useDatabaseState();
  const db = database.status === 'ready' ? database.db : null;
  const { routes, refine } = useDayRoutes(days);
  const [failedModes, setFailedModes] = useState<ReadonlySet<string>>(new Set());

  const changeMode = useCallback(
    (stopId: string, mode: TravelMode | null) => {
      if (!db) return;
      setFailedModes((current) =>
        current.has(stopId) ? new Set([...current].filter((id) => id !== stopId)) : current,
      );
      setTravelMode(db, stopId, mode).catch((error: unknown) => {
        console.error('Saving the travel mode failed', error);
        setFailedModes((current) => new Set(current).add(stopId));
      });
    },
    [db],
  );

  const legOf = (day: number, stop: Stop): ReactNode => {
    if (hidden) return null;
    const leg = routes[day]?.legTo.get(stop.id);
    const stops = days[day] ?? [];
    const from = stops[stops.findIndex((s) => s.id === stop.id) - 1];
    if (!leg || !from) return null;
    return (
      <>
        <TravelLeg
          leg={leg}
          fromName={from.place.name}
          toName={stop.place.name}
          language={language}
          onModeChange={canEdit ? (mode) => changeMode(stop.id, mode) : undefined}
        />
        {failedModes.has(stop.id) ? (
          <p className="travel-leg-warning" role="alert">
            <AlertIcon />
            <span>{t('trips.route.modeFailed')}</span>
          </p>
        ) : null}
      </>
    );
  };

  const flagsOf = (day: number, stop: Stop): ReactNode =>
    !hidden && routes[day]?.outOfOrder.has(stop.id) ? (
      <span className="stop-route-flag">
        <AlertIcon />
        {t('trips.route.outOfOrder')}
      </span>
    ) : null;

  const dayRoute = (day: number): ReactNode => {
    const route = routes[day];
    if (!route) return null;
    return (
      <DayRoute
        day={day}
        stops={days[day] ?? []}
        route={route}
        canEdit={canEdit}
        language={language}
        refine={refine}
      />
    );
  };

  return { legOf, flagsOf, dayRoute };
}
