import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  closestCenter,
  DragOverlay,
  getFirstCollision,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  dateOfTripDay,
  keysForMoveTo,
  placeReservations,
  tripDayCount,
  type Reservation,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { CloseIcon, ColumnsIcon, CompassIcon, PlusIcon, TimelineIcon } from '../../app/icons';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { currentLanguage, type Language } from '../../i18n';
import { formatDate, formatMoney } from './format';
import {
  boardLists,
  containerOf,
  dayContainerId,
  dropPosition,
  groupStopsByDay,
  insertionIndex,
  moveOver,
  OUTSIDE_CONTAINER,
  projectedPosition,
  stopMoves,
  type BoardLists,
} from './schedule';
import { DayReservations } from '../reservations/DayReservations';
import { BoardUnlessMap } from './map/BoardUnlessMap';
import { MapIcon, TripMap } from './map/TripMap';
import { StopCard } from './StopCard';
import { useScheduleRoute } from './route/ScheduleRoute';
import { StopDialog, type StopDialogState } from './StopDialog';
import { stopChanges, stopFromForm, type StopFormValues } from './stop-form';
import { applyStopMoves, insertStop, patchStop, removeStop, restoreStop } from './trip-store';

type View = 'columns' | 'timeline' | 'map';

/** The dragged card's top is past the middle of the hovered one: it goes after it. */
function isBelow(dragged: { top: number } | null, over: { top: number; height: number }): boolean {
  return dragged ? dragged.top > over.top + over.height / 2 : false;
}
const VIEW_STORAGE_KEY = 'hamgaja.schedule.view';
const UNDO_MS = 8_000;

function storedView(): View {
  try {
    const stored = localStorage.getItem(VIEW_STORAGE_KEY);
    return stored === 'timeline' || stored === 'map' ? stored : 'columns';
  } catch {
    return 'columns';
  }
}

/** A stop the user can drag by its handle (pointer, touch or keyboard). */
function SortableStop({
  stop,
  language,
  canEdit,
  onEdit,
  onDelete,
  extra,
  leg,
  flags,
}: {
  stop: Stop;
  language: Language;
  canEdit: boolean;
  onEdit: (stop: Stop) => void;
  onDelete: (stop: Stop) => void;
  extra?: string;
  /** The travel from the previous stop, shown above the card. */
  leg?: ReactNode;
  flags?: ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: stop.id,
      disabled: !canEdit,
    });
  return (
    <li className="stop-item">
      {leg}
      <StopCard
        stop={stop}
        language={language}
        cardRef={setNodeRef}
        style={{ transform: CSS.Translate.toString(transform), transition }}
        dragging={isDragging}
        handle={canEdit ? { ref: setActivatorNodeRef, attributes, listeners } : undefined}
        onEdit={canEdit ? onEdit : undefined}
        onDelete={canEdit ? onDelete : undefined}
        extra={extra}
        flags={flags}
      />
    </li>
  );
}

