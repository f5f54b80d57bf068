import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/**
 * The trip page's "Draft my days" button and dialog: the AI's draft, or (`source: 'catalog'`,
 * a server without AI) the catalog's suggestion in the same dialog.
 */
export class AiDraftDialog {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
    readonly source: 'ai' | 'catalog' = 'ai',
  ) {}

  get t(): Messages['ai'] {
    return messages[this.language].ai;
  }

  get openButton(): Locator {
    const name = this.source === 'catalog' ? this.t.draft.openCatalog : this.t.draft.open;
    return this.page.getByRole('button', { name, exact: true });
  }

  get dialog(): Locator {
    const name = this.source === 'catalog' ? this.t.draft.catalogTitle : this.t.draft.title;
    return this.page.getByRole('dialog', { name });
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async draft(fields: {
    days?: string;
    interests?: string;
    pace?: 'relaxed' | 'moderate' | 'packed';
    budget?: string;
  }): Promise<void> {
    if (fields.days !== undefined) await this.field(this.t.draft.days).fill(fields.days);
    if (fields.interests !== undefined) await this.field(this.t.draft.interests).fill(fields.interests);
    if (fields.pace !== undefined) await this.field(this.t.draft.pace).selectOption(fields.pace);
    if (fields.budget !== undefined) await this.field(this.t.draft.budget).fill(fields.budget);
    await this.dialog.getByRole('button', { name: this.t.draft.generate, exact: true }).click();
  }

  /** A kind of place to draw from, by its catalog name ("Restaurant"). */
  kind(name: string): Locator {
    return this.dialog
      .getByRole('group', { name: this.t.draft.types })
      .getByRole('checkbox', { name, exact: true });
  }

  /** "Another suggestion" (a catalog draft, once one is there). */
  get anotherButton(): Locator {
    return this.dialog.getByRole('button', { name: this.t.draft.another, exact: true });
  }

  /** The days of the proposed draft, each with its stops' names in order. */
  async proposedDays(): Promise<string[][]> {
    return this.dialog
      .locator('.ai-draft-day')
      .evaluateAll((days) =>
        days.map((day) => [...day.querySelectorAll('.ai-draft-name')].map((name) => name.textContent ?? '')),
      );
  }

  get closeButton(): Locator {
    return this.dialog.getByRole('button', { name: messages[this.language].common.close, exact: true });
  }

  get cancelButton(): Locator {
    return this.dialog.getByRole('button', { name: this.t.draft.cancel, exact: true });
  }

  /** A streamed stop's checkbox, by place name. */
  stop(name: string): Locator {
    return this.dialog.getByRole('checkbox', {
      name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    });
  }

  get stops(): Locator {
    return this.dialog.locator('.ai-draft-stop');
  }

  get status(): Locator {
    return this.dialog.locator('.ai-draft-status');
  }

  async addSelected(count: number): Promise<void> {
    await this.dialog
      .getByRole('button', {
        name: this.t.draft.addSelected.replace('{{count}}', String(count)),
        exact: true,
      })
      .click();
    await expect(this.dialog).toBeHidden();
  }
}

/** The attraction page's AI tip panel. */
export class AiTipPanel {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['ai'] {
    return messages[this.language].ai;
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: this.t.tip.heading });
  }

  get getButton(): Locator {
    return this.panel.getByRole('button', { name: this.t.tip.get, exact: true });
  }

  get anotherButton(): Locator {
    return this.panel.getByRole('button', { name: this.t.tip.another, exact: true });
  }
}
