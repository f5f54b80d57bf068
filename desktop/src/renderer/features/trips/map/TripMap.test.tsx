// @vitest-environment jsdom
// The Map view's list and its link to the map, with the Leaflet view replaced by a recorder
// (the real map is exercised in the browser: e2e/trip-map.spec.ts).
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialOrderKeys, type Stop, type Trip } from '@hamgaja/shared';
import { useLanguage } from '../../../app/test-utils';
import type { MapDay } from './trip-map';
import type { TripMapOptions } from './trip-map-view';
import { TripMap } from './TripMap';

const views = vi.hoisted(() => ({
  created: [] as {
    options: TripMapOptions;
    setDays: ReturnType<typeof vi.fn>;
    select: ReturnType<typeof vi.fn>;
    destroy: ReturnType<typeof vi.fn>;
  }[],
}));
vi.mock('./trip-map-view', () => ({
  TripMapView: class {
    setDays = vi.fn();
    select = vi.fn();
    setLabels = vi.fn();
    resize = vi.fn();
    destroy = vi.fn();
    constructor(_element: HTMLElement, options: TripMapOptions) {
      views.created.push({ options, setDays: this.setDays, select: this.select, destroy: this.destroy });
    }
  },
}));

beforeAll(() => useLanguage('en'));
beforeEach(() => {
  views.created.length = 0;
  Element.prototype.scrollIntoView = vi.fn();
});

const trip: Trip = {
  id: 'trip-1',
  title: 'Seoul',
  description: '',
  destination: { regionCode: '1' },
  startDate: '2027-05-01',
  endDate: '2027-05-02',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: null,
  coverImage: null,
  notes: '',
  ownerId: 'u1',
};
const keys = initialOrderKeys(5);
const stop = (id: string, day: number, key: number, at?: [number, number]): Stop => ({
  id,
  tripId: trip.id,
  day,
  orderKey: keys[key]!,
  startTime: null,
  durationMinutes: null,
  place: at ? { name: id, lat: at[0], lng: at[1] } : { name: id },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: null,
});
const stops = [
  stop('Palace', 0, 0, [37.58, 126.977]),
  stop('Tower', 0, 1, [37.551, 126.988]),
  stop('Market', 1, 0, [37.57, 126.99]),
  stop('Cafe', 1, 1),
  stop('River', 1, 2, [37.52, 126.93]),
];

async function renderMap(canEdit = true, onAddPlace = vi.fn()) {
  const result = render(<TripMap trip={trip} stops={stops} canEdit={canEdit} onAddPlace={onAddPlace} />);
  await vi.waitFor(() => expect(views.created).toHaveLength(1));
  const view = views.created[0]!;
  await vi.waitFor(() => expect(view.setDays).toHaveBeenCalled());
  return { ...result, view, onAddPlace };
}

const shownDays = (call: unknown[]) => (call[0] as MapDay[]).map((d) => d.day);
const list = () => screen.getByRole('region', { name: 'Stops on the map' });

describe('TripMap', () => {
  it('lists the stops with coordinates by day with their numbers, and fits the map to all days first', async () => {
    const { view } = await renderMap();
    const day1 = within(list()).getByRole('region', { name: /^Day 1/ });
    const day2 = within(list()).getByRole('region', { name: /^Day 2/ });
    expect(
      within(day1)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1Palace', '2Tower']);
    // "Cafe" (day 2, stop 2) has no coordinates: River keeps its number 3.
    expect(
      within(day2)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1Market', '3River']);
    expect(view.setDays).toHaveBeenLastCalledWith(expect.any(Array), true);
    expect(shownDays(view.setDays.mock.lastCall!)).toEqual([0, 1]);
    expect(screen.getByText('4 of 5 stops on the map')).toBeTruthy();
  });

  it('selecting in the list selects on the map, and a marker selects (and scrolls to) the list item', async () => {
    const user = userEvent.setup();
    const { view } = await renderMap();
    const tower = within(list()).getByRole('button', { name: /Tower/ });
    await user.click(tower);
    expect(view.select).toHaveBeenLastCalledWith('Tower');
    expect(tower.getAttribute('aria-current')).toBe('true');

    act(() => view.options.onSelect('River'));
    const river = within(list()).getByRole('button', { name: /River/ });
    expect(river.getAttribute('aria-current')).toBe('true');
    expect(tower.getAttribute('aria-current')).toBeNull();
    expect(view.select).toHaveBeenLastCalledWith('River');
    expect(river.scrollIntoView).toHaveBeenCalled();
  });

  it('the day filter limits the list and the map, fits again, and drops a selection it hides', async () => {
    const user = userEvent.setup();
    const { view } = await renderMap();
    await user.click(within(list()).getByRole('button', { name: /Palace/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), '1');
    expect(shownDays(view.setDays.mock.lastCall!)).toEqual([1]);
    expect(view.setDays.mock.lastCall![1]).toBe(true);
    expect(within(list()).queryByRole('region', { name: /^Day 1/ })).toBeNull();
    expect(view.select).toHaveBeenLastCalledWith(null);
  });

  it('lists stops without coordinates under "Not on the map" with "Add a place" for editors', async () => {
    const user = userEvent.setup();
    const { onAddPlace } = await renderMap();
    const notOnMap = screen.getByRole('region', { name: 'Not on the map' });
    expect(within(notOnMap).getByText('Cafe')).toBeTruthy();
    expect(within(notOnMap).getByText('Day 2, stop 2')).toBeTruthy();
    await user.click(within(notOnMap).getByRole('button', { name: 'Add a place: Cafe' }));
    expect(onAddPlace).toHaveBeenCalledWith(stops[3]);
  });

  it('offers no "Add a place" to viewers', async () => {
    await renderMap(false);
    const notOnMap = screen.getByRole('region', { name: 'Not on the map' });
    expect(within(notOnMap).queryByRole('button')).toBeNull();
  });

  it('removes the map when it goes', async () => {
    const { view, unmount } = await renderMap();
    unmount();
    expect(view.destroy).toHaveBeenCalled();
  });
});
