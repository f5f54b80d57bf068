import { type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

type Kind = keyof Messages['discarded']['kinds'];

/**
 * Changes the server did not keep: the line in the sync details, the list it opens, and the
 * note on a trip's page (or where the trip used to be).
 */
export class DiscardedChanges {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['discarded'] {
    return this.t.discarded;
  }

  /** "1 change not saved" in the sync details (opens the list). */
  notSavedLine(count: number): Locator {
    const key = count === 1 ? this.m.count_one : this.m.count_other;
    return this.page
      .getByRole('region', { name: this.t.sync.detailsTitle })
      .getByRole('button', { name: new RegExp(`^${fill(key, { count })}`) });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.m.title, exact: true });
  }

  get tripNotice(): Locator {
    return this.page.getByRole('region', { name: this.m.tripNotice, exact: true });
  }

  /** "Trip “Busan weekend”" as the entries name a thing. */
  what(kind: Kind, name: string): string {
    return `${this.m.kinds[kind]} ${fill(this.t.conflicts.values.quoted, { text: name })}`;
  }

  /** The entry about `what` inside `scope` (the dialog or the trip notice). */
  entry(scope: Locator, kind: Kind, name: string): Locator {
    return scope.getByRole('listitem').filter({ hasText: this.what(kind, name) });
  }

  reason(key: keyof Messages['discarded']['reasons']): string {
    return this.m.reasons[key];
  }

  copyButton(scope: Locator, kind: Kind, name: string): Locator {
    return scope.getByRole('button', { name: fill(this.m.copyLabel, { what: this.what(kind, name) }) });
  }

  dismissButton(scope: Locator, kind: Kind, name: string): Locator {
    return scope.getByRole('button', { name: fill(this.m.dismissLabel, { what: this.what(kind, name) }) });
  }
}