/** One day (or the "outside the dates" list): a drop area holding its sortable stops. */
function DayList({
  containerId,
  stopIds,
  stopById,
  language,
  canEdit,
  emptyText,
  onEdit,
  onDelete,
  extraOf,
  legOf,
  flagsOf,
}: {
  containerId: string;
  stopIds: string[];
  stopById: Map<string, Stop>;
  language: Language;
  canEdit: boolean;
  emptyText?: string;
  onEdit: (stop: Stop) => void;
  onDelete: (stop: Stop) => void;
  extraOf?: (stop: Stop) => string;
  legOf?: (stop: Stop) => ReactNode;
  flagsOf?: (stop: Stop) => ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({
    id: containerId,
    disabled: containerId === OUTSIDE_CONTAINER,
  });
  const stops = stopIds.map((id) => stopById.get(id)).filter((stop): stop is Stop => stop !== undefined);
  return (
    <SortableContext id={containerId} items={stopIds} strategy={verticalListSortingStrategy}>
      <ol ref={setNodeRef} className={`stop-list${isOver ? ' is-over' : ''}`} data-container={containerId}>
        {stops.map((stop) => (
          <SortableStop
            key={stop.id}
            stop={stop}
            language={language}
            canEdit={canEdit}
            onEdit={onEdit}
            onDelete={onDelete}
            extra={extraOf?.(stop)}
            leg={legOf?.(stop)}
            flags={flagsOf?.(stop)}
          />
        ))}
        {stops.length === 0 && emptyText ? <li className="stop-empty">{emptyText}</li> : null}
      </ol>
    </SortableContext>
  );
}

/**
 * The trip's days with their stops: columns on wide screens (a timeline on phones or by
 * choice), drag-and-drop within and across days, add / edit / delete with undo.
 */
export default function Schedule({
  trip,
  stops,
  reservations = [],
  canEdit,
}: {
  trip: Trip;
  stops: Stop[];
  /** Shown on their days at their times (edited in the reservations tab). */
  reservations?: Reservation[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const database = useDatabaseState();
  const db = database.status === 'ready' ? database.db : null;
  const dayCount = Math.max(1, tripDayCount(trip.startDate, trip.endDate));
  const groups = useMemo(() => groupStopsByDay(stops, dayCount), [stops, dayCount]);
  const stopById = useMemo(() => new Map(stops.map((stop) => [stop.id, stop])), [stops]);
  const reservationDays = useMemo(() => placeReservations(trip, reservations).days, [trip, reservations]);
  const [view, setView] = useState<View>(storedView);
  const [dialog, setDialog] = useState<StopDialogState>(null);
  const [undo, setUndo] = useState<Stop | null>(null);
  const [failed, setFailed] = useState(false);

  // While dragging (and until the drop is written back), the board shows this preview.
  const [preview, setPreview] = useState<BoardLists | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const lists = useMemo(() => preview ?? boardLists(groups), [preview, groups]);
  const route = useScheduleRoute({ days: groups.days, canEdit, language, hidden: preview !== null });
  const listsRef = useRef(lists);
  listsRef.current = lists;
  useEffect(() => {
    // Only a new answer from the database (the drop landed, or someone else changed the trip) clears the preview.
    if (activeId === null) setPreview(null);
  }, [stops]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // The pattern of dnd-kit's multiple-containers example: remember the last target so a layout
  // shift right after a stop moved to another day cannot bounce it back.
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const movedToNewDay = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      movedToNewDay.current = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [lists]);

  /** Pointer first; over a day with stops, the closest stop in it. */
  const collisionDetection: CollisionDetection = useCallback((args) => {
    const pointer = pointerWithin(args);
    const hits = pointer.length > 0 ? pointer : rectIntersection(args);
    let overId = getFirstCollision(hits, 'id');
    if (overId !== null) {
      const items = listsRef.current[String(overId)];
      if (items && items.length > 0) {
        const inside = args.droppableContainers.filter(
          (container) => container.id !== overId && items.includes(String(container.id)),
        );
        overId = closestCenter({ ...args, droppableContainers: inside })[0]?.id ?? overId;
      }
      lastOverId.current = overId;
      return [{ id: overId }];
    }
    if (movedToNewDay.current) lastOverId.current = args.active.id;
    return lastOverId.current === null ? [] : [{ id: lastOverId.current }];
  }, []);

  const nameOf = (id: UniqueIdentifier) => stopById.get(String(id))?.place.name ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const position = projectedPosition(listsRef.current, String(active.id), String(active.id));
      return position
        ? t('trips.schedule.dnd.pickedUp', { name: nameOf(active.id), ...position })
        : t('trips.schedule.dnd.pickedUpOutside', { name: nameOf(active.id) });
    },
    onDragOver: ({ active, over }) => {
      if (!over) return undefined;
      const position = projectedPosition(listsRef.current, String(active.id), String(over.id));
      return position ? t('trips.schedule.dnd.movedTo', { name: nameOf(active.id), ...position }) : undefined;
    },
    onDragEnd: ({ active, over }) => {
      const position = over ? projectedPosition(listsRef.current, String(active.id), String(over.id)) : null;
      return position
        ? t('trips.schedule.dnd.dropped', { name: nameOf(active.id), ...position })
        : t('trips.schedule.dnd.droppedOutside', { name: nameOf(active.id) });
    },
    onDragCancel: ({ active }) => t('trips.schedule.dnd.cancelled', { name: nameOf(active.id) }),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    lastOverId.current = null;
    setActiveId(String(active.id));
    setPreview(boardLists(groups));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const from = containerOf(listsRef.current, String(active.id));
    const to = containerOf(listsRef.current, String(over.id));
    if (!from || !to || from === to || to === OUTSIDE_CONTAINER) return;
    const below = isBelow(active.rect.current.translated, over.rect);
    movedToNewDay.current = true;
    setPreview((current) => moveOver(current ?? listsRef.current, String(active.id), String(over.id), below));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    let final = listsRef.current;
    if (over) {
      const from = containerOf(final, id);
      const to = containerOf(final, String(over.id));
      if (from !== undefined && from === to) {
        final = moveOver(final, id, String(over.id));
      } else if (from !== undefined && to !== undefined) {
        // A fast drop can land before the last move to another day was rendered: apply it here.
        final = moveOver(final, id, String(over.id), isBelow(active.rect.current.translated, over.rect));
      }
    }
    setActiveId(null);
    const position = dropPosition(final, id);
    const moves = position ? stopMoves(stops, id, position.day, position.index) : [];
    if (!db || moves.length === 0) {
      setPreview(null);
      return;
    }
    setPreview(final);
    applyStopMoves(db, moves).catch((error: unknown) => {
      console.error('Moving the stop failed', error);
      setPreview(null);
      setFailed(true);
    });
  };

  const onDragCancel = () => {
    setActiveId(null);
    setPreview(null);
  };

  const changeView = (next: View) => {
    setView(next);
    try {
      localStorage.setItem(VIEW_STORAGE_KEY, next);
    } catch {
      // Not remembered in private mode.
    }
  };

  const deleteStop = async (stop: Stop) => {
    if (!db) return;
    const snapshot = await removeStop(db, stop.id);
    if (snapshot) setUndo(snapshot);
  };

  const save = async (values: StopFormValues) => {
    if (!db || !dialog) return null;
    setFailed(false);
    if (dialog.mode === 'add') {
      const id = crypto.randomUUID();
      const day = Number(values.day);
      const dayStops = groups.days[day] ?? [];
      const updates = keysForMoveTo(dayStops, id, insertionIndex(dayStops, values.startTime || null));
      const orderKey = updates.find((update) => update.id === id)?.orderKey;
      if (!orderKey) return null;
      const result = stopFromForm(values, { id, tripId: trip.id, orderKey }, dayCount);
      if (!result.ok) return result.errors;
      await insertStop(db, result.value);
      await applyStopMoves(
        db,
        updates.filter((update) => update.id !== id),
      );
    } else {
      const existing = dialog.stop;
      const result = stopChanges(existing, values, dayCount);
      if (!result.ok) return result.errors;
      const { day, ...fields } = result.value;
      await patchStop(db, existing.id, fields);
      if (day !== undefined) {
        // A new day: the stop goes where its time puts it in that day.
        const target = groups.days[day] ?? [];
        await applyStopMoves(
          db,
          stopMoves(stops, existing.id, day, insertionIndex(target, values.startTime || null)),
        );
      }
    }
    setDialog(null);
    return null;
  };

  const closeUndo = useCallback(() => setUndo(null), []);

  // After "Undo", the focus goes back to the restored stop once it is on screen again.
  const focusAfterRestore = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterRestore.current;
    if (!id || !stopById.has(id)) return;
    focusAfterRestore.current = null;
    document.querySelector<HTMLElement>(`[data-stop-id="${id}"] .stop-name`)?.focus();
  }, [stopById]);
  const undoDelete = async (snapshot: Stop) => {
    if (!db) return;
    focusAfterRestore.current = snapshot.id;
    await restoreStop(db, snapshot);
  };
  const active = activeId ? stopById.get(activeId) : undefined;
  const totalOfDay = (day: number) =>
    stops.reduce(
      (sum, stop) =>
        stop.day === day && stop.cost?.currency === trip.currency ? sum + stop.cost.amount : sum,
      0,
    );

  return (
    <section className="schedule" aria-labelledby="schedule-title">
      <div className="schedule-toolbar">
        <h2 id="schedule-title" className="visually-hidden">
          {t('trips.schedule.title')}
        </h2>
        {canEdit ? (
          <>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setDialog({ mode: 'add', day: 0 })}
            >
              <PlusIcon />
              {t('trips.schedule.addStop')}
            </button>
            <Link
              className="button"
              to={`/search?${new URLSearchParams({ trip: trip.id, ...(trip.destination.regionCode ? { sido: trip.destination.regionCode } : {}) })}`}
            >
              <CompassIcon />
              {t('trips.schedule.addFromCatalog')}
            </Link>
          </>
        ) : null}
        <div className="segmented" role="group" aria-label={t('trips.schedule.view')}>
          <button type="button" aria-pressed={view === 'columns'} onClick={() => changeView('columns')}>
            <ColumnsIcon />
            <span>{t('trips.schedule.viewColumns')}</span>
          </button>
          <button type="button" aria-pressed={view === 'timeline'} onClick={() => changeView('timeline')}>
            <TimelineIcon />
            <span>{t('trips.schedule.viewTimeline')}</span>
          </button>
          <button type="button" aria-pressed={view === 'map'} onClick={() => changeView('map')}>
            <MapIcon />
            <span>{t('trips.schedule.viewMap')}</span>
          </button>
        </div>
      </div>
      {failed ? (
        <div className="alert alert-error" role="alert">
          {t('trips.schedule.saveFailed')}
        </div>
      ) : null}
      {view === 'map' ? (
        <TripMap
          trip={trip}
          stops={stops}
          canEdit={canEdit}
          onAddPlace={(stop) => setDialog({ mode: 'edit', stop })}
        />
      ) : null}
      <BoardUnlessMap
        map={view === 'map'}
        sensors={sensors}
        collisionDetection={collisionDetection}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: t('trips.schedule.dnd.instructions') },
        }}
      >
        <div className={`board board-${view}`}>
          {groups.days.map((_, day) => {
            const containerId = dayContainerId(day);
            const total = totalOfDay(day);
            return (
              <section
                key={containerId}
                className="day"
                aria-labelledby={`${containerId}-title`}
                data-day={day}
              >
                <header className="day-head">
                  <h3 id={`${containerId}-title`}>
                    <span className="day-number">{t('trips.schedule.day', { day: day + 1 })}</span>
                    <span className="day-date">
                      {formatDate(dateOfTripDay(trip.startDate, day), language, 'weekday')}
                    </span>
                  </h3>
                  {total > 0 ? (
                    <span className="day-total">
                      {t('trips.schedule.dayTotal', { amount: formatMoney(total, trip.currency, language) })}
                    </span>
                  ) : null}
                </header>
                {route.dayRoute(day)}
                {reservationDays[day] ? (
                  <DayReservations
                    day={reservationDays[day]}
                    dayNumber={day + 1}
                    tripTimeZone={trip.timeZone}
                  />
                ) : null}
                <DayList
                  containerId={containerId}
                  stopIds={lists[containerId] ?? []}
                  stopById={stopById}
                  language={language}
                  canEdit={canEdit}
                  emptyText={t('trips.schedule.emptyDay')}
                  onEdit={(stop) => setDialog({ mode: 'edit', stop })}
                  onDelete={(stop) => void deleteStop(stop)}
                  legOf={(stop) => route.legOf(day, stop)}
                  flagsOf={(stop) => route.flagsOf(day, stop)}
                />
                {canEdit ? (
                  <button
                    type="button"
                    className="button button-ghost day-add"
                    aria-label={t('trips.schedule.addToDay', { day: day + 1 })}
                    onClick={() => setDialog({ mode: 'add', day })}
                  >
                    <PlusIcon />
                    {t('trips.schedule.addStop')}
                  </button>
                ) : null}
              </section>
            );
          })}
          {lists[OUTSIDE_CONTAINER] ? (
            <section className="day day-outside" aria-labelledby="outside-title">
              <header className="day-head">
                <h3 id="outside-title">
                  <span className="day-number">{t('trips.schedule.outside')}</span>
                </h3>
              </header>
              <p className="day-hint">{t('trips.schedule.outsideHint')}</p>
              <DayList
                containerId={OUTSIDE_CONTAINER}
                stopIds={lists[OUTSIDE_CONTAINER]}
                stopById={stopById}
                language={language}
                canEdit={canEdit}
                onEdit={(stop) => setDialog({ mode: 'edit', stop })}
                onDelete={(stop) => void deleteStop(stop)}
                extraOf={(stop) => t('trips.schedule.outsideDay', { day: stop.day + 1 })}
              />
            </section>
          ) : null}
        </div>
        <DragOverlay>{active ? <StopCard stop={active} language={language} overlay /> : null}</DragOverlay>
      </BoardUnlessMap>
      <StopDialog
        state={dialog}
        trip={trip}
        dayCount={dayCount}
        language={language}
        onSave={save}
        onClose={() => setDialog(null)}
      />
      {undo ? <UndoToast stop={undo} onUndo={() => undoDelete(undo)} onDone={closeUndo} /> : null}
    </section>
  );
}

/** "Deleted X. Undo" for a few seconds (paused while the pointer or focus is on it). */
function UndoToast({
  stop,
  onUndo,
  onDone,
}: {
  stop: Stop;
  onUndo: () => Promise<void>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(false);
  const [failed, setFailed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The deleted card took the focus with it: hand it to "Undo".
    button.current?.focus({ preventScroll: true });
  }, [stop.id]);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(onDone, UNDO_MS);
    return () => clearTimeout(timer);
  }, [paused, stop.id, onDone]);

  return (
    <div
      className="toast undo-toast"
      role="status"
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span>
        {failed ? t('trips.schedule.restoreFailed') : t('trips.schedule.deleted', { name: stop.place.name })}
      </span>
      <button
        ref={button}
        type="button"
        className="button"
        onClick={() => {
          onUndo().then(onDone, (error: unknown) => {
            console.error('Restoring the stop failed', error);
            setFailed(true);
          });
        }}
      >
        {t('trips.schedule.undo')}
      </button>
      <button type="button" className="icon-button" aria-label={t('trips.schedule.dismiss')} onClick={onDone}>
        <CloseIcon />
      </button>
    </div>
  );
}
