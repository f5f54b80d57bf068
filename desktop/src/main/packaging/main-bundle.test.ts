// The main process ships as one esbuild bundle: the libraries it bundles (pdfkit, fontkit,
// ical-generator, zod) must still work once bundled. No Electron here, so the export code
// is bundled with the very same options and run under Node.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainProcessOptions } from '../../../scripts/esbuild-options.mjs';
import { packagedFontFolder } from '../export/font-source.js';
import { sampleBundle } from '../export/test-trip.js';
import type * as ExportFile from '../export/export-file.js';
import type * as PdfFonts from '../export/pdf-fonts.js';

let dir: string;
let bundled: typeof ExportFile & typeof PdfFonts;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hamgaja-bundle-'));
  const entry = path.join(dir, 'entry.ts');
  const { writeFile } = await import('node:fs/promises');
  const src = path.resolve(import.meta.dirname, '../export');
  await writeFile(
    entry,
    `export * from ${JSON.stringify(path.join(src, 'export-file.ts'))};\nexport * from ${JSON.stringify(path.join(src, 'pdf-fonts.ts'))};\n`,
  );
  await build({ ...mainProcessOptions, entryPoints: [entry], outfile: path.join(dir, 'export.cjs') });
  bundled = createRequire(import.meta.url)(path.join(dir, 'export.cjs'));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundled main-process exports', { timeout: 60_000 }, () => {
  it('render a PDF with one page per day, an ICS and a trip file', async () => {
    const options = {
      language: 'ko' as const,
      now: new Date('2025-03-01T00:00:00Z'),
      appVersion: '1.0.0',
      fonts: bundled.pdfFontsIn(packagedFontFolder()),
    };
    const pdf = await bundled.renderExport('pdf', sampleBundle(), options);
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    // Four days, then the checklist and budget page.
    expect(doc.numPages).toBe(5);
    await doc.destroy();
    expect((await bundled.renderExport('ics', sampleBundle(), options)).toString()).toContain('BEGIN:VEVENT');
    expect(JSON.parse((await bundled.renderExport('json', sampleBundle(), options)).toString()).format).toBe(
      'hamgaja-trip',
    );
  });
});
