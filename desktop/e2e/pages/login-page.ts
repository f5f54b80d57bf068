import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** /login: email, password, "remember my email", links to sign up and password reset. */
export class LoginPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  /** All UI texts in the page's language. */
  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['auth']['login'] {
    return this.t.auth.login;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: this.m.title, exact: true });
  }

  get email(): Locator {
    return this.page.getByRole('textbox', { name: this.m.email, exact: true });
  }

  get password(): Locator {
    return this.page.getByLabel(this.m.password, { exact: true });
  }

  get rememberEmail(): Locator {
    return this.page.getByRole('checkbox', { name: this.m.remember });
  }

  get submit(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.m.submit, exact: true });
  }

  get forgotPasswordLink(): Locator {
    return this.page.getByRole('link', { name: this.m.forgot });
  }

  get signUpLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: this.m.signupLink, exact: true });
  }

  /** Form-level errors (wrong password, rate limit, offline) are announced in an alert. */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async goto(next?: string): Promise<void> {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    await expect(this.heading).toBeVisible();
  }

  async logIn(credentials: { email: string; password: string; rememberEmail?: boolean }): Promise<void> {
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
    if (credentials.rememberEmail !== undefined)
      await this.rememberEmail.setChecked(credentials.rememberEmail);
    await this.submit.click();
  }
}
