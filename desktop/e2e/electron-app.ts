// Launching the desktop app and a sync server for it, for electron.spec.ts. By default the staged
// app (desktop/dist/app) runs in the installed Electron; with HAMGAJA_ELECTRON_EXECUTABLE set (the
// packaged app's executable: linux-unpacked/hamgaja, squashfs-root/hamgaja of an extracted AppImage) that
// executable runs instead, with no app folder argument: the app users get, app.asar and fuses included.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';
import { freePort, REPO_ROOT, SERVER_MAIN, sqliteServerEnv } from './stack.js';

export const APP_DIR = path.join(REPO_ROOT, 'desktop/dist/app');
export const APP_ORIGIN = 'app://hamgaja';
export const SKIP_REASON =
  'no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); run `node node_modules/electron/install.js` where GitHub is reachable';

/** The packaged app's executable to test instead of the staged app, from HAMGAJA_ELECTRON_EXECUTABLE. */
export function packagedExecutable(): string | null {
  const value = process.env.HAMGAJA_ELECTRON_EXECUTABLE?.trim();
  return value ? path.resolve(REPO_ROOT, value) : null;
}

/**
 * Path of the installed Electron executable, or null when only the npm package (no binary) is
 * installed. Reads what `require('electron')` reads, without its side effect: since Electron 45
 * that require downloads a missing binary (and fails slowly where GitHub is unreachable).
 */
export function installedElectron(): string | null {
  const folder = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(folder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** The executable the tests launch (the packaged app's, else Electron's), or null: the tests skip. */
export function electronBinary(): string | null {
  return packagedExecutable() ?? installedElectron();
}

export interface SyncServer {
  url: string;
  stop(): Promise<void>;
}

/** One built sync-server on SQLite (no Nginx, no MariaDB): the desktop app talks to it directly. */
export async function startSyncServer(dir: string): Promise<SyncServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const log = openSync(path.join(dir, 'server.log'), 'a');
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      // app://hamgaja is always allowed by CORS (sync-server/src/app.ts).
      ...sqliteServerEnv(dir, port, url),
      WEB_DIR: '',
    },
    stdio: ['ignore', log, log],
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null)
      throw new Error(
        `sync-server exited: ${readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`,
      );
    const ready = await fetch(`${url}/api/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A fresh profile whose settings already name the server (the first-run choice made); `undefined`: first run. */
export function newProfile(serverUrl: string | null | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-electron-'));
  if (serverUrl === undefined) return dir;
  const connection = serverUrl ? { mode: 'server', url: serverUrl } : { mode: 'local' };
  writeFileSync(
    path.join(dir, 'hamgaja-settings.json'),
    JSON.stringify({ connection, language: 'en', window: null }),
  );
  return dir;
}

export async function launchApp(profile: string): Promise<ElectronApplication> {
  const packaged = packagedExecutable();
  const executablePath = packaged ?? installedElectron();
  if (!executablePath) throw new Error(SKIP_REASON);
  // Chromium's OS sandbox cannot start as root, nor on Ubuntu 24.04 runners (AppArmor blocks
  // unprivileged user namespaces: electron/electron#42510). The app's own settings (sandboxed
  // renderer, context isolation) still apply and are what the tests check.
  const noOsSandbox = process.getuid?.() === 0 || Boolean(process.env.CI);
  return _electron.launch({
    executablePath,
    // A packaged app loads its own resources/app.asar: no app folder argument.
    args: [...(noOsSandbox ? ['--no-sandbox'] : []), ...(packaged ? [] : [APP_DIR])],
    env: { ...process.env, HAMGAJA_USER_DATA: profile, LANG: 'en_US.UTF-8' } as Record<string, string>,
  });
}

export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
