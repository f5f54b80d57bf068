/**
 * A printable PDF of a trip: one page per day (a long day continues on the next page), the
 * day's stops in order with time, place, category, cost and note. Korean needs an embedded
 * font (the 14 standard PDF fonts have no Hangul), so the caller passes font files.
 */
import PDFDocument from 'pdfkit';
import type { Language } from '../../desktop-api/contract.js';
import type { TripBundle } from '../../desktop-api/trip-bundle.js';
import { format, mainMessages, type MainMessages } from '../i18n/messages.js';
import { formatMoney, itineraryDays, type ItineraryDay } from './itinerary.js';
import type { Stop } from '@hamgaja/shared';

export interface PdfFonts {
  /** Paths of TrueType/OpenType fonts with Hangul and Latin (a path, so pdfkit never loads Helvetica). */
  regular: string;
  bold: string;
}

export interface PdfOptions {
  language: Language;
  fonts: PdfFonts;
  /** Creation date written into the document. */
  now: Date;
}

const colors = { text: '#1f2328', muted: '#5f6670', accent: '#0f766e', rule: '#d0d4d9' };
const margin = 48;
const timeColumn = 78;

function longDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

function duration(minutes: number, t: MainMessages): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return format(t.document.minutes, { n: m });
  return m === 0 ? format(t.document.hours, { h }) : format(t.document.hoursMinutes, { h, m });
}

export function tripToPdf(bundle: Pick<TripBundle, 'trip' | 'stops'>, options: PdfOptions): Promise<Buffer> {
  const { trip } = bundle;
  const { language } = options;
  const t = mainMessages[language];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    autoFirstPage: false,
    bufferPages: true,
    font: options.fonts.regular,
    lang: language === 'ko' ? 'ko-KR' : 'en-US',
    displayTitle: true,
    info: { Title: trip.title, Author: 'Hamgaja', Creator: 'Hamgaja', CreationDate: options.now },
  });
  doc.registerFont('regular', options.fonts.regular);
  doc.registerFont('bold', options.fonts.bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = () => doc.page.width - margin * 2;
  const bottom = () => doc.page.height - margin - 24;

  function tripHeader(): void {
    doc.font('bold').fontSize(18).fillColor(colors.text).text(trip.title, margin, margin, { width: width() });
    const where = trip.destination.text ? ` · ${trip.destination.text}` : '';
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(colors.muted)
      .text(`${trip.startDate} – ${trip.endDate}${where}`, { width: width() });
  }

  function dayHeading(day: ItineraryDay, continued: boolean): void {
    doc.moveDown(0.8);
    const label = `${format(t.document.day, { n: day.index + 1 })} · ${longDate(day.date, language)}`;
    doc
      .font('bold')
      .fontSize(14)
      .fillColor(colors.accent)
      .text(continued ? `${label} ${t.document.continued}` : label, { width: width() });
    const y = doc.y + 4;
    doc
      .moveTo(margin, y)
      .lineTo(margin + width(), y)
      .lineWidth(0.7)
      .strokeColor(colors.rule)
      .stroke();
    doc.y = y + 10;
  }

  function summary(): void {
    const parts = [format(t.document.stops, { n: bundle.stops.length })];
    const total = bundle.stops.reduce(
      (sum, s) => (s.cost && s.cost.currency === trip.currency ? sum + s.cost.amount : sum),
      0,
    );
    parts.push(
      `${t.document.plannedCost} ${formatMoney({ amount: total, currency: trip.currency }, language)}`,
    );
    if (trip.plannedBudget !== null)
      parts.push(
        `${t.document.budget} ${formatMoney({ amount: trip.plannedBudget, currency: trip.currency }, language)}`,
      );
    doc.font('regular').fontSize(9.5).fillColor(colors.muted).text(parts.join(' · '), { width: width() });
  }

  /** The text blocks of a stop, measured so a stop never splits across pages. */
  function stopBlocks(stop: Stop) {
    const textWidth = width() - timeColumn;
    const meta = [t.categories[stop.category], stop.place.address ?? '']
      .filter((s) => s.trim() !== '')
      .join(' · ');
    const blocks = [
      { font: 'bold', size: 12, color: colors.text, text: stop.place.name },
      { font: 'regular', size: 9, color: colors.muted, text: meta },
      {
        font: 'regular',
        size: 9.5,
        color: colors.text,
        text: stop.cost ? `${t.document.cost} ${formatMoney(stop.cost, language)}` : '',
      },
      { font: 'regular', size: 10, color: colors.text, text: stop.note },
    ].filter((b) => b.text.trim() !== '');
    const height = blocks.reduce(
      (sum, b) => sum + doc.font(b.font).fontSize(b.size).heightOfString(b.text, { width: textWidth }) + 2,
      0,
    );
    return { blocks, height, textWidth };
  }

  function drawStop(stop: Stop, day: ItineraryDay): void {
    const { blocks, height, textWidth } = stopBlocks(stop);
    if (doc.y + height > bottom()) {
      doc.addPage();
      tripHeader();
      dayHeading(day, true);
    }
    const top = doc.y;
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(colors.accent)
      .text(stop.startTime ?? t.document.allDay, margin, top, { width: timeColumn - 8 });
    if (stop.durationMinutes)
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(colors.muted)
        .text(duration(stop.durationMinutes, t), { width: timeColumn - 8 });
    doc.y = top;
    for (const block of blocks) {
      doc
        .font(block.font)
        .fontSize(block.size)
        .fillColor(block.color)
        .text(block.text, margin + timeColumn, doc.y, { width: textWidth });
      doc.y += 2;
    }
    doc.y = Math.max(doc.y, top + 28) + 10;
  }

  itineraryDays(trip, bundle.stops).forEach((day, index) => {
    doc.addPage();
    tripHeader();
    if (index === 0) summary();
    dayHeading(day, false);
    if (day.stops.length === 0)
      doc
        .font('regular')
        .fontSize(10.5)
        .fillColor(colors.muted)
        .text(t.document.noStops, margin, doc.y, { width: width() });
    for (const stop of day.stops) drawStop(stop, day);
  });

  // Footers once the page count is known; the bottom margin is lifted so they never add a page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 8;
    doc.font('regular').fontSize(8).fillColor(colors.muted);
    doc.text(`${t.document.generatedBy} · ${trip.title}`, margin, y, {
      width: width() - 80,
      lineBreak: false,
    });
    doc.text(format(t.document.page, { n: i + 1, total: range.count }), margin + width() - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;
}
