// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Stop } from '@hamgaja/shared';
import { useLanguage } from '../../../app/test-utils';
import { DayRoute } from './DayRoute';
import { buildDisplayDay } from './route-legs';
import { TravelLeg } from './TravelLeg';

beforeAll(() => useLanguage('en'));

const stop = (id: string, lng: number | null, startTime: string | null, orderKey: string): Stop => ({
  id,
  tripId: 'trip',
  day: 0,
  orderKey,
  startTime,
  durationMinutes: startTime ? 60 : null,
  place: lng === null ? { name: id } : { name: id, lat: 37.57, lng },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: null,
});

// 10:00 before 09:00 (out of order), then two untimed places a few hundred metres apart.
const stops = [
  stop('Palace', 126.97, '10:00', 'a0'),
  stop('Market', 126.971, '09:00', 'a1'),
  stop('Cafe', 126.975, null, 'a2'),
  stop('Gallery', 126.972, null, 'a3'),
];
const route = buildDisplayDay(stops);

describe('TravelLeg', () => {
  it('lets an editor pick the mode, "auto" being the default for the distance', () => {
    const onModeChange = vi.fn();
    render(
      <TravelLeg
        leg={route.legs[2]!}
        fromName="Cafe"
        toName="Gallery"
        language="en"
        onModeChange={onModeChange}
      />,
    );
    const leg = screen.getByRole('group', { name: 'Travel from Cafe to Gallery' });
    const select = within(leg).getByRole('combobox', { name: 'How to get to Gallery' });
    expect(select).toHaveProperty('value', 'auto');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Auto (Walk)', 'Walk', 'Transit', 'Car']);
    expect(leg.textContent).toMatch(/\d+ m · \d+ min/);
    fireEvent.change(select, { target: { value: 'car' } });
    expect(onModeChange).toHaveBeenLastCalledWith('car');
    fireEvent.change(select, { target: { value: 'auto' } });
    expect(onModeChange).toHaveBeenLastCalledWith(null);
  });

  it('shows a viewer the mode as text, with no control', () => {
    render(<TravelLeg leg={route.legs[2]!} fromName="Cafe" toName="Gallery" language="en" />);
    const leg = screen.getByRole('group', { name: 'Travel from Cafe to Gallery' });
    expect(within(leg).queryByRole('combobox')).toBeNull();
    expect(leg.textContent).toMatch(/^Walk\d+ m · \d+ min$/);
  });

  it('says in words why a leg cannot fit', () => {
    render(<TravelLeg leg={route.legs[0]!} fromName="Palace" toName="Market" language="en" />);
    expect(
      screen.getByText(/^\d+ min on foot, but the previous stop ends 2 h after this one starts$/),
    ).toBeTruthy();
  });
});

describe('DayRoute', () => {
  it('gives an editor "Sort by time" and "Optimise route" with its pins, and a live region', () => {
    const refine = vi.fn();
    render(<DayRoute day={0} stops={stops} route={route} canEdit language="en" refine={refine} />);
    expect(screen.getByText('1 stop out of time order')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sort by time' })).toBeTruthy();
    const optimise = screen.getByRole('button', { name: 'Optimise route' });
    expect(optimise.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(optimise);
    expect(optimise.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('group', { name: 'Optimise the order of day 1' });
    expect(within(panel).getByRole('checkbox', { name: 'Keep the first stop first' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(panel).getByRole('checkbox', { name: 'Keep the last stop last' })).toHaveProperty(
      'checked',
      false,
    );
    expect(screen.getByRole('status')).toBeTruthy();
    // On screen (no IntersectionObserver in jsdom): the walk legs are asked for.
    expect(refine).toHaveBeenCalledWith(route.requests);
  });

  it('shows a viewer the travel and the flags, but no action', () => {
    render(<DayRoute day={0} stops={stops} route={route} canEdit={false} language="en" refine={() => {}} />);
    expect(screen.getByText(/^Travel \d+ min · [\d.]+ k?m$/)).toBeTruthy();
    expect(screen.getByText('1 stop out of time order')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
