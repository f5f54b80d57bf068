/**
 * The desktop app's own settings (server choice, menu language, window bounds), kept as one
 * small JSON file in the user-data folder. A damaged or older file never stops the app: what
 * fails validation falls back to the defaults, field by field.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { connectionSchema, languageSchema } from '../../desktop-api/contract.js';

export const savedBoundsSchema = z.strictObject({
  x: z.int().min(-100_000).max(100_000).optional(),
  y: z.int().min(-100_000).max(100_000).optional(),
  width: z.int().min(1).max(100_000),
  height: z.int().min(1).max(100_000),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type SavedBounds = z.infer<typeof savedBoundsSchema>;

export const settingsSchema = z.strictObject({
  connection: connectionSchema,
  /** null: follow the operating system's locale. */
  language: languageSchema.nullable(),
  window: savedBoundsSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { connection: { mode: 'unset' }, language: null, window: null };

export const SETTINGS_FILE = 'hamgaja-settings.json';

/** Each field on its own, so a bad window entry does not forget the server choice. */
function fromUnknown(data: unknown): Settings {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = settingsSchema.shape[key].safeParse(record[key]);
    return parsed.success ? (parsed.data as Settings[K]) : defaultSettings[key];
  };
  return { connection: field('connection'), language: field('language'), window: field('window') };
}

export class SettingsStore {
  private current: Settings = defaultSettings;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inFolder(folder: string): SettingsStore {
    return new SettingsStore(path.join(folder, SETTINGS_FILE));
  }

  /** Reads the file once at start; a missing or unreadable file gives the defaults. */
  async load(): Promise<Settings> {
    try {
      this.current = fromUnknown(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      this.current = defaultSettings;
    }
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  /** Validates, then writes through a temporary file so a crash never leaves half a file. */
  update(change: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...this.current, ...change });
    this.current = next;
    const write = async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
      await rename(temporary, this.file);
    };
    // Writes happen in order; a failed write does not block the next one.
    this.writing = this.writing.then(write, write);
    return this.writing.then(() => next);
  }
}
