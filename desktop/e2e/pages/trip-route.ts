import type { Locator, Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';
import { TripPage } from './trip-page.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The route in the trip's schedule: legs between stops, day totals, flags and route actions. */
export class TripRoute {
  readonly trip: TripPage;

  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {
    this.trip = new TripPage(page, language);
  }

  get t(): Messages['trips']['route'] {
    return messages[this.language].trips.route;
  }

  /** The leg from stop `from` to stop `to`. */
  leg(from: string, to: string): Locator {
    return this.page.getByRole('group', { name: fill(this.t.legLabel, { from, to }), exact: true });
  }

  /** "850 m · 12 min" of a leg. */
  figures(from: string, to: string): Locator {
    return this.leg(from, to).locator('.travel-leg-figures');
  }

  /** The mode select of a leg (editors only). */
  modeSelect(from: string, to: string): Locator {
    return this.leg(from, to).getByRole('combobox', {
      name: fill(this.t.modeLabel, { name: to }),
      exact: true,
    });
  }

  /** "18 min by car, but only 10 min between stops" of a leg. */
  warning(from: string, to: string): Locator {
    return this.leg(from, to).locator('.travel-leg-warning');
  }

  /** The day's travel total line (1-based day). */
  dayTravel(day: number): Locator {
    return this.trip.day(day).locator('.day-route-summary');
  }

  /** "Out of time order" on a stop's card. */
  outOfOrderFlag(name: string): Locator {
    return this.trip.stop(name).getByText(this.t.outOfOrder, { exact: true });
  }

  sortButton(day: number): Locator {
    return this.trip.day(day).getByRole('button', { name: this.t.sortByTime, exact: true });
  }

  optimiseButton(day: number): Locator {
    return this.trip.day(day).getByRole('button', { name: this.t.optimise, exact: true });
  }

  optimisePanel(day: number): Locator {
    return this.trip.day(day).getByRole('group', { name: fill(this.t.optimiseTitle, { day }), exact: true });
  }

  pinFirst(day: number): Locator {
    return this.optimisePanel(day).getByRole('checkbox', { name: this.t.pinFirst, exact: true });
  }

  pinLast(day: number): Locator {
    return this.optimisePanel(day).getByRole('checkbox', { name: this.t.pinLast, exact: true });
  }

  /** Opens "Optimise route" of a day, sets the pins and runs it. */
  async optimise(day: number, pins: { first: boolean; last: boolean }): Promise<void> {
    await this.optimiseButton(day).click();
    await this.pinFirst(day).setChecked(pins.first);
    await this.pinLast(day).setChecked(pins.last);
    await this.optimisePanel(day).getByRole('button', { name: this.t.optimiseRun, exact: true }).click();
  }

  /** The live region saying what the last route action did. */
  status(day: number): Locator {
    return this.trip.day(day).getByRole('status');
  }

  undoButton(day: number): Locator {
    return this.trip.day(day).getByRole('button', { name: fill(this.t.undoLabel, { day }), exact: true });
  }
}
