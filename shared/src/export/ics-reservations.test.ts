import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { sampleReservation } from '../sync/test-fixtures.js';
import { tripToIcs } from './ics.js';
import { sampleBundle } from './test-trip.js';

const now = new Date('2025-03-01T00:00:00Z');

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

describe('tripToIcs with reservations', () => {
  it('writes one event per reservation, UID reservation-<id>@hamgaja, each end at its own zone’s instant', () => {
    const bundle = sampleBundle();
    const flight = sampleReservation({
      id: 'night-flight',
      tripId: bundle.trip.id,
      title: 'Korean Air 703',
      provider: 'Korean Air',
      confirmationCode: 'Q8RT2L',
      start: { date: '2025-04-01', time: '23:30', timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: '01:10', timeZone: 'Asia/Tokyo' },
      from: { name: 'ICN' },
      to: { name: 'NRT' },
    });
    const stay = sampleReservation({
      id: 'stay',
      tripId: bundle.trip.id,
      type: 'stay',
      title: 'The Shilla Jeju',
      confirmationCode: '',
      start: { date: '2025-04-02', time: null, timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-04', time: null, timeZone: 'Asia/Seoul' },
      from: { name: 'The Shilla Jeju', address: 'Jungmun, Seogwipo' },
      to: null,
      cost: null,
    });
    const all = events(tripToIcs({ ...bundle, reservations: [flight, stay] }, { language: 'en', now }));
    expect(all).toHaveLength(1 + bundle.stops.length + 2);

    const f = all.find((e) => e.uid === 'reservation-night-flight@hamgaja')!;
    expect(f.summary).toBe('Korean Air 703 (ICN → NRT)');
    expect(f.startDate.toJSDate().toISOString()).toBe('2025-04-01T14:30:00.000Z');
    expect(f.endDate.toJSDate().toISOString()).toBe('2025-04-01T16:10:00.000Z');
    expect(f.description).toContain('Confirmation: Q8RT2L');
    expect(f.description).toContain('Flight · Korean Air');

    const s = all.find((e) => e.uid === 'reservation-stay@hamgaja')!;
    expect(s.summary).toBe('The Shilla Jeju');
    expect(s.startDate.isDate).toBe(true);
    expect(s.startDate.toString()).toBe('2025-04-02');
    expect(s.endDate.toString()).toBe('2025-04-05');
    expect(s.location).toBe('Jungmun, Seogwipo');
  });

  it('writes none without reservations', () => {
    const bundle = sampleBundle();
    expect(
      events(tripToIcs(bundle, { language: 'ko', now })).some((e) => e.uid.startsWith('reservation-')),
    ).toBe(false);
  });
});
