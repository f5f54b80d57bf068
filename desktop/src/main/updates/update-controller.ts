/**
 * Self-update policy on top of electron-updater: check on start and once a day, tell the UI
 * every state change, download in the background, install when the app quits. Restarting
 * now is refused while local edits still wait for the server, so an update never cuts one off.
 */
import type { InvokeResponse, Language, UpdateStatus } from '../../desktop-api/contract.js';
import { format, mainMessages } from '../i18n/messages.js';

/** The part of electron-updater's AppUpdater this policy uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export const DAILY_MS = 24 * 60 * 60 * 1000;

export interface UpdateControllerOptions {
  /** False when run from source: nothing is checked. */
  packaged: boolean;
  /** Pushes the status to the renderer. */
  publish: (status: UpdateStatus) => void;
  log?: (message: string) => void;
  now?: () => Date;
  /** Schedules the daily check (unref'd so it never keeps the app alive). */
  every?: (ms: number, run: () => void) => void;
}

export class UpdateController {
  private status: UpdateStatus;
  private unsyncedChanges = 0;
  private running: Promise<UpdateStatus> | null = null;

  constructor(
    private readonly updater: Updater,
    private readonly options: UpdateControllerOptions,
  ) {
    this.status = options.packaged ? { state: 'idle' } : { state: 'unsupported' };
    if (!options.packaged) return;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('checking-for-update', () => this.set({ state: 'checking' }));
    updater.on('update-not-available', () =>
      this.set({ state: 'up-to-date', checkedAt: (options.now?.() ?? new Date()).toISOString() }),
    );
    updater.on('update-available', (info) =>
      this.set({ state: 'downloading', version: info.version, percent: 0 }),
    );
    updater.on('download-progress', (progress) => {
      const version = this.status.state === 'downloading' ? this.status.version : '';
      this.set({ state: 'downloading', version, percent: Math.min(100, Math.max(0, progress.percent)) });
    });
    updater.on('update-downloaded', (info) => this.set({ state: 'downloaded', version: info.version }));
    updater.on('error', (error) => this.set({ state: 'error', message: error.message.slice(0, 500) }));
  }

  current(): UpdateStatus {
    return this.status;
  }

  /** Checks now and then every day. */
  start(): void {
    if (!this.options.packaged) return;
    void this.check();
    const every =
      this.options.every ??
      ((ms, run) => {
        setInterval(run, ms).unref();
      });
    every(DAILY_MS, () => void this.check());
  }

  /** One check at a time; a downloaded update is not checked again. */
  check(): Promise<UpdateStatus> {
    if (!this.options.packaged || this.status.state === 'downloaded') return Promise.resolve(this.status);
    this.running ??= this.updater
      .checkForUpdates()
      .catch((error: unknown) => {
        this.set({
          state: 'error',
          message: String(error instanceof Error ? error.message : error).slice(0, 500),
        });
      })
      .then(() => this.status)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  reportUnsyncedChanges(count: number): void {
    this.unsyncedChanges = count;
  }

  unsynced(): number {
    return this.unsyncedChanges;
  }

  /** Restarts into the update now, unless it is not there yet or edits wait for the server. */
  installNow(): InvokeResponse<'update:install'> {
    if (this.status.state !== 'downloaded') return { status: 'refused', reason: 'not-downloaded' };
    if (this.unsyncedChanges > 0) return { status: 'refused', reason: 'unsynced-changes' };
    this.options.log?.(`installing update ${this.status.version}`);
    // Runs after the answer is sent.
    setImmediate(() => this.updater.quitAndInstall(false, true));
    return { status: 'restarting' };
  }

  private set(status: UpdateStatus): void {
    this.status = status;
    this.options.log?.(`update status: ${status.state}`);
    this.options.publish(status);
  }
}

/**
 * The native prompt shown once an update is downloaded: restart now or later, or, while
 * edits wait for the server, only a note that it installs on quit (no restart button).
 */
export function updateReadyPrompt(version: string, unsyncedChanges: number, language: Language) {
  const t = mainMessages[language].updates;
  const waiting = unsyncedChanges > 0;
  return {
    title: t.readyTitle,
    message: format(t.ready, { version }),
    detail: waiting ? format(t.waitingEdits, { n: unsyncedChanges }) : t.installOnQuit,
    buttons: waiting ? [t.ok] : [t.restartNow, t.later],
    /** Index of the restart button, or null when there is none. */
    restartButton: waiting ? null : 0,
  };
}
