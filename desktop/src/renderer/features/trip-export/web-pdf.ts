/**
 * The trip's PDF in the browser: the shared itinerary model drawn by the same pdfkit code the
 * desktop app uses. Loaded on demand (pdfkit and the fonts stay out of the first load); the
 * Pretendard font files come from the `pretendard` npm package, emitted by the web build.
 */
import regularFontUrl from 'pretendard/dist/public/static/Pretendard-Regular.otf?url';
import boldFontUrl from 'pretendard/dist/public/static/Pretendard-Bold.otf?url';
import type { ItineraryModel } from '@hamgaja/shared';
import { itineraryToPdf } from '../../../pdf/trip-pdf';

let fonts: Promise<{ regular: ArrayBuffer; bold: ArrayBuffer }> | null = null;

async function fetchFont(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

function loadFonts() {
  fonts ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  // A failed load is tried again next time.
  fonts.catch(() => {
    fonts = null;
  });
  return fonts;
}

export async function itineraryPdfBlob(model: ItineraryModel, now: Date): Promise<Blob> {
  const bytes = await itineraryToPdf(model, { fonts: await loadFonts(), now });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
