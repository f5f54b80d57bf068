/**
 * The printable PDF of a trip, drawn with pdfkit from the shared itinerary model (the same
 * content as the web app's print view): one page per day (a long day continues on the next
 * page) with time, place, address, category, cost, travel mode and note, then the checklist,
 * budget and expenses. Korean needs an embedded font (the 14 standard PDF fonts have no
 * Hangul), so the caller passes font files. Runs in Node (Electron main, pdfkit's node build)
 * and in the browser (pdfkit's browser build, loaded on demand by the web app).
 */
import PDFDocument from 'pdfkit';
import { fillWords, type ItineraryModel, type ItineraryModelDay, type ItineraryStop } from '@hamgaja/shared';

/** A font file: a path (Node) or its bytes (browser). */
export type PdfFont = string | ArrayBuffer | Uint8Array;

export interface PdfFonts {
  /** TrueType/OpenType fonts with Hangul and Latin (given so pdfkit never loads Helvetica). */
  regular: PdfFont;
  bold: PdfFont;
}

export interface PdfOptions {
  fonts: PdfFonts;
  /** Creation date written into the document. */
  now: Date;
}

const colors = { text: '#1f2328', muted: '#5f6670', accent: '#0f766e', rule: '#d0d4d9', over: '#b42318' };
const margin = 48;
const timeColumn = 78;

type Font = ConstructorParameters<typeof PDFDocument>[0] extends infer O
  ? O extends { font?: infer F }
    ? F
    : never
  : never;

/** pdfkit takes paths or Buffers; a Uint8Array view works in both builds. */
function fontSource(font: PdfFont): Font {
  return (typeof font === 'string' ? font : new Uint8Array(font)) as unknown as Font;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export function itineraryToPdf(model: ItineraryModel, options: PdfOptions): Promise<Uint8Array> {
  const d = model.words.document;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    autoFirstPage: false,
    bufferPages: true,
    font: fontSource(options.fonts.regular),
    lang: model.language === 'ko' ? 'ko-KR' : 'en-US',
    displayTitle: true,
    info: { Title: model.title, Author: 'Hamgaja', Creator: 'Hamgaja', CreationDate: options.now },
  });
  doc.registerFont('regular', fontSource(options.fonts.regular));
  doc.registerFont('bold', fontSource(options.fonts.bold));

  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(concat(chunks)));
    doc.on('error', reject);
  });

  const width = () => doc.page.width - margin * 2;
  const bottom = () => doc.page.height - margin - 24;

  function tripHeader(): void {
    doc
      .font('bold')
      .fontSize(18)
      .fillColor(colors.text)
      .text(model.title, margin, margin, { width: width() });
    const where = model.destination ? ` · ${model.destination}` : '';
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(colors.muted)
      .text(`${model.dates}${where}`, { width: width() });
  }

  function heading(label: string): void {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(14).fillColor(colors.accent).text(label, margin, doc.y, { width: width() });
    const y = doc.y + 4;
    doc
      .moveTo(margin, y)
      .lineTo(margin + width(), y)
      .lineWidth(0.7)
      .strokeColor(colors.rule)
      .stroke();
    doc.y = y + 10;
  }

  const dayLabel = (day: ItineraryModelDay) => `${day.label} · ${day.dateLabel}`;

  /** The text blocks of a stop, measured so a stop never splits across pages. */
  function stopBlocks(stop: ItineraryStop) {
    const textWidth = width() - timeColumn;
    const meta = [stop.categoryLabel, stop.address ?? ''].filter((s) => s.trim() !== '').join(' · ');
    const blocks = [
      { font: 'bold', size: 12, color: colors.text, text: stop.name },
      { font: 'regular', size: 9, color: colors.muted, text: meta },
      {
        font: 'regular',
        size: 9.5,
        color: colors.text,
        text: [stop.travel, stop.cost].filter(Boolean).join(' · '),
      },
      { font: 'regular', size: 10, color: colors.text, text: stop.note },
    ].filter((b) => b.text.trim() !== '');
    const height = blocks.reduce(
      (sum, b) => sum + doc.font(b.font).fontSize(b.size).heightOfString(b.text, { width: textWidth }) + 2,
      0,
    );
    return { blocks, height, textWidth };
  }

  function drawStop(stop: ItineraryStop, day: ItineraryModelDay): void {
    const { blocks, height, textWidth } = stopBlocks(stop);
    if (doc.y + height > bottom()) {
      doc.addPage();
      tripHeader();
      heading(`${dayLabel(day)} ${d.continued}`);
    }
    const top = doc.y;
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(colors.accent)
      .text(stop.time, margin, top, { width: timeColumn - 8 });
    if (stop.duration)
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(colors.muted)
        .text(stop.duration, { width: timeColumn - 8 });
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

  /** A line of the closing page, moved to a new page when it does not fit. */
  function line(text: string, style: { font?: string; size?: number; color?: string; indent?: number } = {}) {
    const { font = 'regular', size = 10.5, color = colors.text, indent = 0 } = style;
    const h = doc
      .font(font)
      .fontSize(size)
      .heightOfString(text, { width: width() - indent });
    if (doc.y + h > bottom()) {
      doc.addPage();
      tripHeader();
      doc.moveDown(0.8);
    }
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, margin + indent, doc.y, { width: width() - indent });
    doc.y += 3;
  }

  model.days.forEach((day, index) => {
    doc.addPage();
    tripHeader();
    if (index === 0) {
      doc
        .font('regular')
        .fontSize(9.5)
        .fillColor(colors.muted)
        .text(model.budget.summary, { width: width() });
      if (model.description)
        doc.moveDown(0.3).fontSize(10).fillColor(colors.text).text(model.description, { width: width() });
    }
    heading(dayLabel(day));
    if (day.stops.length === 0)
      doc
        .font('regular')
        .fontSize(10.5)
        .fillColor(colors.muted)
        .text(d.noStops, margin, doc.y, { width: width() });
    for (const stop of day.stops) drawStop(stop, day);
  });

  // Checklist, budget and notes on a closing page.
  doc.addPage();
  tripHeader();
  heading(d.checklist);
  if (model.checklist.length === 0) line(d.checklistEmpty, { color: colors.muted });
  for (const item of model.checklist)
    line(`${item.done ? '✓' : '□'}  ${item.text}`, { color: item.done ? colors.muted : colors.text });
  heading(d.budgetSummary);
  const b = model.budget;
  line(`${d.budget}: ${b.planned ?? '—'}`);
  line(`${d.plannedCost}: ${b.plannedCost}`);
  line(`${d.spent}: ${b.spent} (${b.expensesLabel})`);
  if (b.remaining)
    line(`${b.remaining.label}: ${b.remaining.amount}`, {
      font: 'bold',
      color: b.remaining.over ? colors.over : colors.accent,
    });
  if (b.otherCurrencies.length > 0) line(`${d.otherCurrencies}: ${b.otherCurrencies.join(', ')}`);
  if (model.notes.trim()) {
    heading(d.notes);
    line(model.notes);
  }

  // Footers once the page count is known; the bottom margin is lifted so they never add a page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 8;
    doc.font('regular').fontSize(8).fillColor(colors.muted);
    doc.text(`${d.generatedBy} · ${model.title}`, margin, y, { width: width() - 80, lineBreak: false });
    doc.text(fillWords(d.page, { n: i + 1, total: range.count }), margin + width() - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;
}
