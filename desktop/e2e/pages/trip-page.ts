import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

export interface StopFields {
  name?: string;
  /** A category key: sightseeing, food, lodging, shopping, activity, transport, other. */
  category?: keyof Messages['trips']['categories'];
  /** 1-based day. */
  day?: number;
  startTime?: string;
  duration?: string;
  cost?: string;
  address?: string;
  note?: string;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** /trips/:id: hero, statistics, tabs and the day-by-day schedule with its stop dialog. */
export class TripPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get s(): Messages['trips']['schedule'] {
    return this.t.trips.schedule;
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: title, exact: true });
  }

  async goto(tripId: string, title?: string): Promise<void> {
    await this.page.goto(`/trips/${tripId}`);
    if (title) await expect(this.heading(title)).toBeVisible();
  }

  get editLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: this.t.trips.detail.edit, exact: true });
  }

  /** The value of a statistic: stops, days, places or cost. */
  stat(name: 'stops' | 'days' | 'places' | 'cost'): Locator {
    return this.page.locator(`[data-stat="${name}"]`);
  }

  get budgetMeter(): Locator {
    return this.page.getByRole('meter');
  }

  /** The section of day `day` (1-based). */
  day(day: number): Locator {
    // "Day 1 Sat, Apr 10" / "1일차 4월 10일 (토)": the day's words, not followed by another digit.
    return this.page.getByRole('region', { name: new RegExp(`^${fill(this.s.day, { day })}(?!\\d)`) });
  }

  /** Names of the stops of a day, in the order shown. */
  async stopNames(day: number): Promise<string[]> {
    return this.day(day)
      .locator('article.stop-card')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label') ?? ''));
  }

  async expectStops(day: number, names: string[]): Promise<void> {
    await expect(this.day(day).locator('article.stop-card')).toHaveCount(names.length);
    await expect.poll(() => this.stopNames(day)).toEqual(names);
  }

  stop(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  get addStopButton(): Locator {
    return this.page.getByRole('button', { name: this.s.addStop, exact: true }).first();
  }

  addToDayButton(day: number): Locator {
    return this.page.getByRole('button', { name: fill(this.s.addToDay, { day }), exact: true });
  }

  dragHandle(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.s.dragHandle, { name }), exact: true });
  }

  editButton(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.s.editStop, { name }), exact: true });
  }

  deleteButton(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.s.deleteStop, { name }), exact: true });
  }

  get undoButton(): Locator {
    return this.page.getByRole('button', { name: this.s.undo, exact: true });
  }

  viewButton(view: 'columns' | 'timeline'): Locator {
    return this.page.getByRole('button', {
      name: view === 'columns' ? this.s.viewColumns : this.s.viewTimeline,
    });
  }

  // --- The stop dialog -------------------------------------------------------------------

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  private field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async fillStop(fields: StopFields): Promise<void> {
    const m = this.t.trips.stop;
    if (fields.name !== undefined) await this.field(m.name).fill(fields.name);
    if (fields.category !== undefined)
      await this.dialog.getByRole('radio', { name: this.t.trips.categories[fields.category] }).check();
    if (fields.day !== undefined) {
      const select = this.field(m.day);
      const value = String(fields.day - 1);
      await select.selectOption(value);
    }
    if (fields.startTime !== undefined) await this.field(m.startTime).fill(fields.startTime);
    if (fields.duration !== undefined) await this.field(m.duration).fill(fields.duration);
    if (fields.cost !== undefined) await this.field(m.cost).fill(fields.cost);
    if (fields.address !== undefined) await this.field(m.address).fill(fields.address);
    if (fields.note !== undefined) await this.field(m.note).fill(fields.note);
  }

  /** Adds a stop to day `fields.day` (default 1) through the dialog. */
  async addStop(fields: StopFields & { name: string }): Promise<void> {
    await this.addToDayButton(fields.day ?? 1).click();
    await expect(this.dialog).toBeVisible();
    await this.fillStop({ ...fields, day: undefined });
    await this.dialog.getByRole('button', { name: this.t.trips.stop.add, exact: true }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.stop(fields.name)).toBeVisible();
  }

  async editStop(name: string, fields: StopFields): Promise<void> {
    await this.editButton(name).click();
    await expect(this.dialog).toBeVisible();
    await this.fillStop(fields);
    await this.dialog.getByRole('button', { name: this.t.trips.stop.save, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /**
   * Moves a stop with the keyboard (dnd-kit's keyboard sensor): space picks it up, the arrow
   * keys move it, space drops it. Each step waits for the live announcement of the new place.
   */
  async keyboardMove(
    name: string,
    keys: ('ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight')[],
  ): Promise<void> {
    const handle = this.dragHandle(name);
    await handle.focus();
    await this.page.keyboard.press('Space');
    await expect(this.stop(name).and(this.page.locator('.is-dragging'))).toBeVisible();
    for (const key of keys) {
      const before = await this.liveAnnouncement();
      await this.page.keyboard.press(key);
      await expect.poll(() => this.liveAnnouncement()).not.toBe(before);
    }
    await this.page.keyboard.press('Space');
    await expect(this.page.locator('.is-dragging')).toHaveCount(0);
  }

  /** dnd-kit's screen-reader announcement region. */
  private async liveAnnouncement(): Promise<string> {
    return (await this.page.locator('[id^="DndLiveRegion"]').first().textContent()) ?? '';
  }
}
