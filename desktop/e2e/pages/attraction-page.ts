import { expect, type Locator, type Page } from '@playwright/test';
import { messages, templatePattern, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** /attractions/:id: photos, facts, map, overview, source and the "add to trip" dialog. */
export class AttractionDetailPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['catalog'] {
    return this.t.catalog;
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: title, exact: true });
  }

  /** The value of a fact: address, phone or homepage. */
  fact(name: 'address' | 'phone' | 'homepage'): Locator {
    return this.page
      .locator('.attraction-facts div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: this.m.detail[name] }) })
      .getByRole('definition');
  }

  get overview(): Locator {
    return this.page.getByRole('region', { name: this.m.detail.overview, exact: true });
  }

  get source(): Locator {
    return this.page.locator('.attraction-source');
  }

  map(title: string): Locator {
    return this.page.getByRole('region', { name: fill(this.m.map.placeLabel, { name: title }), exact: true });
  }

  get offlineNotice(): Locator {
    return this.page.getByText(this.m.detail.offlineSource, { exact: true });
  }

  get addToTrip(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.m.addToTrip, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.m.add.title });
  }

  /** Adds the place to `trip` on day `day` (1-based) through the dialog. */
  async addTo(trip: string, day: number): Promise<void> {
    await this.addToTrip.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog
      .getByRole('combobox', { name: this.m.add.trip, exact: true })
      .selectOption({ label: trip });
    const dayOption = this.dialog.getByRole('combobox', { name: this.m.add.day, exact: true });
    const label = await dayOption
      .locator('option')
      .nth(day - 1)
      .textContent();
    await dayOption.selectOption({ label: label ?? '' });
    await this.dialog.getByRole('button', { name: this.m.add.submit, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  get added(): Locator {
    return this.page.getByRole('status').getByText(templatePattern(this.m.add.added));
  }

  get openTrip(): Locator {
    return this.page.getByRole('link', { name: this.m.add.openTrip, exact: true });
  }
}
