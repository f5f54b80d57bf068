/**
 * The schedule as days of ordered stops, and what a drag-and-drop writes.
 *
 * A move writes only the moved stop's `day` and `orderKey` (plus, rarely, the keys of tied
 * neighbours that `keysForMoveTo` must repair), so two people reordering different stops
 * never touch the same document.
 */
import { compareOrderedItems, keysForMoveTo, type KeyOptions, type Stop } from '@hamgaja/shared';

export interface DayGroups {
  /** Stops of each day of the trip (index = day), in order. */
  days: Stop[][];
  /** Stops whose day lies past the trip's end (the dates were shortened): kept, not lost. */
  outside: Stop[];
}

export function groupStopsByDay(stops: readonly Stop[], dayCount: number): DayGroups {
  const days: Stop[][] = Array.from({ length: Math.max(0, dayCount) }, () => []);
  const outside: Stop[] = [];
  for (const stop of stops) (stop.day < dayCount ? days[stop.day] : outside)?.push(stop);
  for (const day of days) day.sort(compareOrderedItems);
  outside.sort((a, b) => a.day - b.day || compareOrderedItems(a, b));
  return { days, outside };
}

// --- Drag and drop -----------------------------------------------------------------------

/** The id of a day's drop area in the drag-and-drop board. */
export const OUTSIDE_CONTAINER = 'outside';
export const dayContainerId = (day: number) => `day-${day}`;

/** Day index of a container id, or null for the "outside the dates" list / an unknown id. */
export function dayOfContainer(containerId: string): number | null {
  const match = /^day-(\d+)$/.exec(containerId);
  return match ? Number(match[1]) : null;
}

/** Container id -> ids of its stops, in display order: the board's state while dragging. */
export type BoardLists = Record<string, string[]>;

export function boardLists(groups: DayGroups): BoardLists {
  const lists: BoardLists = {};
  groups.days.forEach((stops, day) => {
    lists[dayContainerId(day)] = stops.map((stop) => stop.id);
  });
  if (groups.outside.length > 0) lists[OUTSIDE_CONTAINER] = groups.outside.map((stop) => stop.id);
  return lists;
}

/** The container holding `id` (a stop id, or a container id itself). */
export function containerOf(lists: BoardLists, id: string): string | undefined {
  if (id in lists) return id;
  return Object.keys(lists).find((container) => lists[container]?.includes(id));
}

/**
 * The board after dragging `activeId` over `overId` (a stop or a day): the stop moves into
 * the hovered day, before the hovered stop, or at the end when hovering the day itself.
 * `below` = the pointer is past the middle of the hovered stop (insert after it).
 * Nothing can be dropped into the "outside the dates" list; returns `lists` unchanged then.
 */
export function moveOver(lists: BoardLists, activeId: string, overId: string, below = false): BoardLists {
  const from = containerOf(lists, activeId);
  const to = containerOf(lists, overId);
  if (!from || !to || to === OUTSIDE_CONTAINER) return lists;
  const source = lists[from] ?? [];
  const target = lists[to] ?? [];
  if (from === to) {
    if (overId === to || overId === activeId) return lists;
    const fromIndex = source.indexOf(activeId);
    const toIndex = source.indexOf(overId);
    const next = [...source];
    next.splice(fromIndex, 1);
    next.splice(toIndex, 0, activeId);
    return { ...lists, [from]: next };
  }
  const overIndex = target.indexOf(overId);
  const index = overIndex === -1 ? target.length : overIndex + (below ? 1 : 0);
  return {
    ...lists,
    [from]: source.filter((id) => id !== activeId),
    [to]: [...target.slice(0, index), activeId, ...target.slice(index)],
  };
}

/** Where the dragged stop ended: day and position, or null when it is not in a day. */
export function dropPosition(lists: BoardLists, activeId: string): { day: number; index: number } | null {
  const container = containerOf(lists, activeId);
  const day = container === undefined ? null : dayOfContainer(container);
  if (day === null || container === undefined) return null;
  return { day, index: (lists[container] ?? []).indexOf(activeId) };
}

/** One document write of a move: the moved stop gets `day` too; tied neighbours only a key. */
export interface StopMove {
  id: string;
  orderKey: string;
  day?: number;
}

/**
 * The writes that put stop `stopId` at position `toIndex` of day `toDay`, from the stops as
 * stored (not the board preview). Empty when the stop already sits there.
 */
export function stopMoves(
  stops: readonly Stop[],
  stopId: string,
  toDay: number,
  toIndex: number,
  options: KeyOptions = {},
): StopMove[] {
  const moving = stops.find((stop) => stop.id === stopId);
  if (!moving) return [];
  const sameDay = moving.day === toDay;
  const dayStops = stops.filter((stop) => stop.day === toDay && (sameDay || stop.id !== stopId));
  return keysForMoveTo(dayStops, stopId, toIndex, options).map((update) =>
    update.id === stopId && !sameDay
      ? { ...update, day: toDay }
      : { id: update.id, orderKey: update.orderKey },
  );
}

/**
 * Position for a new stop in its day: before the first stop that starts later, so a day
 * filled in by time stays in time order; at the end when it has no time.
 */
export function insertionIndex(dayStops: readonly Stop[], startTime: string | null): number {
  if (startTime === null) return dayStops.length;
  const later = dayStops.findIndex((stop) => stop.startTime !== null && stop.startTime > startTime);
  return later === -1 ? dayStops.length : later;
}

/**
 * Day (1-based) and position (1-based) the dragged stop would take over `overId`, for the
 * screen-reader announcements; null over the "outside the dates" list.
 */
export function projectedPosition(
  lists: BoardLists,
  activeId: string,
  overId: string,
): { day: number; position: number } | null {
  const to = containerOf(lists, overId);
  const day = to === undefined ? null : dayOfContainer(to);
  if (to === undefined || day === null) return null;
  const target = lists[to] ?? [];
  const sameList = target.includes(activeId);
  if (overId === to)
    return { day: day + 1, position: sameList ? target.indexOf(activeId) + 1 : target.length + 1 };
  return { day: day + 1, position: target.indexOf(overId) + 1 };
}
