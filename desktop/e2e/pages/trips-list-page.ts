import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** /trips: the user's trips as cards, with search and sort. */
export class TripsListPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.t.trips.title, exact: true });
  }

  /** "New trip" in the header, or "Plan your first trip" on the empty list. */
  get newTripLink(): Locator {
    return this.page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(`^(${this.t.trips.newTrip}|${this.t.trips.emptyCta})$`) })
      .first();
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: this.t.trips.searchLabel });
  }

  get sort(): Locator {
    return this.page.getByRole('combobox', { name: this.t.trips.sortLabel });
  }

  get cards(): Locator {
    return this.page.getByRole('list', { name: this.t.trips.title }).getByRole('listitem');
  }

  /** The card (a link) of the trip titled `title`. */
  card(title: string): Locator {
    return this.page.getByRole('main').getByRole('link').filter({ hasText: title });
  }

  async goto(): Promise<void> {
    await this.page.goto('/trips');
    await expect(this.heading).toBeVisible();
  }
}
