/**
 * What the renderer imports to learn it runs in the desktop app: `desktopApi()` is the preload's
 * `window.hamgaja` there and null in the web build, which otherwise stays identical.
 * Type-only imports: nothing of the IPC contract is bundled into the web app.
 */
import type { HamgajaDatabase } from '@hamgaja/shared';
import type { HamgajaDesktopApi } from './api.js';
import type { DeepLink, ExportFormat, ImportResult, Language, MenuCommand } from './contract.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in browsers. */
    readonly hamgaja?: HamgajaDesktopApi;
  }
}

export type { HamgajaDesktopApi };

export function desktopApi(): HamgajaDesktopApi | null {
  const api = typeof window === 'undefined' ? undefined : window.hamgaja;
  return api?.kind === 'desktop' ? api : null;
}

/** Where an invite link or a navigating menu item takes the app; null for commands a page handles. */
export function routeFor(event: DeepLink | MenuCommand): string | null {
  if ('kind' in event) return `/invite/${encodeURIComponent(event.code)}`;
  if (event.command === 'new-trip') return '/trips/new';
  return null;
}

export interface DesktopBridgeOptions {
  navigate: (path: string) => void;
  /** The number of local edits waiting for the server, and a way to follow it. */
  pendingChanges: { get(): number; subscribe(listener: () => void): () => void };
  /** The UI language changed from the native menu. */
  setLanguage?: (language: 'ko' | 'en') => void;
  /** Follows the UI language, so native menus and dialogs speak it too. */
  followLanguage?: (listener: (language: string) => void) => () => void;
  /** What File → Export / Import and opened trip files work on; without it they do nothing. */
  trips?: TripContext;
}

/** Read at the moment a menu item is chosen. */
export interface TripContext {
  /** The local database of the signed-in user, null while there is none. */
  database(): Pick<
    HamgajaDatabase,
    'trips' | 'stops' | 'checklistItems' | 'expenses' | 'reservations'
  > | null;
  userId(): string | null;
  /** The trip on screen (from the route), null elsewhere. */
  openTripId(): string | null;
  language(): Language;
  onError(error: unknown): void;
}

async function exportOpenTrip(
  api: HamgajaDesktopApi,
  trips: TripContext,
  format: ExportFormat,
): Promise<void> {
  const db = trips.database();
  const tripId = trips.openTripId();
  if (!db || !tripId) return;
  const { readTripBundle } = await import('./trip-transfer.js');
  const bundle = await readTripBundle(db, tripId);
  if (bundle) await api.exportTrip({ format, language: trips.language(), bundle });
}

async function importTrip(
  trips: TripContext,
  result: ImportResult,
  navigate: (path: string) => void,
): Promise<void> {
  const db = trips.database();
  const userId = trips.userId();
  if (result.status !== 'imported' || !db || !userId) return;
  const { importTripBundle } = await import('./trip-transfer.js');
  navigate(`/trips/${encodeURIComponent(await importTripBundle(db, result.bundle, userId))}`);
}

/**
 * Connects the desktop shell to the app: invite links and menu items navigate, the menu's
 * language choice reaches the UI, and the updater learns how many edits wait for the server
 * (it never restarts over them). Returns the disconnect function; a no-op on the web.
 */
export function connectDesktop(options: DesktopBridgeOptions): () => void {
  const api = desktopApi();
  if (!api) return () => undefined;
  let reported = -1;
  const report = () => {
    const count = options.pendingChanges.get();
    if (count === reported) return;
    reported = count;
    void api.reportUnsyncedChanges(count).catch(() => undefined);
  };
  report();
  const stops = [
    options.pendingChanges.subscribe(report),
    options.followLanguage?.((language) => {
      if (language === 'ko' || language === 'en') void api.setLanguage(language).catch(() => undefined);
    }) ?? (() => undefined),
    api.onDeepLink((link) => {
      const path = routeFor(link);
      if (path) options.navigate(path);
    }),
    api.onMenuCommand((command) => {
      if (command.command === 'set-language') options.setLanguage?.(command.language);
      const { trips } = options;
      if (trips && command.command === 'export-trip')
        exportOpenTrip(api, trips, command.format).catch(trips.onError);
      if (trips && command.command === 'import-trip')
        api
          .importTrip()
          .then((result) => importTrip(trips, result, options.navigate))
          .catch(trips.onError);
      const path = routeFor(command);
      if (path) options.navigate(path);
    }),
    api.onTripFileOpened((result) => {
      if (options.trips) importTrip(options.trips, result, options.navigate).catch(options.trips.onError);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
