import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optimiseDay, sortDayByTime, stopPoint, type RoutingLegRequest, type Stop } from '@hamgaja/shared';
import { usePopover } from '../../../app/use-dismiss';
import { useDatabaseState } from '../../../data/DatabaseProvider';
import { sameOrder } from './order-writes';
import { formatDistance, formatMinutes, routeStopOf, type DisplayDay, type Translate } from './route-legs';
import { storedPins, storePins, type OptimisePins } from './route-prefs';
import { AlertIcon, RouteIcon, SortTimeIcon } from './route-icons';
import { applyDayOrder } from './route-store';
import { useRefineWhenSeen } from './use-day-routes';
import './route.css';

/** What the last route action did, said in the live region; `previous` = the order "Undo" restores. */
type Outcome = { text: string; previous?: string[] } | null;

type DayRouteProps = {
  /** 0-based. */
  day: number;
  /** The day's stops as stored, in order. */
  stops: Stop[];
  route: DisplayDay;
  canEdit: boolean;
  language: string;
  refine: (requests: readonly RoutingLegRequest[]) => void;
};

/**
 * A day's route: its travel total, the stops out of time order, and (for editors) "Sort by
 * time" and "Optimise route" with one "Undo". Every reorder goes through the stops' order keys,
 * as drag-and-drop does, so it syncs and merges like one.
 */
export function DayRoute(props: DayRouteProps) {
  return props.stops.length < 2 ? null : <DayRouteBody {...props} />;
}

function DayRouteBody({ day, stops, route, canEdit, language, refine }: DayRouteProps) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const database = useDatabaseState();
  const db = database.status === 'ready' ? database.db : null;
  const element = useRef<HTMLDivElement>(null);
  useRefineWhenSeen(element, route.requests, refine);
  const [pins, setPins] = useState<OptimisePins>(storedPins);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const popover = usePopover();
  const undoButton = useRef<HTMLButtonElement>(null);
  const optimiseButton = popover.buttonProps.ref;
  const dayNumber = day + 1;

  // "Undo" takes the focus when it appears (the panel that had it closed).
  useEffect(() => {
    if (outcome?.previous) undoButton.current?.focus({ preventScroll: true });
  }, [outcome]);

  const ids = stops.map((stop) => stop.id);
  const known = route.legs.length - route.unknownLegs;
  const outOfOrder = route.outOfOrder.size;
  // Only untimed stops with a place on the map move: optimising needs two of them.
  const optimisable =
    stops.filter((stop) => stop.startTime === null && stopPoint(routeStopOf(stop)) !== null).length >= 2;

  const reorder = async (order: string[], text: string, undoable: boolean) => {
    if (!db) return;
    setBusy(true);
    try {
      await applyDayOrder(db, stops, order);
      setOutcome({ text, previous: undoable ? ids : undefined });
    } catch (error) {
      console.error('Reordering the day failed', error);
      setOutcome({ text: t('trips.route.failed') });
    } finally {
      setBusy(false);
    }
  };

  const sortByTime = () =>
    void reorder(
      sortDayByTime(stops).map((stop) => stop.id),
      t('trips.route.sorted', { day: dayNumber }),
      true,
    );

  const optimise = () => {
    popover.close();
    storePins(pins);
    const result = optimiseDay(stops.map(routeStopOf), pins);
    if (sameOrder(result.order, ids) || result.saved <= 0) {
      setOutcome({ text: t('trips.route.alreadyShortest') });
      optimiseButton.current?.focus();
      return;
    }
    void reorder(
      result.order,
      t('trips.route.saved', { distance: formatDistance(result.saved, language) }),
      true,
    );
  };

  const undo = (previous: string[]) =>
    void reorder(previous, t('trips.route.undone', { day: dayNumber }), false).then(() =>
      optimiseButton.current?.focus(),
    );

  return (
    <div className="day-route" ref={element} data-day-route={day}>
      {known > 0 ? (
        <p className="day-route-summary">
          <RouteIcon />
          <span>
            {t('trips.route.dayTravel', {
              time: formatMinutes(route.totalMinutes, tr),
              distance: formatDistance(route.totalMetres, language),
            })}
          </span>
          {route.unknownLegs > 0 ? (
            <span className="day-route-unknown">
              {t('trips.route.unknownLegs', { count: route.unknownLegs })}
            </span>
          ) : null}
        </p>
      ) : null}
      {outOfOrder > 0 ? (
        <p className="day-route-flag">
          <AlertIcon />
          {t('trips.route.outOfOrderCount', { count: outOfOrder })}
        </p>
      ) : null}
      {canEdit && (outOfOrder > 0 || optimisable) ? (
        <div className="day-route-actions" ref={popover.container}>
          <div
            className="day-route-buttons"
            role="group"
            aria-label={t('trips.route.actions', { day: dayNumber })}
          >
            {outOfOrder > 0 ? (
              <button type="button" className="button day-route-button" disabled={busy} onClick={sortByTime}>
                <SortTimeIcon />
                {t('trips.route.sortByTime')}
              </button>
            ) : null}
            {optimisable ? (
              <button {...popover.buttonProps} className="button day-route-button" disabled={busy}>
                <RouteIcon />
                {t('trips.route.optimise')}
              </button>
            ) : null}
          </div>
          {optimisable ? (
            <div
              id={popover.panelId}
              className="day-route-panel"
              role="group"
              aria-label={t('trips.route.optimiseTitle', { day: dayNumber })}
              hidden={!popover.open}
            >
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={pins.pinFirst}
                  onChange={(event) => setPins({ ...pins, pinFirst: event.target.checked })}
                />
                {t('trips.route.pinFirst')}
              </label>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={pins.pinLast}
                  onChange={(event) => setPins({ ...pins, pinLast: event.target.checked })}
                />
                {t('trips.route.pinLast')}
              </label>
              <p className="day-route-hint">{t('trips.route.optimiseHint')}</p>
              <div className="day-route-panel-actions">
                <button type="button" className="button button-primary" onClick={optimise}>
                  {t('trips.route.optimiseRun')}
                </button>
                <button type="button" className="button button-ghost" onClick={popover.close}>
                  {t('trips.route.cancel')}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="day-route-status" role="status">
        {outcome ? (
          <>
            <span>{outcome.text}</span>
            {outcome.previous && canEdit ? (
              <button
                ref={undoButton}
                type="button"
                className="button button-ghost day-route-undo"
                aria-label={t('trips.route.undoLabel', { day: dayNumber })}
                disabled={busy}
                onClick={() => outcome.previous && undo(outcome.previous)}
              >
                {t('trips.route.undo')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
