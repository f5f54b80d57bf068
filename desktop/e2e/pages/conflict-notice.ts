import { type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The notes about values a concurrent edit overwrote, inside `scope` (a stop, an item, the trip). */
export class ConflictNotice {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['conflicts'] {
    return this.t.conflicts;
  }

  /** Every conflict notice on the page. */
  get notices(): Locator {
    return this.page.getByRole('region', { name: this.m.title, exact: true });
  }

  /** "Your change to text was replaced by a co-traveller's edit: “Phone charger”" */
  yours(field: keyof Messages['conflicts']['fields'], value: string): Locator {
    return this.notices.getByText(fill(this.m.yours, { field: this.m.fields[field], value }), {
      exact: true,
    });
  }

  /** "Jun's change to text was replaced by another edit: “Phone charger”" */
  theirs(name: string, field: keyof Messages['conflicts']['fields'], value: string): Locator {
    return this.notices.getByText(fill(this.m.theirs, { name, field: this.m.fields[field], value }), {
      exact: true,
    });
  }

  restoreButton(field: keyof Messages['conflicts']['fields']): Locator {
    return this.page.getByRole('button', {
      name: fill(this.m.restoreLabel, { field: this.m.fields[field] }),
      exact: true,
    });
  }

  dismissButton(field: keyof Messages['conflicts']['fields']): Locator {
    return this.page.getByRole('button', {
      name: fill(this.m.dismissLabel, { field: this.m.fields[field] }),
      exact: true,
    });
  }

  /** A lost value as the notice quotes it. */
  quoted(text: string): string {
    return fill(this.m.values.quoted, { text });
  }
}
