import { expect, type Locator, type Page } from '@playwright/test';
import { messages, templatePattern, type Language, type Messages } from './messages.js';

/** The frame around every screen: header (navigation, sync status, language, account) and main. */
export class AppShell {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  /** All UI texts in the page's language. */
  get t(): Messages {
    return messages[this.language];
  }

  get header(): Locator {
    return this.page.getByRole('banner');
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  get languageSelect(): Locator {
    return this.header.getByRole('combobox', { name: this.t.header.language });
  }

  get loginLink(): Locator {
    return this.header.getByRole('link', { name: this.t.header.login, exact: true });
  }

  get signupLink(): Locator {
    return this.header.getByRole('link', { name: this.t.header.signup, exact: true });
  }

  get accountMenuButton(): Locator {
    return this.header.getByRole('button', { name: this.t.header.accountMenu });
  }

  get logoutButton(): Locator {
    return this.header.getByRole('button', { name: this.t.header.logout });
  }

  get myPageLink(): Locator {
    return this.header.getByRole('link', { name: this.t.header.myPage });
  }

  /** The sync pill; its accessible name is "Sync status: <state>". */
  get syncStatus(): Locator {
    return this.header.getByRole('button', { name: templatePattern(this.t.sync.label) });
  }

  navLink(name: keyof Pick<Messages['nav'], 'home' | 'trips' | 'search'>): Locator {
    return this.header
      .getByRole('navigation', { name: this.t.nav.primary })
      .getByRole('link', { name: this.t.nav[name] });
  }

  /** Picks the UI language and waits until the page speaks it. */
  async switchLanguage(language: Language): Promise<void> {
    await this.languageSelect.selectOption(language);
    this.language = language;
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  /** The words after "Sync status: " (Synced, Offline, 3 changes waiting, …), without "N changes not saved". */
  async syncState(): Promise<string> {
    const name = (await this.syncStatus.getAttribute('aria-label')) ?? '';
    return (
      templatePattern(this.t.sync.labelNotSaved).exec(name)?.[1] ??
      templatePattern(this.t.sync.label).exec(name)?.[1] ??
      name
    );
  }

  async expectSyncState(
    state: keyof Pick<Messages['sync'], 'synced' | 'syncing' | 'offline' | 'error' | 'upgrade' | 'starting'>,
  ) {
    await expect.poll(() => this.syncState()).toBe(this.t.sync[state]);
  }

  /** The "N changes not saved" the pill adds to its name; 0 when there are none. */
  async notSavedCount(): Promise<number> {
    const name = (await this.syncStatus.getAttribute('aria-label')) ?? '';
    const notSaved = templatePattern(this.t.sync.labelNotSaved).exec(name)?.[2];
    return notSaved ? Number(/\d+/.exec(notSaved)?.[0] ?? 0) : 0;
  }

  async openAccountMenu(): Promise<void> {
    if ((await this.accountMenuButton.getAttribute('aria-expanded')) !== 'true')
      await this.accountMenuButton.click();
  }

  async logOut(): Promise<void> {
    await this.openAccountMenu();
    await this.logoutButton.click();
    await this.expectLoggedOut();
  }

  async expectLoggedIn(displayName: string): Promise<void> {
    await expect(this.accountMenuButton).toBeVisible();
    await expect(this.accountMenuButton).toContainText(displayName);
    await expect(this.loginLink).toBeHidden();
  }

  async expectLoggedOut(): Promise<void> {
    await expect(this.loginLink).toBeVisible();
    await expect(this.accountMenuButton).toBeHidden();
  }
}
