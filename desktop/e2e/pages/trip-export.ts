import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** The trip page's Export menu, the trips list's "Import trip" with its preview, and the print view. */
export class TripExport {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['tripExport'] {
    return messages[this.language].tripExport;
  }

  get menuButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.t.menu, exact: true });
  }

  item(action: 'ics' | 'json' | 'pdf' | 'print'): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.t[action], exact: true });
  }

  /** Chooses a file format from the menu and returns the download. */
  async download(action: 'ics' | 'json' | 'pdf'): Promise<Download> {
    await this.menuButton.click();
    const download = this.page.waitForEvent('download');
    await this.item(action).click();
    return download;
  }

  async openPrintView(): Promise<void> {
    await this.menuButton.click();
    await this.item('print').click();
    await expect(this.page).toHaveURL(/\/trips\/[^/]+\/print$/);
  }

  get importButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.t.import, exact: true });
  }

  get fileInput(): Locator {
    return this.page.getByLabel(this.t.chooseFile, { exact: true });
  }

  get preview(): Locator {
    return this.page.getByRole('dialog', { name: this.t.importTitle });
  }

  get confirmButton(): Locator {
    return this.preview.getByRole('button', { name: this.t.confirm, exact: true });
  }

  /** Picks a file in the import picker (the file chooser the button opens). */
  async chooseFile(file: { name: string; mimeType: string; buffer: Buffer } | string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importButton.click();
    await (await chooser).setFiles(file);
  }

  get error(): Locator {
    return this.page.getByRole('main').getByRole('alert');
  }
}
