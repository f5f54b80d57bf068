/** Turns a trip into the bytes of an export file in the chosen format (ICS, JSON or PDF). */
import type { ExportFormat, Language } from '../../desktop-api/contract.js';
import { TRIP_FILE_EXTENSION, type TripBundle } from '../../desktop-api/trip-bundle.js';
import { mainMessages } from '../i18n/messages.js';
import { tripToIcs } from './ics.js';
import { exportFileName } from './itinerary.js';
import { tripToPdf, type PdfFonts } from './pdf.js';
import { tripToJson } from './trip-json.js';

export interface ExportOptions {
  language: Language;
  now: Date;
  appVersion: string;
  fonts: PdfFonts;
}

export const exportExtensions: Record<ExportFormat, string> = {
  ics: 'ics',
  json: TRIP_FILE_EXTENSION,
  pdf: 'pdf',
};

export async function renderExport(
  format: ExportFormat,
  bundle: TripBundle,
  options: ExportOptions,
): Promise<Buffer> {
  switch (format) {
    case 'ics':
      return Buffer.from(tripToIcs(bundle, options), 'utf8');
    case 'json':
      return Buffer.from(tripToJson(bundle, options), 'utf8');
    case 'pdf':
      return tripToPdf(bundle, options);
  }
}

/** The save dialog's suggested name and file-type filter. */
export function exportDialog(format: ExportFormat, title: string, language: Language) {
  const d = mainMessages[language].dialogs;
  const extension = exportExtensions[format];
  const name = format === 'ics' ? d.calendar : format === 'pdf' ? d.pdf : d.tripFile;
  const extensions = format === 'json' ? [extension, 'json'] : [extension];
  return { defaultName: exportFileName(title, extension), filters: [{ name, extensions }] };
}

/** The open dialog's filter for importing a trip. */
export function importDialogFilters(language: Language) {
  return [{ name: mainMessages[language].dialogs.tripFile, extensions: [TRIP_FILE_EXTENSION, 'json'] }];
}
