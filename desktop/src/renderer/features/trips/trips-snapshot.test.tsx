// @vitest-environment jsdom
// The trips list's kept first screen: what is written reads back, bad data is ignored, each
// user has their own, and the page paints it while the local database is still opening.
import { screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trip } from '@hamgaja/shared';
import { createServices } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import type { DatabaseState } from '../../data/DatabaseProvider';
import { clearTripsSnapshot, readTripsSnapshot, writeTripsSnapshot } from './trips-snapshot';
import TripsPage from './TripsPage';

// The database never opens in these tests: the page has only the kept snapshot to show.
const database = vi.hoisted(() => ({ state: { status: 'opening', userId: 'user-1' } as DatabaseState }));
vi.mock('../../data/DatabaseProvider', () => ({ useDatabaseState: () => database.state }));

const trip = (i: number): Trip => ({
  id: `trip-${i}`,
  title: `Jeju week ${i}`,
  description: '',
  destination: { regionCode: '39', text: 'Jeju' },
  startDate: '2027-05-01',
  endDate: '2027-05-04',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 500_000,
  coverImage: null,
  notes: '',
  ownerId: 'user-1',
});

beforeAll(() => useLanguage('en'));
beforeEach(() => localStorage.clear());

describe('trips snapshot', () => {
  it('reads back what was written, per user', () => {
    writeTripsSnapshot('user-1', {
      sort: 'upcoming',
      total: 1000,
      trips: [trip(1), trip(2)],
      costs: new Map([
        ['trip-1', 120_000],
        ['trip-999', 5],
      ]),
    });
    const kept = readTripsSnapshot('user-1');
    expect(kept?.trips.map((t) => t.id)).toEqual(['trip-1', 'trip-2']);
    expect(kept?.total).toBe(1000);
    // Only the kept trips' costs are kept.
    expect([...(kept?.costs ?? [])]).toEqual([['trip-1', 120_000]]);
    expect(readTripsSnapshot('user-2')).toBeNull();
    clearTripsSnapshot('user-1');
    expect(readTripsSnapshot('user-1')).toBeNull();
  });

  it('ignores what does not read back as trips', () => {
    localStorage.setItem('hamgaja.trips.snapshot.user-1', '{not json');
    expect(readTripsSnapshot('user-1')).toBeNull();
    localStorage.setItem(
      'hamgaja.trips.snapshot.user-1',
      JSON.stringify({ format: 1, sort: 'upcoming', total: 1, trips: [{ id: 'x' }], costs: {} }),
    );
    expect(readTripsSnapshot('user-1')).toBeNull();
    // And nothing that would not read back is written.
    localStorage.clear();
    writeTripsSnapshot('user-1', {
      sort: 'upcoming',
      total: 1,
      trips: [{ ...trip(1), startDate: 'soon' }],
      costs: new Map(),
    });
    expect(localStorage.getItem('hamgaja.trips.snapshot.user-1')).toBeNull();
  });

  it('is painted while the local database opens, and marked busy', async () => {
    writeTripsSnapshot('user-1', {
      sort: 'upcoming',
      total: 1000,
      trips: [trip(1), trip(2)],
      costs: new Map([['trip-1', 120_000]]),
    });
    renderPage(<TripsPage />, { services: createServices(), path: '/trips' });
    expect(await screen.findByText('Jeju week 1')).toBeTruthy();
    expect(screen.getByText('Jeju week 2')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'My trips' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText(/^1,?000 trips$/)).toBeTruthy();
  });

  it('is not painted for another user', async () => {
    writeTripsSnapshot('user-2', { sort: 'upcoming', total: 1, trips: [trip(1)], costs: new Map() });
    renderPage(<TripsPage />, { services: createServices(), path: '/trips' });
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.queryByText('Jeju week 1')).toBeNull();
  });
});
