/**
 * The IPC contract between the Electron main process and the renderer (through the preload).
 * One zod schema per message: the preload validates what it sends and what it receives, the
 * main process validates what it receives and what it answers. Platform-free: imported by
 * main, preload and renderer alike.
 */
import { z } from 'zod';
import { isContentSecurityPolicyOrigin } from '@hamgaja/shared';
import { tripBundleSchema } from './trip-bundle.js';

/** Name of the object the preload exposes on `window`. */
export const DESKTOP_API_GLOBAL = 'hamgaja';

export const languageSchema = z.enum(['ko', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const platformSchema = z.enum(['darwin', 'win32', 'linux']);
export type Platform = z.infer<typeof platformSchema>;

/**
 * True for `http(s)://host[:port]` with nothing else (no path, query, fragment or credentials)
 * whose host the app's Content-Security-Policy can name (letters, digits, `-`, IP addresses).
 */
function isServerOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.origin === value &&
      isContentSecurityPolicyOrigin(value)
    );
  } catch {
    return false;
  }
}

/** A sync server's origin, e.g. `https://trips.example.com` (the API lives under `/api`). */
export const serverUrlSchema = z
  .string()
  .min(1)
  .max(2048)
  .refine(isServerOrigin, 'an http(s) origin such as https://trips.example.com');

/** Normalizes what a user typed ("trips.example.com/", "HTTPS://X") to an origin, or null. */
export function toServerOrigin(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.username || url.password || url.search || url.hash) return null;
    if (url.pathname !== '/' && url.pathname !== '') return null;
    return isServerOrigin(url.origin) ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Where the app syncs: not chosen yet (first run), only on this computer, or a sync server.
 * Local data is kept in every mode; choosing a server later syncs it up.
 */
export const connectionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('unset') }),
  z.strictObject({ mode: z.literal('local') }),
  z.strictObject({ mode: z.literal('server'), url: serverUrlSchema }),
]);
export type Connection = z.infer<typeof connectionSchema>;

/** A choice the user can make (`unset` is only the state before the first choice). */
export const connectionChoiceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('local') }),
  z.strictObject({ mode: z.literal('server'), url: serverUrlSchema }),
]);
export type ConnectionChoice = z.infer<typeof connectionChoiceSchema>;

/** What the renderer needs synchronously before its first render. */
export const bootInfoSchema = z.strictObject({
  platform: platformSchema,
  version: z.string().min(1).max(50),
  /** False when run from a source checkout (no auto-update then). */
  packaged: z.boolean(),
  language: languageSchema,
  connection: connectionSchema,
});
export type BootInfo = z.infer<typeof bootInfoSchema>;

export const exportFormatSchema = z.enum(['ics', 'json', 'pdf']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** The state of the self-updater, pushed to the UI as it changes. */
export const updateStatusSchema = z.discriminatedUnion('state', [
  /** Run from source: updates come from git, not from GitHub Releases. */
  z.strictObject({ state: z.literal('unsupported') }),
  z.strictObject({ state: z.literal('idle') }),
  z.strictObject({ state: z.literal('checking') }),
  z.strictObject({ state: z.literal('up-to-date'), checkedAt: z.iso.datetime() }),
  z.strictObject({
    state: z.literal('downloading'),
    version: z.string().max(50),
    percent: z.number().min(0).max(100),
  }),
  /** Installs on quit; `installUpdate()` restarts now. */
  z.strictObject({ state: z.literal('downloaded'), version: z.string().max(50) }),
  z.strictObject({ state: z.literal('error'), message: z.string().max(500) }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

/** An invite code as the server issues it (sync-server/src/trips/routes.ts accepts the same). */
export const inviteCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{16,43}$/, 'invite code');

/** What a `hamgaja://` link asks the app to do. */
export const deepLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('invite'), code: inviteCodeSchema }),
]);
export type DeepLink = z.infer<typeof deepLinkSchema>;

