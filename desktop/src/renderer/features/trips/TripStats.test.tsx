// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stop, Trip } from '@hamgaja/shared';
import { useLanguage } from '../../app/test-utils';
import { tripStats } from './trip-stats';
import { TripStats } from './TripStats';

beforeAll(() => useLanguage('en'));

const trip: Trip = {
  id: 'trip-1',
  title: 'Jeju',
  description: '',
  destination: { regionCode: '39' },
  startDate: '2027-04-10',
  endDate: '2027-04-12',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 100_000,
  coverImage: null,
  notes: '',
  ownerId: 'u1',
};
const stop = (id: string, day: number, amount: number | null): Stop => ({
  id,
  tripId: trip.id,
  day,
  orderKey: 'a0',
  startTime: null,
  durationMinutes: null,
  place: { name: id },
  category: 'food',
  cost: amount === null ? null : { amount, currency: 'KRW' },
  note: '',
  travelMode: null,
});

function renderStats(t: Trip, stops: Stop[], canEdit = true) {
  return render(
    <MemoryRouter>
      <TripStats trip={t} stats={tripStats(t, stops)} language="en" canEdit={canEdit} />
    </MemoryRouter>,
  );
}

describe('TripStats', () => {
  it('shows stops, days, places, the total and how much budget is left', () => {
    const { container } = renderStats(trip, [stop('a', 0, 30_000), stop('b', 1, 15_000), stop('c', 2, null)]);
    const value = (name: string) => container.querySelector(`[data-stat="${name}"]`)?.textContent;
    expect(value('stops')).toBe('3');
    expect(value('days')).toBe('3');
    expect(value('places')).toBe('3');
    expect(value('cost')).toBe('₩45,000');
    expect(screen.getByText('₩55,000 left after planned costs')).toBeTruthy();
    const meter = screen.getByRole('meter', { name: '45% of the budget' });
    expect(meter.getAttribute('aria-valuenow')).toBe('45');
  });

  it('says by how much a plan is over budget (the meter stops at 100)', () => {
    renderStats(trip, [stop('a', 0, 130_000)]);
    expect(screen.getByText('Planned costs ₩30,000 over')).toBeTruthy();
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('100');
  });

  it('offers to set a budget to editors only', () => {
    const { unmount } = renderStats({ ...trip, plannedBudget: null }, []);
    expect(screen.getByRole('link', { name: 'Set a budget' }).getAttribute('href')).toBe(
      '/trips/trip-1/edit',
    );
    unmount();
    renderStats({ ...trip, plannedBudget: null }, [], false);
    expect(screen.queryByRole('link', { name: 'Set a budget' })).toBeNull();
    expect(screen.getByText(/Set a budget to compare it with the planned costs/)).toBeTruthy();
  });
});
