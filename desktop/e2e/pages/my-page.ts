import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** /me: profile, my posts, password, "Download my data" and account deletion. */
export class MyPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['me'] {
    return messages[this.language].me;
  }

  async goto(): Promise<void> {
    await this.page.goto('/me');
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  /** The "Download my data" section. */
  get downloadSection(): Locator {
    return this.page.getByRole('region', { name: this.t.download.title });
  }

  get downloadButton(): Locator {
    return this.downloadSection.getByRole('button', { name: this.t.download.button, exact: true });
  }

  /** Clicks "Download my data" and answers the browser's download once the file is saved. */
  async downloadMyData(): Promise<Download> {
    const started = this.page.waitForEvent('download');
    await this.downloadButton.click();
    return started;
  }
}