/** Native menu items that the renderer carries out (it knows the open trip and the router). */
export const menuCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('new-trip') }),
  z.strictObject({ command: z.literal('import-trip') }),
  z.strictObject({ command: z.literal('export-trip'), format: exportFormatSchema }),
  z.strictObject({ command: z.literal('set-language'), language: languageSchema }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

const fileNameSchema = z.string().min(1).max(255);

export const importResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('imported'), fileName: fileNameSchema, bundle: tripBundleSchema }),
  z.strictObject({ status: z.literal('canceled') }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

const nothing = z.null();

/** Renderer → main requests with their answers. */
export const invokeContract = {
  /** Saves the first-run / settings choice; the window then reloads with it. */
  'connection:set': { request: connectionChoiceSchema, response: connectionSchema },
  /** The UI language changed: native menus and dialogs follow. */
  'language:set': { request: languageSchema, response: nothing },
  /** How many local edits wait for the server (the updater never restarts over them). */
  'sync:report': {
    request: z.strictObject({ unsyncedChanges: z.int().min(0).max(1_000_000_000) }),
    response: nothing,
  },
  /** Asks where to save, then writes the trip as a calendar (ICS), a trip file (JSON) or a PDF. */
  'trip:export': {
    request: z.strictObject({
      format: exportFormatSchema,
      language: languageSchema,
      bundle: tripBundleSchema,
    }),
    response: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('saved'), fileName: fileNameSchema }),
      z.strictObject({ status: z.literal('canceled') }),
    ]),
  },
  /** Asks for a trip file and returns its validated content (the renderer stores it). */
  'trip:import': { request: nothing, response: importResultSchema },
  'update:check': { request: nothing, response: updateStatusSchema },
  /** Restarts into a downloaded update, unless local edits still wait for the server. */
  'update:install': {
    request: nothing,
    response: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('restarting') }),
      z.strictObject({
        status: z.literal('refused'),
        reason: z.enum(['unsynced-changes', 'not-downloaded']),
      }),
    ]),
  },
  'logs:open': { request: nothing, response: nothing },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>;
export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeContract, value);
}

/** Main → renderer notifications. */
export const eventContract = {
  'event:update-status': updateStatusSchema,
  'event:deep-link': deepLinkSchema,
  'event:menu-command': menuCommandSchema,
  /** A trip file opened from the file manager (file association) or dropped on the dock icon. */
  'event:trip-file-opened': importResultSchema,
} as const;

export type EventChannel = keyof typeof eventContract;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;
export const eventChannels = Object.keys(eventContract) as EventChannel[];

/** Synchronous channel answered with the boot info (read once by the preload). */
export const BOOT_CHANNEL = 'hamgaja:boot';

// ---------------------------------------------------------------------------------------
// Answers and errors
// ---------------------------------------------------------------------------------------

export const ipcErrorCodes = [
  /** The request did not match the contract. */
  'invalid_request',
  /** The channel is not part of the contract. */
  'unknown_channel',
  /** The message came from a page that is not the app. */
  'untrusted_sender',
  /** The chosen file is not a Hamgaja trip file (or is damaged). */
  'invalid_trip_file',
  /** The trip file comes from a newer Hamgaja. */
  'trip_file_too_new',
  /** Writing or reading a file failed. */
  'file_error',
  /** A bug on the other side (including an answer that broke the contract). */
  'internal',
  /** The answer from the main process did not match the contract (checked by the preload). */
  'invalid_response',
] as const;
export const ipcErrorCodeSchema = z.enum(ipcErrorCodes);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

/** Every invoke answers with this envelope so errors keep their stable code across IPC. */
export const ipcResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: ipcErrorCodeSchema, message: z.string().max(2000) }),
  }),
]);
export type IpcResult = z.infer<typeof ipcResultSchema>;

/** The one error type that crosses IPC; `code` is stable, `message` is for logs. */
export class DesktopApiError extends Error {
  override readonly name = 'DesktopApiError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A short, readable summary of a zod error (first few issues with their paths). */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; ${error.issues.length - limit} more` : '';
  return parts.join('; ') + more;
}
