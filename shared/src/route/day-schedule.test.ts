import { describe, expect, it } from 'vitest';
import { analyseDay, clockMinutes, type RouteStop } from './day-schedule.js';
import { estimateTravel } from './travel.js';

const gyeongbokgung = { lat: 37.5796, lng: 126.977 };
const bukchon = { lat: 37.5826, lng: 126.9831 };
const nSeoulTower = { lat: 37.5512, lng: 126.9882 };
const lotteWorld = { lat: 37.5111, lng: 127.0982 };

describe('clock times', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('23:59')).toBe(1439);
    for (const bad of ['9:30', '24:00', '12:60', '12:00:00', ''])
      expect(() => clockMinutes(bad), bad).toThrow(RangeError);
  });
});

describe('analyseDay', () => {
  it('estimates every leg with the default mode, or the one the next stop names', () => {
    const day = analyseDay([
      { id: 'a', ...gyeongbokgung },
      { id: 'b', ...bukchon },
      { id: 'c', ...nSeoulTower, mode: 'car' },
    ]);
    expect(day.legs.map((l) => [l.fromId, l.toId, l.travel?.mode, l.modeChosen])).toEqual([
      ['a', 'b', 'walk', false],
      ['b', 'c', 'car', true],
    ]);
    expect(day.legs[1]!.travel).toEqual(estimateTravel(bukchon, nSeoulTower, 'car'));
    expect(day.totalTravelMinutes).toBe(day.legs[0]!.travel!.minutes + day.legs[1]!.travel!.minutes);
    expect(day.totalMetres).toBeCloseTo(day.legs[0]!.travel!.metres + day.legs[1]!.travel!.metres);
    expect(day.unknownLegs).toBe(0);
    expect(day.cannotFitLegs).toBe(0);
  });

  it('flags a leg whose travel does not fit, with the numbers for the message', () => {
    // Lotte World → N Seoul Tower by car takes far longer than the 10 min between 11:50 and 12:00.
    const day = analyseDay([
      { id: 'lotte', ...lotteWorld, startTime: '10:00', durationMinutes: 110 },
      { id: 'tower', ...nSeoulTower, startTime: '12:00', durationMinutes: 60, mode: 'car' },
    ]);
    const leg = day.legs[0]!;
    expect(leg.cannotFit).toBe(true);
    expect(leg.travel!.mode).toBe('car');
    expect(leg.fit).toEqual({
      availableMinutes: 10,
      travelMinutes: leg.travel!.minutes,
      shortByMinutes: leg.travel!.minutes - 10,
    });
    expect(leg.travel!.minutes).toBeGreaterThan(10);
    expect(day.cannotFitLegs).toBe(1);
  });

  it('does not flag a leg that fits exactly', () => {
    const travel = estimateTravel(gyeongbokgung, nSeoulTower).minutes;
    const start = 9 * 60 + 60 + travel;
    const time = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
    const day = analyseDay([
      { id: 'a', ...gyeongbokgung, startTime: '09:00', durationMinutes: 60 },
      { id: 'b', ...nSeoulTower, startTime: time },
    ]);
    expect(day.legs[0]!.fit).toEqual({ availableMinutes: travel, travelMinutes: travel, shortByMinutes: 0 });
    expect(day.legs[0]!.cannotFit).toBe(false);
  });

  it('carries the time through untimed stops to the next timed one', () => {
    const stops: RouteStop[] = [
      { id: 'a', ...gyeongbokgung, startTime: '09:00', durationMinutes: 90 },
      { id: 'b', ...bukchon, durationMinutes: 60 },
      { id: 'c', ...nSeoulTower, startTime: '11:40' },
    ];
    const day = analyseDay(stops);
    const walk = day.legs[0]!.travel!.minutes;
    expect(day.startMinutes).toEqual([540, 540 + 90 + walk, 700]);
    expect(day.legs[0]!.fit).toBeNull();
    // b ends at 09:00 + 90 + walk + 60; whatever is left before 11:40 is the room for the last leg.
    expect(day.legs[1]!.fit!.availableMinutes).toBe(700 - (540 + 90 + walk + 60));
    expect(day.legs[1]!.cannotFit).toBe(true);
  });

  it('marks legs touching a stop without coordinates as unknown, and still catches an overlap', () => {
    const day = analyseDay([
      { id: 'a', ...gyeongbokgung, startTime: '09:00', durationMinutes: 120 },
      { id: 'free', lat: null, lng: null, startTime: '10:30' },
      { id: 'c', ...nSeoulTower },
    ]);
    expect(day.legs.map((l) => l.travel)).toEqual([null, null]);
    expect(day.unknownLegs).toBe(2);
    expect(day.totalTravelMinutes).toBe(0);
    expect(day.legs[0]!.fit).toEqual({ availableMinutes: -30, travelMinutes: null, shortByMinutes: 30 });
    expect(day.legs[0]!.cannotFit).toBe(true);
    expect(day.startMinutes).toEqual([540, 630, null]);
  });

  it('leaves the fit open when the previous stop has no known start', () => {
    const day = analyseDay([
      { id: 'a', ...gyeongbokgung },
      { id: 'b', ...nSeoulTower, startTime: '08:00' },
    ]);
    expect(day.legs[0]!.fit).toBeNull();
    expect(day.legs[0]!.cannotFit).toBe(false);
  });

  it('handles empty and single-stop days', () => {
    expect(analyseDay([])).toEqual({
      legs: [],
      startMinutes: [],
      totalTravelMinutes: 0,
      totalMetres: 0,
      unknownLegs: 0,
      cannotFitLegs: 0,
    });
    expect(analyseDay([{ id: 'a', ...gyeongbokgung, startTime: '10:00' }]).startMinutes).toEqual([600]);
  });
});
