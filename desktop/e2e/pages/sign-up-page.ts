import { expect, type Locator, type Page } from '@playwright/test';
import { messages, startsWith, type Language, type Messages } from './messages.js';

export interface SignUpForm {
  email: string;
  password: string;
  /** Defaults to the password. */
  confirm?: string;
  displayName: string;
  phone?: string;
  address?: string;
}

/** /signup: email (with the availability check), password + confirmation, name, phone, address. */
export class SignUpPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  /** All UI texts in the page's language. */
  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['auth']['signup'] {
    return this.t.auth.signup;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: this.m.title, exact: true });
  }

  get email(): Locator {
    return this.page.getByRole('textbox', { name: startsWith(this.m.email) });
  }

  get password(): Locator {
    return this.page.getByLabel(this.m.password, { exact: true });
  }

  get confirm(): Locator {
    return this.page.getByLabel(this.m.passwordConfirm, { exact: true });
  }

  get displayName(): Locator {
    return this.page.getByRole('textbox', { name: startsWith(this.m.displayName) });
  }

  get phone(): Locator {
    return this.page.getByRole('textbox', { name: startsWith(this.m.phone) });
  }

  get address(): Locator {
    return this.page.getByRole('textbox', { name: startsWith(this.m.address) });
  }

  get submit(): Locator {
    return this.page.getByRole('button', { name: this.m.submit, exact: true });
  }

  get emailAvailable(): Locator {
    return this.page.getByText(this.m.emailAvailable);
  }

  get emailTaken(): Locator {
    return this.page.getByText(this.m.emailTaken);
  }

  /** Form-level errors (server answers) are announced in an alert. */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/signup');
    await expect(this.heading).toBeVisible();
  }

  async fill(form: SignUpForm): Promise<void> {
    await this.email.fill(form.email);
    await this.password.fill(form.password);
    await this.confirm.fill(form.confirm ?? form.password);
    await this.displayName.fill(form.displayName);
    if (form.phone !== undefined) await this.phone.fill(form.phone);
    if (form.address !== undefined) await this.address.fill(form.address);
  }

  async signUp(form: SignUpForm): Promise<void> {
    await this.fill(form);
    await this.submit.click();
  }
}
