/** Turns a trip into the bytes of an export file in the chosen format (ICS, JSON or PDF). */
import {
  exportFileName,
  exportWords,
  itineraryModel,
  TRIP_FILE_EXTENSION,
  tripToIcs,
  tripToJson,
  type TripBundle,
} from '@hamgaja/shared';
import type { ExportFormat, Language } from '../../desktop-api/contract.js';
import { itineraryToPdf, type PdfFonts } from '../../pdf/trip-pdf.js';

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
      return Buffer.from(await itineraryToPdf(itineraryModel(bundle, options.language), options));
  }
}

/** The save dialog's suggested name and file-type filter. */
export function exportDialog(format: ExportFormat, title: string, language: Language) {
  const f = exportWords[language].files;
  const extension = exportExtensions[format];
  const name = format === 'ics' ? f.calendar : format === 'pdf' ? f.pdf : f.tripFile;
  const extensions = format === 'json' ? [extension, 'json'] : [extension];
  return { defaultName: exportFileName(title, extension), filters: [{ name, extensions }] };
}

/** The open dialog's filter for importing a trip. */
export function importDialogFilters(language: Language) {
  return [{ name: exportWords[language].files.tripFile, extensions: [TRIP_FILE_EXTENSION, 'json'] }];
}
