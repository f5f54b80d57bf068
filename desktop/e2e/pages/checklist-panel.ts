import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The checklist tab of a trip: add, tick, edit, delete, reorder. */
export class ChecklistPanel {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['checklist'] {
    return this.t.checklist;
  }

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.t.trips.detail.tabs.checklist, exact: true });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: this.m.title, exact: true });
  }

  get newItem(): Locator {
    return this.page.getByRole('textbox', { name: this.m.addLabel, exact: true });
  }

  get addButton(): Locator {
    return this.page.getByRole('button', { name: this.m.add, exact: true });
  }

  get items(): Locator {
    return this.page.getByRole('list', { name: this.m.title, exact: true }).getByRole('listitem');
  }

  checkbox(text: string): Locator {
    return this.page.getByRole('checkbox', { name: text, exact: true });
  }

  deleteButton(text: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.delete, { text }), exact: true });
  }

  moveUpButton(text: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.moveUp, { text }), exact: true });
  }

  editButton(text: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.edit, { text }), exact: true });
  }

  async add(text: string): Promise<void> {
    await this.newItem.fill(text);
    await this.addButton.click();
    await expect(this.checkbox(text)).toBeVisible();
  }

  async rename(text: string, next: string): Promise<void> {
    await this.editButton(text).click();
    await this.page.getByRole('textbox', { name: this.m.editLabel, exact: true }).fill(next);
    await this.page.getByRole('button', { name: this.m.save, exact: true }).click();
    await expect(this.checkbox(next)).toBeVisible();
  }

  async texts(): Promise<string[]> {
    return this.items.locator('.checklist-text').allTextContents();
  }

  async expectTexts(texts: string[]): Promise<void> {
    await expect.poll(() => this.texts()).toEqual(texts);
  }
}
