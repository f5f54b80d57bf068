import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';
import type { StopFields, TripPage } from './trip-page.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The trip page's Map view: the Leaflet map (markers, routes, popup), its day filter and the list beside it. */
export class TripMapView {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['trips']['map'] {
    return messages[this.language].trips.map;
  }

  /** "Map" in the schedule's view switch. */
  get viewButton(): Locator {
    return this.page.getByRole('button', {
      name: messages[this.language].trips.schedule.viewMap,
      exact: true,
    });
  }

  /** Chooses the Map view and waits for Leaflet to draw. */
  async open(): Promise<void> {
    await this.viewButton.click();
    await expect(this.viewButton).toHaveAttribute('aria-pressed', 'true');
    await this.expectReady();
  }

  async expectReady(): Promise<void> {
    await expect(this.page.locator('.trip-map-frame')).toHaveAttribute('data-ready', 'true');
  }

  /** The map itself (Leaflet's container). */
  get map(): Locator {
    return this.page.getByRole('region', { name: this.t.title, exact: true });
  }

  /** Markers in Leaflet's marker pane; of one day (1-based) when given. */
  markers(day?: number): Locator {
    const ofDay = day === undefined ? '' : `[data-day="${day - 1}"]`;
    return this.map.locator(`.leaflet-marker-pane .trip-map-marker${ofDay}`);
  }

  /** The numbers on the markers of a day, smallest first (the pane's order is the order they were added). */
  async markerNumbers(day: number): Promise<string[]> {
    const numbers = await this.markers(day).evaluateAll((els) =>
      els.map((el) => el.textContent?.trim() ?? ''),
    );
    return numbers.sort((a, b) => Number(a) - Number(b));
  }

  /** One marker, by its accessible name ("Day 1 · 2. Bukchon"). */
  marker(day: number, number: number, name: string): Locator {
    return this.map.getByRole('button', {
      name: fill(this.t.markerTitle, { day, number, name }),
      exact: true,
    });
  }

  /** The route lines (SVG paths in the overlay pane); of one day (1-based) when given. */
  routes(day?: number): Locator {
    const ofDay = day === undefined ? '' : `[data-day="${day - 1}"]`;
    return this.map.locator(`.leaflet-overlay-pane path.trip-map-route${ofDay}`);
  }

  /** The open popup (not one fading out: Leaflet keeps a closed popup 200 ms at opacity 0). */
  get popup(): Locator {
    return this.map.locator('.leaflet-popup:not([style*="opacity: 0"])');
  }

  /** Leaflet's bundled outline of Korea (the offline basemap). */
  get outline(): Locator {
    return this.map.locator('path.map-land-kr');
  }

  get filter(): Locator {
    return this.page.getByRole('combobox', { name: this.t.filter, exact: true });
  }

  /** Shows one day (1-based) or all days. */
  async showDay(day: number | 'all'): Promise<void> {
    await this.filter.selectOption(day === 'all' ? 'all' : String(day - 1));
  }

  /** The list beside the map. */
  get list(): Locator {
    return this.page.getByRole('region', { name: this.t.listTitle, exact: true });
  }

  listDay(day: number): Locator {
    const name = fill(messages[this.language].trips.schedule.day, { day });
    return this.list.getByRole('region', { name: new RegExp(`^${escape(name)}(?!\\d)`) });
  }

  /** A stop of the list (its button: number, name, time). */
  listItem(name: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^\\d+\\s*${escape(name)}`) });
  }

  /** "<number><name>" of each stop listed under a day. */
  async listedStops(day: number): Promise<string[]> {
    return this.listDay(day)
      .locator('.trip-map-stop')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            `${el.querySelector('.trip-map-number')?.textContent ?? ''} ${el.querySelector('.trip-map-stop-name')?.textContent ?? ''}`,
        ),
      );
  }

  get notOnMap(): Locator {
    return this.page.getByRole('region', { name: this.t.notOnMap, exact: true });
  }

  addPlaceButton(name: string): Locator {
    return this.notOnMap.getByRole('button', { name: fill(this.t.addPlaceFor, { name }), exact: true });
  }
}

/** Adds a stop through the stop dialog, with its coordinates when given. */
export async function addStopAt(
  trip: TripPage,
  fields: StopFields & { name: string; at?: [number, number] },
): Promise<void> {
  const m = trip.t.trips.stop;
  // The day's own "Add stop" on the board; in the Map view (board hidden) the toolbar's, then the day.
  const ofDay = trip.addToDayButton(fields.day ?? 1);
  const onBoard = await ofDay.isVisible();
  await (onBoard ? ofDay : trip.addStopButton).click();
  await expect(trip.dialog).toBeVisible();
  await trip.fillStop({ ...fields, day: onBoard ? undefined : (fields.day ?? 1) });
  if (fields.at) await fillCoordinates(trip, fields.at);
  await trip.dialog.getByRole('button', { name: m.add, exact: true }).click();
  await expect(trip.dialog).toBeHidden();
}

/** Opens the dialog's "Coordinates" and types latitude and longitude. */
export async function fillCoordinates(trip: TripPage, [lat, lng]: [number, number]): Promise<void> {
  const m = trip.t.trips.stop;
  const latitude = trip.dialog.getByLabel(m.lat, { exact: true });
  if (!(await latitude.isVisible())) await trip.dialog.getByText(m.coordinates, { exact: true }).click();
  await latitude.fill(String(lat));
  await trip.dialog.getByLabel(m.lng, { exact: true }).fill(String(lng));
}
