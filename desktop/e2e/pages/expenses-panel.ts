import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

export interface ExpenseFields {
  amount: string;
  /** Display name as shown in "Paid by" (e.g. "Minji (you)"). */
  paidBy?: string;
  /** Display names to tick or untick in "Split among": true = share the cost. */
  split?: Record<string, boolean>;
  category?: keyof Messages['expenses']['categories'];
  note?: string;
}

/** The expenses tab of a trip: the list, the expense dialog, budget and settle-up. */
export class ExpensesPanel {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['expenses'] {
    return this.t.expenses;
  }

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.t.trips.detail.tabs.expenses, exact: true });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.page.getByRole('heading', { level: 2, name: this.m.title, exact: true })).toBeVisible();
  }

  get addButton(): Locator {
    return this.page.getByRole('button', { name: this.m.add, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.m.addTitle, exact: true });
  }

  get expenses(): Locator {
    return this.page.getByRole('list', { name: this.m.listTitle, exact: true }).getByRole('listitem');
  }

  expense(title: string): Locator {
    return this.page
      .getByRole('list', { name: this.m.listTitle, exact: true })
      .getByRole('listitem', { name: title, exact: true });
  }

  /** The settle-up transfers, each as its full sentence ("Jun pays Minji ₩45,000"). */
  get transfers(): Locator {
    return this.page.getByRole('list', { name: this.m.settle.title, exact: true }).getByRole('listitem');
  }

  get budget(): Locator {
    return this.page
      .getByRole('heading', { level: 3, name: this.m.budget.title, exact: true })
      .locator('xpath=..');
  }

  async add(fields: ExpenseFields): Promise<void> {
    await this.addButton.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('textbox', { name: new RegExp(`^${this.m.amount}`) }).fill(fields.amount);
    if (fields.paidBy) {
      await this.dialog
        .getByRole('combobox', { name: this.m.paidBy, exact: true })
        .selectOption({ label: fields.paidBy });
    }
    for (const [name, shares] of Object.entries(fields.split ?? {})) {
      await this.dialog.getByRole('checkbox', { name, exact: true }).setChecked(shares);
    }
    if (fields.category) {
      await this.dialog
        .getByRole('combobox', { name: this.m.category, exact: true })
        .selectOption(fields.category);
    }
    if (fields.note !== undefined) {
      await this.dialog.getByRole('textbox', { name: new RegExp(`^${this.m.note}`) }).fill(fields.note);
    }
    await this.dialog.getByRole('button', { name: this.m.save, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}
