import { describe, expect, it } from 'vitest';
import type { DraftStop } from '@hamgaja/shared';
import { normalizeStops } from './drafts.js';
import { cleanTip } from './tips.js';

const stop = (day: number, startTime: string, durationMinutes: number, id: string): DraftStop => ({
  day,
  startTime,
  durationMinutes,
  place: { attractionId: id, name: id, lat: null, lng: null, address: null, contentTypeId: 12 },
  category: 'sightseeing',
  note: '',
});

describe('normalizeStops', () => {
  it('sorts by day and time and moves overlapping stops after the previous one', () => {
    const { stops, dropped } = normalizeStops([
      stop(1, '09:00', 60, 'd'),
      stop(0, '13:00', 60, 'c'),
      stop(0, '09:00', 120, 'a'),
      stop(0, '10:30', 60, 'b'),
    ]);
    expect(stops.map((s) => [s.day, s.startTime, s.place.attractionId])).toEqual([
      [0, '09:00', 'a'],
      [0, '11:00', 'b'],
      [0, '13:00', 'c'],
      [1, '09:00', 'd'],
    ]);
    expect(dropped).toEqual([]);
  });

  it('drops a stop that no longer fits in its day', () => {
    const { stops, dropped } = normalizeStops([stop(0, '22:00', 90, 'a'), stop(0, '22:30', 60, 'b')]);
    expect(stops.map((s) => s.place.attractionId)).toEqual(['a']);
    expect(dropped.map((s) => s.place.attractionId)).toEqual(['b']);
  });
});

describe('cleanTip', () => {
  it('trims quotes and whitespace, bounds the length and refuses an empty tip', () => {
    expect(cleanTip('  "Go at dawn.\n Bring water."  ')).toBe('Go at dawn. Bring water.');
    expect(cleanTip('「해 질 녘에 가세요」')).toBe('해 질 녘에 가세요');
    expect([...cleanTip('가'.repeat(500))]).toHaveLength(300);
    expect(() => cleanTip(' "" ')).toThrow(expect.objectContaining({ code: 'ai_bad_answer' }));
    expect(() => cleanTip(null)).toThrow(expect.objectContaining({ status: 502 }));
  });
});
