import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** The trip page's "Draft my days with AI" button and dialog. */
export class AiDraftDialog {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['ai'] {
    return messages[this.language].ai;
  }

  get openButton(): Locator {
    return this.page.getByRole('button', { name: this.t.draft.open, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.t.draft.title });
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
