import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { tripBundleSchema, tripFromJson } from '@hamgaja/shared';
import { exportDialog, renderExport } from './export-file.js';
import { packagedFontFolder } from './font-source.js';
import { pdfFontsIn } from './pdf-fonts.js';
import { sampleBundle } from './test-trip.js';

const options = (language: 'ko' | 'en') => ({
  language,
  now: new Date('2025-03-01T00:00:00Z'),
  appVersion: '1.2.3',
  fonts: pdfFontsIn(packagedFontFolder()),
});

async function pdfPages(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

describe('ICS export', () => {
  it('parses back with ical.js: one event for the trip and one per stop, at the right instants', async () => {
    const bundle = sampleBundle();
    const text = (await renderExport('ics', bundle, options('ko'))).toString('utf8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(1 + bundle.stops.length);

    const trip = events.find((e) => e.uid === 'trip-trip-jeju@hamgaja')!;
    expect(trip.summary).toBe('여행: 제주 봄 여행');
    expect(trip.startDate.isDate).toBe(true);
    expect(trip.startDate.toString()).toBe('2025-04-01');
    expect(trip.endDate.toString()).toBe('2025-04-05');

    // 09:00 in Seoul is 00:00 UTC.
    const sunrise = events.find((e) => e.uid === 'stop-sunrise@hamgaja')!;
    expect(sunrise.summary).toBe('성산일출봉');
    expect(sunrise.startDate.toJSDate().toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(sunrise.endDate.toJSDate().toISOString()).toBe('2025-04-01T02:00:00.000Z');

    const museum = events.find((e) => e.uid === 'stop-museum@hamgaja')!;
    expect(museum.startDate.isDate).toBe(true);
    expect(museum.startDate.toString()).toBe('2025-04-02');

    const lunch = events.find((e) => e.uid === 'stop-lunch@hamgaja')!;
    expect(lunch.description).toContain('흑돼지');
    expect(lunch.description).toContain('음식');
  });
});

describe('JSON trip file', () => {
  it('re-imports to exactly the exported trip', async () => {
    const bundle = sampleBundle();
    const text = (await renderExport('json', bundle, options('en'))).toString('utf8');
    expect(tripFromJson(text)).toEqual(tripBundleSchema.parse(bundle));
    expect(tripFromJson(text)).toEqual(bundle);
  });
});

// Font parsing and subsetting is CPU-bound; the machine is shared, so allow time (not a speed check).
describe('PDF export', { timeout: 60_000 }, () => {
  it('has one page per day, each headed by its day, with Korean text embedded', async () => {
    const bundle = sampleBundle();
    const pages = await pdfPages(await renderExport('pdf', bundle, options('ko')));
    // Four days, then the checklist and budget page.
    expect(pages).toHaveLength(5);
    pages.slice(0, 4).forEach((text, index) => expect(text).toContain(`${index + 1}일차`));
    expect(pages[0]).toContain('성산일출봉');
    expect(pages[0]).toContain('제주 서귀포시 성산읍');
    expect(pages[1]).toContain('Jeju Museum');
    expect(pages[2]).toContain('이 날은 아직 일정이 없습니다.');
    expect(pages[3]).toContain('18:00');
    expect(pages[3]).toContain('이동: 자동차');
    expect(pages[4]).toContain('준비물');
    expect(pages[4]).toContain('여권');
    expect(pages[4]).toContain('실제 지출: ₩32,000');
    expect(pages[4]).toContain('남은 예산: ₩768,000');
  });

  it('continues a long day on the next page instead of merging days', async () => {
    const bundle = sampleBundle();
    const many = Array.from({ length: 16 }, (_, i) => ({
      ...bundle.stops[0]!,
      id: `long-${i}`,
      orderKey: `b${String(i).padStart(2, '0')}`,
      note: 'A long note that takes a few lines. '.repeat(6),
    }));
    const pages = await pdfPages(
      await renderExport('pdf', { ...bundle, stops: [...many, ...bundle.stops.slice(2)] }, options('en')),
    );
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.filter((p) => p.includes('Day 1') && !p.includes('(continued)'))).toHaveLength(1);
    expect(pages.filter((p) => p.includes('Day 1 ·') && p.includes('(continued)')).length).toBeGreaterThan(0);
    for (const day of ['Day 2', 'Day 3', 'Day 4'])
      expect(pages.filter((p) => p.includes(day))).toHaveLength(1);
  });
});

describe('export dialog', () => {
  it('suggests a safe file name with the format extension', () => {
    expect(exportDialog('pdf', '제주/봄: 여행?', 'ko').defaultName).toBe('제주 봄 여행.pdf');
    expect(exportDialog('json', 'CON', 'en').defaultName).toBe('trip-CON.hamgaja');
  });
});
