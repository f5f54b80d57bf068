/** The object the preload exposes as `window.hamgaja`: everything the renderer may ask of the desktop. */
import type {
  BootInfo,
  Connection,
  ConnectionChoice,
  DeepLink,
  ExportFormat,
  ImportResult,
  InvokeResponse,
  Language,
  MenuCommand,
  Platform,
  UpdateStatus,
} from './contract.js';
import type { TripBundle } from './trip-bundle.js';

/** Stops a subscription. */
export type Unsubscribe = () => void;

export interface HamgajaDesktopApi {
  readonly kind: 'desktop';
  readonly platform: Platform;
  readonly version: string;
  readonly packaged: boolean;
  /** The language native menus start in (the renderer may switch it with `setLanguage`). */
  readonly language: Language;
  /** The connection chosen on first run or in settings. */
  readonly connection: Connection;
  /** The sync server's origin when one is chosen, else null (local-only or not chosen yet). */
  readonly serverUrl: string | null;

  /** Saves the choice and reloads the window with it. */
  setConnection(choice: ConnectionChoice): Promise<Connection>;
  setLanguage(language: Language): Promise<void>;
  /** Tells the updater how many local edits wait for the server. */
  reportUnsyncedChanges(count: number): Promise<void>;
  exportTrip(request: {
    format: ExportFormat;
    language: Language;
    bundle: TripBundle;
  }): Promise<InvokeResponse<'trip:export'>>;
  importTrip(): Promise<ImportResult>;
  checkForUpdates(): Promise<UpdateStatus>;
  installUpdate(): Promise<InvokeResponse<'update:install'>>;
  openLogsFolder(): Promise<void>;

  onUpdateStatus(listener: (status: UpdateStatus) => void): Unsubscribe;
  /** Links opened before anyone listened are delivered to the first listener. */
  onDeepLink(listener: (link: DeepLink) => void): Unsubscribe;
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Trip files opened from the file manager; held for the first listener like deep links. */
  onTripFileOpened(listener: (result: ImportResult) => void): Unsubscribe;
}

export type { BootInfo };
