import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The share dialog of a trip: invite links (owner), members and roles, leaving. */
export class ShareDialog {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['sharing'] {
    return this.t.sharing;
  }

  /** "Share" on the trip page. */
  get openButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.t.trips.detail.share, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: new RegExp(`^${fill(this.m.title, { title: '.*' })}$`) });
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.t.common.close, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  get inviteRole(): Locator {
    return this.dialog.getByRole('combobox', { name: this.m.invite.role, exact: true });
  }

  get createLinkButton(): Locator {
    return this.dialog.getByRole('button', { name: this.m.invite.create, exact: true });
  }

  /** The read-only field with the link just created. */
  inviteLink(role: 'editor' | 'viewer'): Locator {
    return this.dialog.getByRole('textbox', { name: fill(this.m.invite.link, { role: this.m.roles[role] }) });
  }

  get copyButton(): Locator {
    return this.dialog.getByRole('button', { name: this.m.invite.copy, exact: true });
  }

  get activeInvites(): Locator {
    return this.dialog.getByRole('list', { name: this.m.invite.active }).getByRole('listitem');
  }

  /** Creates an invite link with `role` and returns it. */
  async createInvite(role: 'editor' | 'viewer'): Promise<string> {
    await this.inviteRole.selectOption(role);
    await this.createLinkButton.click();
    const link = this.inviteLink(role);
    await expect(link).toHaveValue(/\/invite\/[\w-]+$/);
    return link.inputValue();
  }

  get members(): Locator {
    return this.dialog.getByRole('list', { name: this.m.members.title }).getByRole('listitem');
  }

  member(name: string): Locator {
    return this.dialog
      .getByRole('list', { name: this.m.members.title })
      .getByRole('listitem', { name, exact: true });
  }

  roleSelect(name: string): Locator {
    return this.dialog.getByRole('combobox', { name: fill(this.m.members.roleOf, { name }), exact: true });
  }

  async changeRole(name: string, role: 'editor' | 'viewer'): Promise<void> {
    await this.roleSelect(name).selectOption(role);
    await expect(this.roleSelect(name)).toHaveValue(role);
    await expect(this.roleSelect(name)).toBeEnabled();
  }

  async removeMember(name: string): Promise<void> {
    await this.dialog
      .getByRole('button', { name: fill(this.m.members.removeLabel, { name }), exact: true })
      .click();
    await this.dialog.getByRole('button', { name: this.m.members.remove, exact: true }).click();
    await expect(this.member(name)).toHaveCount(0);
  }

  get leaveButton(): Locator {
    return this.dialog.getByRole('button', { name: this.m.leave.button, exact: true });
  }
}
