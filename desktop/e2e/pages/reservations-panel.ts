import { expect, type Locator, type Page } from '@playwright/test';
import { messages, startsWith, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

type ReservationType = keyof Messages['reservations']['types'];

export interface ReservationInput {
  type: ReservationType;
  title: string;
  provider?: string;
  code?: string;
  start: { date: string; time?: string };
  end?: { date: string; time?: string };
  from?: string;
  to?: string;
  seats?: string;
  cost?: string;
}

/** The reservations tab of a trip, its dialog, and the reservations shown in the schedule. */
export class ReservationsPanel {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['reservations'] {
    return this.t.reservations;
  }

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.m.title, exact: true });
  }

  async open(): Promise<void> {
    await this.tab.click();
    // The panel is its own chunk: loaded on first use.
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: this.m.title, exact: true });
  }

  get addButton(): Locator {
    return this.page.getByRole('button', { name: this.m.add, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** A reservation's card in the tab, by its title. */
  card(title: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  editButton(title: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.editNamed, { title }), exact: true });
  }

  deleteButton(title: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.deleteNamed, { title }), exact: true });
  }

  private labels(type: ReservationType) {
    return this.m.labels[type];
  }

  /** Fills the open dialog's fields for `input` (type first: the labels follow it). */
  async fillDialog(input: ReservationInput): Promise<void> {
    const d = this.dialog;
    await d.getByRole('radio', { name: this.m.types[input.type], exact: true }).check();
    const l = this.labels(input.type);
    await d.getByRole('textbox', { name: startsWith(l.title) }).fill(input.title);
    if (input.provider) await d.getByRole('textbox', { name: startsWith(l.provider) }).fill(input.provider);
    if (input.code)
      await d.getByRole('textbox', { name: startsWith(this.m.confirmationCode) }).fill(input.code);
    const start = d.getByRole('group', { name: l.start, exact: true });
    await start.getByLabel(this.m.date, { exact: true }).fill(input.start.date);
    if (input.start.time) await start.getByLabel(this.m.time, { exact: true }).fill(input.start.time);
    if (input.end) {
      const end = d.getByRole('group', { name: startsWith(l.end) });
      await end.getByLabel(this.m.date, { exact: true }).fill(input.end.date);
      if (input.end.time) await end.getByLabel(this.m.time, { exact: true }).fill(input.end.time);
    }
    if (input.from) await d.getByRole('textbox', { name: startsWith(l.from) }).fill(input.from);
    if (input.to) await d.getByRole('textbox', { name: startsWith(l.to) }).fill(input.to);
    if (input.seats) await d.getByRole('textbox', { name: startsWith(l.seats) }).fill(input.seats);
    if (input.cost) await d.getByRole('textbox', { name: startsWith(this.m.cost) }).fill(input.cost);
  }

  async add(input: ReservationInput): Promise<void> {
    await this.addButton.click();
    await expect(this.dialog).toBeVisible();
    await this.fillDialog(input);
    await this.dialog.getByRole('button', { name: this.m.create, exact: true }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.card(input.title)).toBeVisible();
  }

  /** The reservations listed in a day of the schedule. */
  dayList(day: number): Locator {
    return this.page.getByRole('list', { name: fill(this.m.dayLabel, { day }), exact: true });
  }

  /** "Night 1/2 · Hotel" in a day of the schedule. */
  night(day: number, night: number, nights: number, title: string): Locator {
    return this.dayList(day).getByText(fill(this.m.night, { night, nights, title }), { exact: true });
  }
}
