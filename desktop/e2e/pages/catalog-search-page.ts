import { expect, type Locator, type Page } from '@playwright/test';
import { messages, templatePattern, type Language, type Messages } from './messages.js';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** /search: keyword, sido → gugun, type chips, filter chips, results, map and offline regions. */
export class CatalogSearchPage {
  constructor(
    readonly page: Page,
    public language: Language = 'en',
  ) {}

  get t(): Messages {
    return messages[this.language];
  }

  private get m(): Messages['catalog'] {
    return this.t.catalog;
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/search${query ? `?${query}` : ''}`);
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.t.search.title, exact: true });
  }

  get keyword(): Locator {
    return this.page.getByRole('searchbox', { name: this.m.keyword, exact: true });
  }

  get sido(): Locator {
    return this.page.getByRole('combobox', { name: this.m.sido, exact: true });
  }

  get gugun(): Locator {
    return this.page.getByRole('combobox', { name: this.m.gugun, exact: true });
  }

  typeChip(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  removeFilter(label: string): Locator {
    return this.page.getByRole('button', { name: fill(this.m.removeFilter, { label }), exact: true });
  }

  async search(keyword: string): Promise<void> {
    await this.keyword.fill(keyword);
    await this.keyword.press('Enter');
  }

  get results(): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${this.m.results}`) });
  }

  /** The result cards' titles, in order. */
  async resultTitles(): Promise<string[]> {
    return this.results.locator('.result-card h3').allTextContents();
  }

  result(title: string): Locator {
    return this.results
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  resultLink(title: string): Locator {
    return this.results.getByRole('link', { name: title, exact: true });
  }

  get count(): Locator {
    return this.results.locator('.catalog-count');
  }

  get offlineNotice(): Locator {
    return this.page.getByText(this.m.offlineResults, { exact: true });
  }

  get offlineNoRegions(): Locator {
    return this.page.getByText(this.m.offlineNoRegions, { exact: true });
  }

  get tripContext(): Locator {
    return this.page.getByText(templatePattern(this.m.tripContext));
  }

  // The map ------------------------------------------------------------------------------
  get map(): Locator {
    return this.page.getByRole('region', { name: this.m.map.label, exact: true });
  }

  get searchArea(): Locator {
    return this.map.getByRole('button', { name: this.m.map.searchArea, exact: true });
  }

  /** The removable chip of "search this area". */
  get nearChip(): Locator {
    return this.page.getByRole('button', {
      name: templatePattern(fill(this.m.removeFilter, { label: this.m.nearChip })),
    });
  }

  /** The bundled outline of South Korea (drawn with no network). */
  get koreaOutline(): Locator {
    return this.map.locator('path.map-land-kr');
  }

  /** Markers and clusters together stand for every result with a point. */
  get markersAndClusters(): Locator {
    return this.map.locator('.catalog-marker, .marker-cluster');
  }

  // Offline regions ----------------------------------------------------------------------
  get regions(): Locator {
    return this.page.getByRole('region', { name: this.m.offline.title, exact: true });
  }

  downloadButton(region: string): Locator {
    return this.regions.getByRole('button', { name: fill(this.m.offline.download, { region }), exact: true });
  }

  downloaded(region: string): Locator {
    return this.regions.getByText(fill(this.m.offline.downloaded, { region }), { exact: true });
  }

  downloadedItem(region: string): Locator {
    return this.regions.getByRole('listitem').filter({ hasText: region });
  }

  removeDownload(region: string): Locator {
    return this.regions.getByRole('button', {
      name: fill(this.m.offline.removeLabel, { region }),
      exact: true,
    });
  }

  updateDownload(region: string): Locator {
    return this.downloadedItem(region).getByRole('button', { name: this.m.offline.update, exact: true });
  }

  upToDate(region: string): Locator {
    return this.downloadedItem(region).getByText(this.m.offline.upToDate, { exact: true });
  }

  /** The size offered before downloading ("About 3.1 KB · 9 places"). */
  get offeredSize(): Locator {
    return this.regions.getByText(templatePattern(this.m.offline.size));
  }
}
