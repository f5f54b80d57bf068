import { expect, type Locator, type Page } from '@playwright/test';
import { messages, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** /board: the post list with search, sort and pages. */
export class BoardListPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['board'] {
    return messages[this.language].board;
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/board${query}`);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  get writeLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: this.t.write, exact: true });
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: this.t.searchLabel });
  }

  get sortSelect(): Locator {
    return this.page.getByLabel(this.t.sortLabel, { exact: true });
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.page.getByRole('main').getByRole('button', { name: this.t.searchButton, exact: true }).click();
  }

  async sortBy(sort: keyof Messages['board']['sort']): Promise<void> {
    await this.sortSelect.selectOption(sort);
  }

  get rows(): Locator {
    return this.page.locator('.post-list .post-row');
  }

  /** The titles of the listed posts, top to bottom. */
  async titles(): Promise<string[]> {
    return this.page.locator('.post-list .post-row-title').allInnerTexts();
  }

  async expectTitles(titles: string[]): Promise<void> {
    await expect.poll(() => this.titles()).toEqual(titles);
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  async open(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
  }
}

/** /board/new and /board/:id/edit. */
export class PostEditorPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['board'] {
    return messages[this.language].board;
  }

  get title(): Locator {
    return this.page.getByLabel(this.t.form.title, { exact: true });
  }

  get body(): Locator {
    return this.page.getByLabel(this.t.form.body, { exact: true });
  }

  get fileInput(): Locator {
    return this.page.locator('.image-picker input[type="file"]');
  }

  /** The chosen photos (in display order), by file name. */
  get pickedNames(): Promise<string[]> {
    return this.page
      .getByRole('list', { name: this.t.picker.list })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
  }

  async addImages(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  /** Waits until every chosen photo finished uploading. */
  async expectUploaded(count: number): Promise<void> {
    await expect(this.page.locator('.picker-item[data-status="done"]')).toHaveCount(count);
    await expect(this.page.locator('.picker-item[data-status="uploading"]')).toHaveCount(0);
  }

  moveEarlier(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.t.picker.moveUp, { name }), exact: true });
  }

  removeButton(name: string): Locator {
    return this.page.getByRole('button', { name: fill(this.t.picker.remove, { name }), exact: true });
  }

  get pickerErrors(): Locator {
    return this.page.locator('.picker-errors');
  }

  async publish(): Promise<string> {
    await this.page.getByRole('button', { name: this.t.form.publish, exact: true }).click();
    await expect(this.page).toHaveURL(/\/board\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').pop() ?? '';
  }

  async saveChanges(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.form.saveChanges, exact: true }).click();
    await expect(this.page).toHaveURL(/\/board\/[0-9a-f-]{36}$/);
  }
}

/** /board/:id: the post, its photos (lightbox), shared trip and comments. */
export class PostViewPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['board'] {
    return messages[this.language].board;
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: title, exact: true });
  }

  get article(): Locator {
    return this.page.locator('article.post');
  }

  get images(): Locator {
    return this.article.locator('.post-images img');
  }

  openImage(index: number): Locator {
    return this.page.getByRole('button', { name: fill(this.t.openImage, { index }), exact: true });
  }

  get lightbox(): Locator {
    return this.page.getByRole('dialog', { name: this.t.lightbox });
  }

  get editLink(): Locator {
    return this.article.getByRole('link', { name: this.t.edit, exact: true });
  }

  get deleteButton(): Locator {
    return this.article.getByRole('button', { name: this.t.delete, exact: true });
  }

  async deletePost(): Promise<void> {
    await this.deleteButton.click();
    const dialog = this.page.getByRole('alertdialog', { name: this.t.deleteTitle });
    await dialog.getByRole('button', { name: this.t.deleteConfirm, exact: true }).click();
    await expect(this.page).toHaveURL(/\/board$/);
  }

  get comments(): Locator {
    return this.page.locator('.comment-list .comment');
  }

  async addComment(text: string): Promise<void> {
    await this.page.getByLabel(this.t.comment.label, { exact: true }).fill(text);
    await this.page.getByRole('button', { name: this.t.comment.submit, exact: true }).click();
    await expect(this.comments.filter({ hasText: text })).toBeVisible();
  }

  comment(text: string): Locator {
    return this.comments.filter({ hasText: text });
  }

  async deleteComment(text: string): Promise<void> {
    await this.comment(text).getByRole('button', { name: this.t.comment.delete, exact: true }).click();
    await this.page
      .getByRole('alertdialog', { name: this.t.comment.deleteConfirm })
      .getByRole('button', { name: this.t.deleteConfirm, exact: true })
      .click();
    await expect(this.comment(text)).toHaveCount(0);
  }

  get sharedTrip(): Locator {
    return this.page.locator('section.trip-snapshot');
  }

  get copyTripButton(): Locator {
    return this.page.getByRole('button', { name: this.t.trip.copy, exact: true });
  }

  async copyTrip(): Promise<void> {
    await this.copyTripButton.click();
    await expect(this.page.getByText(this.t.trip.copied)).toBeVisible();
    await this.page.getByRole('link', { name: this.t.trip.openCopy, exact: true }).click();
    await expect(this.page).toHaveURL(/\/trips\/[\w-]+$/);
  }
}

/** The trip page's "Share to board" dialog. */
export class ShareTripDialog {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages['board'] {
    return messages[this.language].board;
  }

  get openButton(): Locator {
    return this.page.getByRole('button', { name: this.t.share.button, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.t.share.title });
  }

  async share(title: string): Promise<string> {
    await this.openButton.click();
    await this.dialog.getByLabel(this.t.form.title, { exact: true }).fill(title);
    await this.dialog.getByRole('button', { name: this.t.share.submit, exact: true }).click();
    await expect(this.page).toHaveURL(/\/board\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').pop() ?? '';
  }
}
