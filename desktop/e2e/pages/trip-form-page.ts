import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

export interface TripFields {
  title?: string;
  /** Region name as shown in the select (e.g. "Jeju"). */
  region?: string;
  destination?: string;
  startDate?: string;
  endDate?: string;
  currency?: string;
  /** In major units, as typed. */
  budget?: string;
}

/** /trips/new and /trips/:id/edit. */
export class TripFormPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['trips']['form'] {
    return this.t.trips.form;
  }

  get newHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.m.newTitle });
  }

  get editHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.m.editTitle });
  }

  get title(): Locator {
    return this.page.getByLabel(this.m.title, { exact: true });
  }

  get region(): Locator {
    return this.page.getByLabel(this.m.region, { exact: true });
  }

  get destination(): Locator {
    return this.page.getByLabel(this.m.destination, { exact: true });
  }

  get startDate(): Locator {
    return this.page.getByLabel(this.m.startDate, { exact: true });
  }

  get endDate(): Locator {
    return this.page.getByLabel(this.m.endDate, { exact: true });
  }

  get currency(): Locator {
    return this.page.getByLabel(this.m.currency, { exact: true });
  }

  get budget(): Locator {
    return this.page.getByLabel(this.m.plannedBudget, { exact: true });
  }

  get create(): Locator {
    return this.page.getByRole('button', { name: this.m.create, exact: true });
  }

  get save(): Locator {
    return this.page.getByRole('button', { name: this.m.save, exact: true });
  }

  /** The message under a field, by its text. */
  error(key: keyof Messages['trips']['form']['errors']): Locator {
    return this.page.getByText(this.m.errors[key], { exact: true });
  }

  async fill(fields: TripFields): Promise<void> {
    if (fields.title !== undefined) await this.title.fill(fields.title);
    if (fields.region !== undefined) await this.region.selectOption({ label: fields.region });
    if (fields.destination !== undefined) await this.destination.fill(fields.destination);
    if (fields.startDate !== undefined) await this.startDate.fill(fields.startDate);
    if (fields.endDate !== undefined) await this.endDate.fill(fields.endDate);
    if (fields.currency !== undefined) await this.currency.fill(fields.currency);
    if (fields.budget !== undefined) await this.budget.fill(fields.budget);
  }

  /** Fills the new-trip form, creates the trip and waits for its page; returns the trip id. */
  async createTrip(fields: TripFields): Promise<string> {
    await expect(this.newHeading).toBeVisible();
    await this.fill(fields);
    await this.create.click();
    // The form's own address (/trips/new) matches the pattern too: wait until it has moved on.
    await expect(this.page).toHaveURL(/\/trips\/(?!new$)[A-Za-z0-9_-]+$/);
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }
}
