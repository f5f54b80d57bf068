import { type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

/** /invite/:code: who invites you to which trip and with which role; join or not now. */
export class InvitePage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['sharing']['invitePage'] {
    return this.t.sharing.invitePage;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.m.title, exact: true });
  }

  /** "Minji invited you to “Busan weekend”." */
  lead(name: string, title: string): Locator {
    return this.page.getByText(this.m.lead.replace('{{name}}', name).replace('{{title}}', title), {
      exact: true,
    });
  }

  get acceptButton(): Locator {
    return this.page.getByRole('button', { name: this.m.accept, exact: true });
  }

  get declineLink(): Locator {
    return this.page.getByRole('link', { name: this.m.decline, exact: true });
  }

  role(role: 'editor' | 'viewer'): Locator {
    return this.page.getByRole('main').getByText(this.t.sharing.roles[role], { exact: true });
  }
}
