import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { Database } from '../db/database.js';
import { ktoItemSchema, RecordError, toAttractionRow, type AttractionRow } from './records.js';
import { upsertAttractions } from './store.js';

export type RowProblem = { line: number; message: string };
export type FileImportResult = { imported: number; rejected: RowProblem[] };
export type FileImportOptions = {
  format?: 'csv' | 'ndjson';
  /** Used for rows that carry no attribution column. */
  attribution?: string | null;
  batchSize?: number;
  onProgress?: (linesRead: number) => void;
};

/** Each record of a CSV (header row names the KTO fields) or NDJSON file, with the line it starts on. */
async function* records(
  file: string,
  format: 'csv' | 'ndjson',
): AsyncGenerator<{ line: number; value: unknown }> {
  if (format === 'ndjson') {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        yield { line, value: JSON.parse(text) };
      } catch {
        yield { line, value: new RecordError('not valid JSON') };
      }
    }
    return;
  }
  const parser = createReadStream(file).pipe(
    parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      trim: true,
    }),
  );
  for await (const record of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: record.info.lines, value: record.record };
  }
}

/** Why a row was refused, in one line: "mapy: Too big: expected number to be <=90". */
function problemOf(error: unknown): string {
  if (error instanceof RecordError) return error.message;
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports a CSV or NDJSON file of attractions in the KTO layout. Good rows are written in
 * batches; bad rows are reported with their line numbers and skipped.
 */
export async function importFile(
  db: Database,
  file: string,
  options: FileImportOptions = {},
): Promise<FileImportResult> {
  const format = options.format ?? (/\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'csv');
  const batchSize = options.batchSize ?? 500;
  const rejected: RowProblem[] = [];
  let batch: AttractionRow[] = [];
  let imported = 0;
  let lastLine = 0;
  const flush = async () => {
    await upsertAttractions(db, batch);
    imported += batch.length;
    batch = [];
    options.onProgress?.(lastLine);
  };
  for await (const { line, value } of records(file, format)) {
    lastLine = line;
    try {
      if (value instanceof RecordError) throw value;
      const item = ktoItemSchema.parse(value);
      batch.push(toAttractionRow(item, { source: 'file', attribution: options.attribution ?? null }));
    } catch (error) {
      rejected.push({ line, message: problemOf(error) });
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { imported, rejected };
}
