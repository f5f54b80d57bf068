// The desktop app end to end (Playwright `_electron`), with the web app's page models: launches
// the staged app, checks the page is cut off from Node, logs in, plans a trip with the network
// off, exports it from the native File menu (ICS, JSON, PDF), imports it back, and runs the
// first-run connection choice. Skips, with one line from electron-setup.ts, where no Electron
// binary is installed.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElectronApplication, Page } from '@playwright/test';
import { expect, newCredentials, test } from './fixtures.js';
import {
  APP_ORIGIN,
  electronBinary,
  launchApp,
  newProfile,
  removeProfile,
  SKIP_REASON,
  startSyncServer,
  type SyncServer,
} from './electron-app.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppShell, LoginPage, TripFormPage, TripPage, TripsListPage } from './pages/index.js';
import { mainMessages } from '../src/main/i18n/messages.js';

const menu = mainMessages.en.menu;

/** Clicks a native menu item by its label, as a user would. */
async function clickMenu(app: ElectronApplication, label: string): Promise<void> {
  await app.evaluate(({ BrowserWindow, Menu }, wanted) => {
    type Item = Electron.MenuItem;
    const find = (items: Item[]): Item | undefined => {
      for (const item of items) {
        if (item.label === wanted) return item;
        const inner = item.submenu ? find(item.submenu.items) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const item = find(Menu.getApplicationMenu()?.items ?? []);
    if (!item) throw new Error(`no menu item "${wanted}"`);
    const window = BrowserWindow.getAllWindows()[0];
    item.click(undefined, window, window?.webContents);
  }, label);
}

test.describe('desktop app', () => {
  test.skip(electronBinary() === null, SKIP_REASON);

  let work: string;
  let server: SyncServer;
  let profile: string;
  let app: ElectronApplication;
  let window: Page;

  test.beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'hamgaja-electron-e2e-'));
    server = await startSyncServer(path.join(work, 'server'));
    profile = newProfile(server.url);
    app = await launchApp(profile);
    window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    await server?.stop();
    if (profile) removeProfile(profile);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the page is isolated from Node and cannot open windows', async () => {
    expect(window.url()).toMatch(new RegExp(`^${APP_ORIGIN}/`));
    // No Node in the page, and the preload's own scope (ipcRenderer) is not reachable from it.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
      kind: (globalThis as { hamgaja?: { kind?: string } }).hamgaja?.kind,
      frozen: Object.isFrozen((globalThis as { hamgaja?: object }).hamgaja),
    }));
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      kind: 'desktop',
      frozen: true,
    });
    // The CSP arrives with the page.
    const csp = await window.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    // window.open never creates a window.
    await window.evaluate(() => globalThis.open('app://hamgaja/trips'));
    expect(app.windows()).toHaveLength(1);
  });

  test('plans a trip offline, exports it from the File menu and imports it back', async () => {
    const shell = new AppShell(window, 'en');
    const login = new LoginPage(window, 'en');
    const credentials = newCredentials('Desktop Traveller');
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    expect(signup.status).toBe(201);

    await shell.loginLink.click();
    await expect(login.heading).toBeVisible();
    await login.logIn(credentials);
    await shell.expectLoggedIn(credentials.displayName);

    // The network goes away: planning goes on against the local database.
    await app.evaluate(({ session }) => session.defaultSession.enableNetworkEmulation({ offline: true }));
    await shell.navLink('trips').click();
    const list = new TripsListPage(window, 'en');
    await expect(list.heading).toBeVisible();
    await list.newTripLink.click();
    const tripId = await new TripFormPage(window, 'en').createTrip({
      title: 'Jeju offline',
      startDate: '2026-05-01',
      endDate: '2026-05-03',
    });
    const trip = new TripPage(window, 'en');
    await expect(trip.heading('Jeju offline')).toBeVisible();
    await trip.addStop({ name: 'Seongsan Ilchulbong', day: 1, startTime: '06:00' });
    await trip.addStop({ name: 'Hallasan', day: 2 });
    expect(tripId).not.toBe('');

    // Save dialogs answered by the test; the rest is the real path: menu → renderer → IPC → file.
    const files = {
      ics: path.join(work, 'trip.ics'),
      json: path.join(work, 'trip.hamgaja'),
      pdf: path.join(work, 'trip.pdf'),
    };
    for (const format of ['ics', 'json', 'pdf'] as const) {
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, files[format]);
      const label = { ics: menu.exportIcs, json: menu.exportJson, pdf: menu.exportPdf }[format];
      await clickMenu(app, label);
      await expect.poll(() => existsSync(files[format]) && statSync(files[format]).size > 0).toBe(true);
    }
    const ics = readFileSync(files.ics, 'utf8');
    expect(ics).toContain('SUMMARY:Seongsan Ilchulbong');
    expect(ics).toContain('SUMMARY:Hallasan');
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(files.pdf)), isEvalSupported: false })
      .promise;
    // Three days, then the checklist and budget page.
    expect(pdf.numPages).toBe(4);
    await pdf.destroy();

    // File → Import: the trip file comes back as a new trip, and the app opens it.
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [filePath],
      })) as typeof dialog.showOpenDialog;
    }, files.json);
    await clickMenu(app, menu.importTrip);
    await expect(window).not.toHaveURL(new RegExp(`/trips/${tripId}$`));
    await expect(window).toHaveURL(/\/trips\/[A-Za-z0-9_-]+$/);
    await expect(trip.heading('Jeju offline')).toBeVisible();
    await expect(trip.stop('Hallasan')).toBeVisible();
  });

  test('first run asks for local-only or a server, and the app opens with the choice', async () => {
    const firstRun = newProfile(undefined);
    const fresh = await launchApp(firstRun);
    try {
      const page = await fresh.firstWindow();
      const c = mainMessages.en.connection;
      await expect(page).toHaveURL(`${APP_ORIGIN}/_desktop/connection.html`);
      await expect(page.getByRole('heading', { name: c.title })).toBeVisible();
      await page.getByRole('radio', { name: new RegExp(c.serverTitle) }).check();
      await page.getByLabel(c.serverUrl).fill(server.url);
      await page.getByRole('button', { name: c.save }).click();
      await expect(page).toHaveURL(`${APP_ORIGIN}/`);
      expect(
        await page.evaluate(() => (globalThis as { hamgaja?: { serverUrl?: string } }).hamgaja?.serverUrl),
      ).toBe(server.url);
      const saved = JSON.parse(readFileSync(path.join(firstRun, 'hamgaja-settings.json'), 'utf8')) as unknown;
      expect(saved).toMatchObject({ connection: { mode: 'server', url: server.url } });
    } finally {
      await fresh.close();
      removeProfile(firstRun);
    }
  });
});
