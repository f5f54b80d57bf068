import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { tripToIcs } from './ics.js';
import { sampleBundle } from './test-trip.js';

const now = new Date('2025-03-01T00:00:00Z');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  return { calendar, events, byUid: (uid: string) => events.find((e) => e.uid === uid)! };
}

describe('tripToIcs', () => {
  it('parses back with ical.js: one event for the trip and one per stop, stable UIDs, UTC instants', () => {
    const bundle = sampleBundle();
    const { calendar, events, byUid } = parse(tripToIcs(bundle, { language: 'ko', now }));
    expect(events).toHaveLength(1 + bundle.stops.length);
    expect(events.map((e) => e.uid).sort()).toEqual(
      ['trip-trip-jeju@hamgaja', ...bundle.stops.map((s) => `stop-${s.id}@hamgaja`)].sort(),
    );
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Seoul');

    const trip = byUid('trip-trip-jeju@hamgaja');
    expect(trip.summary).toBe('여행: 제주 봄 여행');
    expect(trip.startDate.isDate).toBe(true);
    expect(trip.startDate.toString()).toBe('2025-04-01');
    expect(trip.endDate.toString()).toBe('2025-04-05');

    // 09:00 in Seoul is 00:00 UTC, written as a UTC time (…Z).
    const sunrise = byUid('stop-sunrise@hamgaja');
    expect(sunrise.summary).toBe('성산일출봉');
    expect(sunrise.startDate.zone?.tzid).toBe('UTC');
    expect(sunrise.startDate.toJSDate().toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(sunrise.endDate.toJSDate().toISOString()).toBe('2025-04-01T02:00:00.000Z');

    const museum = byUid('stop-museum@hamgaja');
    expect(museum.startDate.isDate).toBe(true);
    expect(museum.startDate.toString()).toBe('2025-04-02');

    const lunch = byUid('stop-lunch@hamgaja');
    expect(lunch.description).toContain('흑돼지');
    expect(lunch.description).toContain('음식');
    // A timed stop without a duration lasts an hour.
    expect(lunch.endDate.toJSDate().getTime() - lunch.startDate.toJSDate().getTime()).toBe(3_600_000);
  });

  it('places timed stops in the trip’s own time zone, across a DST change', () => {
    const bundle = sampleBundle();
    bundle.trip = {
      ...bundle.trip,
      timeZone: 'Europe/Paris',
      startDate: '2025-03-29',
      endDate: '2025-04-01',
    };
    const { calendar, byUid } = parse(tripToIcs(bundle, { language: 'en', now }));
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Paris');
    // Day 0 (29 March) is CET (UTC+1): 09:00 → 08:00Z. Day 3 (1 April) is CEST (UTC+2): 18:00 → 16:00Z.
    expect(byUid('stop-sunrise@hamgaja').startDate.toJSDate().toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(byUid('stop-airport@hamgaja').startDate.toJSDate().toISOString()).toBe('2025-04-01T16:00:00.000Z');
    expect(byUid('trip-trip-jeju@hamgaja').summary).toBe('Trip: 제주 봄 여행');
    expect(byUid('stop-lunch@hamgaja').description).toContain('Cost: ₩5,000');
  });

  it('keeps a stop’s UID when it moves to another day and time', () => {
    const bundle = sampleBundle();
    const before = parse(tripToIcs(bundle, { language: 'en', now })).byUid('stop-sunrise@hamgaja');
    bundle.stops[0] = { ...bundle.stops[0]!, day: 2, startTime: '15:00' };
    const after = parse(tripToIcs(bundle, { language: 'en', now })).byUid('stop-sunrise@hamgaja');
    expect(after.startDate.toJSDate().toISOString()).toBe('2025-04-03T06:00:00.000Z');
    expect(after.startDate.toJSDate()).not.toEqual(before.startDate.toJSDate());
  });
});
