import { describe, expect, it } from 'vitest';
import { compareOrderedItems, initialOrderKeys, type Stop } from '@hamgaja/shared';
import {
  boardLists,
  dayContainerId,
  dayOfContainer,
  dropPosition,
  groupStopsByDay,
  insertionIndex,
  moveOver,
  OUTSIDE_CONTAINER,
  projectedPosition,
  stopMoves,
} from './schedule';

const keys = initialOrderKeys(10);
const stop = (id: string, day: number, keyIndex: number, startTime: string | null = null): Stop => ({
  id,
  tripId: 'trip',
  day,
  orderKey: keys[keyIndex]!,
  startTime,
  durationMinutes: null,
  place: { name: id },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: null,
});

/** Applies moves to a copy of `stops`, as the database would. */
function apply(stops: Stop[], moves: ReturnType<typeof stopMoves>): Stop[] {
  return stops.map((s) => {
    const move = moves.find((m) => m.id === s.id);
    return move ? { ...s, orderKey: move.orderKey, day: move.day ?? s.day } : s;
  });
}

const ids = (list: Stop[]) => list.map((s) => s.id);

describe('groupStopsByDay', () => {
  it('puts each stop in its day, in order-key order, and keeps stops past the end apart', () => {
    const stops = [
      stop('b', 0, 2),
      stop('a', 0, 1),
      stop('c', 1, 0),
      stop('late', 5, 0),
      stop('later', 3, 0),
    ];
    const groups = groupStopsByDay(stops, 3);
    expect(groups.days.map(ids)).toEqual([['a', 'b'], ['c'], []]);
    expect(ids(groups.outside)).toEqual(['later', 'late']);
  });

  it('breaks order-key ties by id, the same on every device', () => {
    const groups = groupStopsByDay([stop('y', 0, 1), stop('x', 0, 1)], 1);
    expect(ids(groups.days[0]!)).toEqual(['x', 'y']);
  });
});

describe('board lists and moves', () => {
  const stops = [stop('a', 0, 1), stop('b', 0, 2), stop('c', 0, 3), stop('d', 1, 1), stop('z', 4, 1)];
  const lists = boardLists(groupStopsByDay(stops, 2));

  it('names containers by day and keeps the outside list', () => {
    expect(lists).toEqual({ 'day-0': ['a', 'b', 'c'], 'day-1': ['d'], [OUTSIDE_CONTAINER]: ['z'] });
    expect(dayOfContainer(dayContainerId(7))).toBe(7);
    expect(dayOfContainer(OUTSIDE_CONTAINER)).toBeNull();
  });

  it('moves within a day to the hovered stop and across days before (or after) it', () => {
    expect(moveOver(lists, 'a', 'c')['day-0']).toEqual(['b', 'c', 'a']);
    const across = moveOver(lists, 'b', 'd');
    expect(across['day-0']).toEqual(['a', 'c']);
    expect(across['day-1']).toEqual(['b', 'd']);
    expect(moveOver(lists, 'b', 'd', true)['day-1']).toEqual(['d', 'b']);
    expect(moveOver(lists, 'b', 'day-1')['day-1']).toEqual(['d', 'b']);
  });

  it('never drops into the "outside the dates" list', () => {
    expect(moveOver(lists, 'a', 'z')).toBe(lists);
    expect(moveOver(lists, 'a', OUTSIDE_CONTAINER)).toBe(lists);
  });

  it('reports where the dragged stop would land, 1-based, for screen readers', () => {
    expect(projectedPosition(lists, 'a', 'c')).toEqual({ day: 1, position: 3 });
    expect(projectedPosition(lists, 'a', 'day-1')).toEqual({ day: 2, position: 2 });
    expect(projectedPosition(lists, 'a', 'z')).toBeNull();
    expect(dropPosition(moveOver(lists, 'b', 'd'), 'b')).toEqual({ day: 1, index: 0 });
    expect(dropPosition(lists, 'z')).toBeNull();
  });
});

describe('stopMoves', () => {
  const stops = [stop('a', 0, 1), stop('b', 0, 2), stop('c', 0, 3), stop('d', 1, 1), stop('e', 1, 2)];

  it('reorders within a day by writing only the moved stop', () => {
    const moves = stopMoves(stops, 'a', 0, 2);
    expect(moves.map((m) => m.id)).toEqual(['a']);
    expect(moves[0]!.day).toBeUndefined();
    expect(ids(groupStopsByDay(apply(stops, moves), 2).days[0]!)).toEqual(['b', 'c', 'a']);
  });

  it('moves across days by writing the day and a key between the new neighbours', () => {
    const moves = stopMoves(stops, 'b', 1, 1);
    expect(moves).toEqual([{ id: 'b', day: 1, orderKey: expect.any(String) }]);
    const days = groupStopsByDay(apply(stops, moves), 2).days.map(ids);
    expect(days).toEqual([
      ['a', 'c'],
      ['d', 'b', 'e'],
    ]);
  });

  it('writes nothing when the stop is already there, or unknown', () => {
    expect(stopMoves(stops, 'b', 0, 1)).toEqual([]);
    expect(stopMoves(stops, 'nope', 0, 0)).toEqual([]);
  });

  it('repairs tied neighbours so the new position is exact', () => {
    const tied = [stop('p', 0, 4), stop('q', 0, 4), stop('r', 0, 4), stop('m', 1, 1)];
    const moves = stopMoves(tied, 'm', 0, 1);
    const day0 = groupStopsByDay(apply(tied, moves), 1).days[0]!;
    expect(ids(day0)).toEqual(['p', 'm', 'q', 'r']);
    for (let i = 1; i < day0.length; i += 1) expect(compareOrderedItems(day0[i - 1]!, day0[i]!)).toBe(-1);
  });
});

describe('insertionIndex', () => {
  const day = [stop('a', 0, 1, '09:00'), stop('b', 0, 2, null), stop('c', 0, 3, '15:00')];

  it('puts a timed stop before the first stop that starts later', () => {
    expect(insertionIndex(day, '12:00')).toBe(2);
    expect(insertionIndex(day, '08:00')).toBe(0);
    expect(insertionIndex(day, '23:00')).toBe(3);
  });

  it('puts a stop without a time at the end', () => {
    expect(insertionIndex(day, null)).toBe(3);
  });
});
