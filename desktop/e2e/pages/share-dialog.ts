import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The share dialog of a trip: invite links (owner), members and roles, the calendar subscription (owner), leaving. */
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

  /** The owner's calendar subscription section. */
  get calendar(): Locator {
    return this.dialog.getByRole('region', { name: this.m.calendar.title, exact: true });
  }

  get calendarLink(): Locator {
    return this.calendar.getByRole('textbox', { name: this.m.calendar.httpsLink, exact: true });
  }

  get webcalLink(): Locator {
    return this.calendar.getByRole('textbox', { name: this.m.calendar.webcalLink, exact: true });
  }

  /** Makes the calendar feed and returns its https URL. */
  async createCalendarLink(): Promise<string> {
    await this.calendar.getByRole('button', { name: this.m.calendar.create, exact: true }).click();
    await expect(this.calendarLink).toHaveValue(/\/api\/calendar\/[\w-]{43}\.ics\?lang=(ko|en)$/);
    return this.calendarLink.inputValue();
  }

  /** "Make a new link", confirmed; returns the new URL. */
  async rotateCalendarLink(): Promise<string> {
    const before = (await this.calendarLink.count()) > 0 ? await this.calendarLink.inputValue() : null;
    await this.calendar.getByRole('button', { name: this.m.calendar.rotate, exact: true }).click();
    await this.calendar
      .getByRole('group', { name: this.m.calendar.rotate })
      .getByRole('button', { name: this.m.calendar.rotate, exact: true })
      .click();
    await expect(this.calendarLink).toHaveValue(/\/api\/calendar\/[\w-]{43}\.ics/);
    if (before) await expect(this.calendarLink).not.toHaveValue(before);
    return this.calendarLink.inputValue();
  }

  /** "Turn off", confirmed. */
  async revokeCalendarLink(): Promise<void> {
    await this.calendar.getByRole('button', { name: this.m.calendar.revoke, exact: true }).click();
    await this.calendar
      .getByRole('group', { name: this.m.calendar.revoke })
      .getByRole('button', { name: this.m.calendar.revoke, exact: true })
      .click();
    await expect(this.calendar.getByText(this.m.calendar.revoked, { exact: true })).toBeVisible();
    await expect(this.calendarLink).toHaveCount(0);
  }

  get leaveButton(): Locator {
    return this.dialog.getByRole('button', { name: this.m.leave.button, exact: true });
  }
}
