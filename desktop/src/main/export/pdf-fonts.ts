/**
 * The fonts embedded in exported PDFs: Pretendard (SIL Open Font License 1.1), which covers
 * Hangul and Latin. The build (scripts/build-electron.mjs) copies the two files into the app's
 * fonts/ folder; tests read them from the npm package (font-source.ts).
 */
import path from 'node:path';
import type { PdfFonts } from '../../pdf/trip-pdf.js';

export const PDF_FONT_FILES = { regular: 'Pretendard-Regular.otf', bold: 'Pretendard-Bold.otf' } as const;
export const PDF_FONT_LICENSE = 'OFL-1.1 (Pretendard, https://github.com/orioncactus/pretendard)';

export function pdfFontsIn(folder: string): PdfFonts {
  return {
    regular: path.join(folder, PDF_FONT_FILES.regular),
    bold: path.join(folder, PDF_FONT_FILES.bold),
  };
}
