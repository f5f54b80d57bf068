import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { importFile } from './file-import.js';
import { removeDevCatalog } from './store.js';
import { importFromTourApi, TOURAPI_BASE_URL } from './tourapi.js';

const USAGE = `usage: npm run catalog:import -- --from tourapi [--area N] [--type N] [--rows N] [--rate N] [--no-details] [--no-images] [--restart] [--max-pages N] [--base-url URL] [--keep-dev]
       npm run catalog:import -- --from FILE.csv|FILE.ndjson [--format csv|ndjson] [--attribution TEXT]
TourAPI needs TOURAPI_KEY (data.go.kr). The database is DATABASE_URL (default: the embedded SQLite file).`;

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** The command line, checked: a wrong value stops with one line naming the flag. */
export const importArgsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tourapi'),
    area: optionalInt(1, 99),
    type: optionalInt(12, 39),
    rows: z.coerce.number().int().min(1).max(1000).default(100),
    rate: z.coerce.number().gt(0).max(100).default(5),
    details: z.boolean(),
    images: z.boolean(),
    restart: z.boolean(),
    keepDev: z.boolean(),
    maxPages: optionalInt(1, 1_000_000),
    baseUrl: z.url({ protocol: /^https?$/ }).default(TOURAPI_BASE_URL),
  }),
  z.object({
    kind: z.literal('file'),
    file: z.string().min(1),
    format: z.enum(['csv', 'ndjson']).optional(),
    attribution: z.string().max(300).optional(),
  }),
]);
export type ImportArgs = z.infer<typeof importArgsSchema>;

export function parseImportArgs(argv: string[]): ImportArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      area: { type: 'string' },
      type: { type: 'string' },
      rows: { type: 'string' },
      rate: { type: 'string' },
      'no-details': { type: 'boolean', default: false },
      'no-images': { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      'keep-dev': { type: 'boolean', default: false },
      'max-pages': { type: 'string' },
      'base-url': { type: 'string' },
      format: { type: 'string' },
      attribution: { type: 'string' },
    },
    strict: true,
  });
  if (!values.from) throw new Error('--from is required (tourapi or a file)');
  const raw =
    values.from === 'tourapi'
      ? {
          kind: 'tourapi',
          area: values.area,
          type: values.type,
          rows: values.rows,
          rate: values.rate,
          details: !values['no-details'],
          images: !values['no-images'],
          restart: values.restart,
          keepDev: values['keep-dev'],
          maxPages: values['max-pages'],
          baseUrl: values['base-url'],
        }
      : { kind: 'file', file: values.from, format: values.format, attribution: values.attribution };
  const parsed = importArgsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`,
    );
  }
  return parsed.data;
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file))
    for (const byte of chunk as Buffer) if (byte === 10) lines += 1;
  return lines;
}

/** Runs one import; returns the process exit code (0 done, 1 failed, 2 done with rejected rows). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (err) {
    console.error(`catalog import: ${(err as Error).message}\n${USAGE}`);
    return 1;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.message.split('\n')) console.error(`config error: ${line}`);
    return 1;
  }
  if (args.kind === 'tourapi' && !config.tourApiKey) {
    console.error('config error: TOURAPI_KEY: required for --from tourapi (a data.go.kr service key)');
    return 1;
  }
  const db = await openDatabase(config.databaseUrl);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {percentage}% | {value}/{total} {unit} | {imported} imported',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  try {
    await migrate(db);
    if (args.kind === 'tourapi') {
      let started = false;
      const result = await importFromTourApi(db, {
        serviceKey: config.tourApiKey!,
        baseUrl: args.baseUrl,
        areaCode: args.area,
        contentTypeId: args.type,
        pageSize: args.rows,
        requestsPerSecond: args.rate,
        details: args.details,
        images: args.images,
        restart: args.restart,
        maxPages: args.maxPages,
        onProgress: (p) => {
          if (!started) bar.start(p.totalPages, 0, { unit: 'pages', imported: 0 });
          started = true;
          bar.setTotal(p.totalPages);
          bar.update(p.page, { imported: p.imported });
        },
        onRetry: (r) => console.error(`\nretry ${r.attempt} in ${r.waitMs} ms: ${r.reason}`),
      });
      bar.stop();
      // Real data replaces the hand-written sample places once a full import is in.
      const removed = result.finished && !args.keepDev ? await removeDevCatalog(db) : 0;
      if (removed > 0) console.error(`catalog import: removed the ${removed} dev catalog places`);
      for (const r of result.rejected) console.error(`contentid ${String(r.contentid)}: ${r.message}`);
      console.error(
        result.finished
          ? `catalog import: done, ${result.imported} attractions written (${result.totalCount} listed by TourAPI)`
          : `catalog import: stopped at page ${result.page} of ${result.totalPages}; run again to resume`,
      );
      return result.rejected.length > 0 ? 2 : 0;
    }
    const total = await countLines(args.file);
    bar.start(total, 0, { unit: 'lines', imported: 0 });
    const result = await importFile(db, args.file, {
      format: args.format,
      attribution: args.attribution ?? null,
      onProgress: (line) => bar.update(line),
    });
    bar.update(total, { imported: result.imported });
    bar.stop();
    for (const r of result.rejected.slice(0, 100)) console.error(`line ${r.line}: ${r.message}`);
    if (result.rejected.length > 100) console.error(`… and ${result.rejected.length - 100} more bad rows`);
    console.error(
      `catalog import: ${result.imported} attractions written, ${result.rejected.length} rows rejected`,
    );
    return result.rejected.length > 0 ? 2 : 0;
  } catch (err) {
    bar.stop();
    console.error(`catalog import: ${(err as Error).message} (run again to resume)`);
    return 1;
  } finally {
    await db.close();
  }
}
