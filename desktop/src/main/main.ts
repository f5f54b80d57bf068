/**
 * The Electron main process: wires the plain modules next to this file to Electron and
 * holds no logic of its own (everything it calls is tested under Node).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import { exportWords, MAX_TRIP_FILE_BYTES, TripFileError, tripFromJson } from '@hamgaja/shared';
import {
  BOOT_CHANNEL,
  bootInfoSchema,
  DesktopApiError,
  invokeChannels,
  platformSchema,
  type BootInfo,
  type DeepLink,
  type EventChannel,
  type EventPayload,
  type ImportResult,
  type Language,
} from '../desktop-api/contract.js';
import { CONNECTION_PAGE_PATH } from '../desktop-api/connection-page/connection-form.js';
import { appSchemePrivileges, createProtocolHandler } from './app-protocol/app-protocol.js';
import { DEEP_LINK_SCHEME, findDeepLink, findTripFile, parseDeepLink } from './deep-links/deep-links.js';
import { exportDialog, importDialogFilters, renderExport } from './export/export-file.js';
import { pdfFontsIn } from './export/pdf-fonts.js';
import { languageForLocale, mainMessages } from './i18n/messages.js';
import { checkedEvent, createIpcRouter, type IpcHandlers } from './ipc/ipc-router.js';
import { menuTemplate } from './menu/menu-template.js';
import { contentSecurityPolicy } from './security/content-security-policy.js';
import { devToolsEnabled } from './security/devtools.js';
import { APP_ORIGIN, APP_SCHEME, APP_START_URL, isAppUrl } from './security/navigation.js';
import { isPermissionAllowed } from './security/permissions.js';
import { installWebContentsGuards } from './security/web-contents-guards.js';
import { createWindowOptions } from './security/window-options.js';
import { SettingsStore } from './settings/settings-store.js';
import { UpdateController, updateReadyPrompt } from './updates/update-controller.js';
import { boundsToSave, restoreBounds } from './window-state/window-state.js';

/** The staged app folder (dist/app): main/, preload/, web/ and fonts/ (see scripts/build-electron.mjs). */
const appRoot = app.getAppPath();
/** Tests point the app at a throw-away profile so runs never share data. */
if (process.env.HAMGAJA_USER_DATA) app.setPath('userData', path.resolve(process.env.HAMGAJA_USER_DATA));

// No preload of its own: the page gets window.hamgaja and nothing else.
log.initialize({ preload: false });
log.errorHandler.startCatching();
log.transports.file.level = 'info';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: appSchemePrivileges }]);

/** Off in a packaged build unless support asked for them (--enable-devtools, HAMGAJA_DEVTOOLS=1). */
const devTools = devToolsEnabled({ packaged: app.isPackaged, argv: process.argv, env: process.env });

const settings = SettingsStore.inFolder(app.getPath('userData'));
let mainWindow: BrowserWindow | null = null;
let language: Language = 'en';
/** Links and files that arrived before the window could take them. */
const pending: { links: DeepLink[]; files: string[] } = { links: [], files: [] };

function send<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
  const checked = checkedEvent(channel, payload);
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, checked);
}

const updates = new UpdateController(autoUpdater, {
  packaged: app.isPackaged,
  publish: (status) => {
    send('event:update-status', status);
    if (status.state === 'downloaded') void promptUpdateReady(status.version);
  },
  log: (message) => log.info(message),
});
autoUpdater.logger = log;

/** Tells the user an update is ready; restarts only when asked and no edit waits for the server. */
async function promptUpdateReady(version: string): Promise<void> {
  const prompt = updateReadyPrompt(version, updates.unsynced(), language);
  const options = {
    type: 'info' as const,
    title: prompt.title,
    message: prompt.message,
    detail: prompt.detail,
    buttons: prompt.buttons,
    defaultId: 0,
    cancelId: prompt.buttons.length - 1,
  };
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  if (response === prompt.restartButton) updates.installNow();
}

function bootInfo(): BootInfo {
  const platform = platformSchema.safeParse(process.platform);
  return bootInfoSchema.parse({
    platform: platform.success ? platform.data : 'linux',
    version: app.getVersion(),
    packaged: app.isPackaged,
    language,
    connection: settings.get().connection,
  });
}

function serverOrigin(): string | null {
  const { connection } = settings.get();
  return connection.mode === 'server' ? connection.url : null;
}

/** The first-run page until a connection is chosen, then the app. */
function startUrl(): string {
  return settings.get().connection.mode === 'unset' ? `${APP_ORIGIN}${CONNECTION_PAGE_PATH}` : APP_START_URL;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** True while the window shows the app (not loading, not the connection page). */
function appIsShowing(): boolean {
  if (!mainWindow || mainWindow.webContents.isLoading()) return false;
  return new URL(mainWindow.webContents.getURL()).pathname !== CONNECTION_PAGE_PATH;
}

function deliverLink(link: DeepLink): void {
  if (appIsShowing()) send('event:deep-link', link);
  else pending.links.push(link);
  focusMainWindow();
}

async function readTripFile(file: string): Promise<ImportResult> {
  try {
    if ((await stat(file)).size > MAX_TRIP_FILE_BYTES)
      throw new DesktopApiError('invalid_trip_file', 'too large');
    const bundle = tripFromJson(await readFile(file, 'utf8'));
    return { status: 'imported', fileName: path.basename(file).slice(0, 255), bundle };
  } catch (error) {
    if (error instanceof DesktopApiError) throw error;
    if (error instanceof TripFileError) throw new DesktopApiError(error.code, error.message);
    throw new DesktopApiError('file_error', `cannot read ${path.basename(file)}`);
  }
}

async function deliverTripFile(file: string): Promise<void> {
  if (!appIsShowing()) {
    pending.files.push(file);
    return;
  }
  focusMainWindow();
  try {
    send('event:trip-file-opened', await readTripFile(file));
  } catch (error) {
    const d = exportWords[language].files;
    const tooNew = error instanceof DesktopApiError && error.code === 'trip_file_too_new';
    log.warn(`trip file refused: ${file}`, error);
    dialog.showErrorBox(d.openFailedTitle, tooNew ? d.tooNew : d.openFailed);
  }
}

function handleArgv(argv: readonly string[], cwd: string): void {
  const link = findDeepLink(argv);
  if (link) deliverLink(link);
  const file = findTripFile(argv, cwd);
  if (file) void deliverTripFile(file);
}

function setMenu(): void {
  const template = menuTemplate(
    { language, platform: bootInfo().platform, version: app.getVersion(), devTools },
    {
      command: (command) => send('event:menu-command', command),
      setLanguage: (next) => void changeLanguage(next),
      checkForUpdates: () => void updates.check(),
      openLogsFolder: () => void openLogsFolder(),
      openConnectionSettings: () => void mainWindow?.loadURL(`${APP_ORIGIN}${CONNECTION_PAGE_PATH}`),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function changeLanguage(next: Language): Promise<void> {
  if (next === language) return;
  language = next;
  setMenu();
  await settings.update({ language: next });
}

async function openLogsFolder(): Promise<void> {
  const error = await shell.openPath(path.dirname(log.transports.file.getFile().path));
  if (error) log.warn(`cannot open the logs folder: ${error}`);
}

type Sender = { window: BrowserWindow | null };

const handlers: IpcHandlers<Sender> = {
  'connection:set': async (choice, { window }) => {
    const { connection } = await settings.update({ connection: choice });
    log.info(`connection: ${connection.mode}`);
    // The app reads its server once at start (and the CSP names it): open it anew after answering.
    setImmediate(() => void window?.loadURL(APP_START_URL));
    return connection;
  },
  'language:set': async (next) => {
    await changeLanguage(next);
    return null;
  },
  'sync:report': async ({ unsyncedChanges }) => {
    updates.reportUnsyncedChanges(unsyncedChanges);
    return null;
  },
  'trip:export': async ({ format, language: documentLanguage, bundle }, { window }) => {
    const { defaultName, filters } = exportDialog(format, bundle.trip.title, documentLanguage);
    const options = {
      title: exportWords[language].files.exportTitle,
      defaultPath: path.join(app.getPath('documents'), defaultName),
      filters,
    };
    const choice = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { status: 'canceled' };
    const bytes = await renderExport(format, bundle, {
      language: documentLanguage,
      now: new Date(),
      appVersion: app.getVersion(),
      fonts: pdfFontsIn(path.join(appRoot, 'fonts')),
    });
    try {
      await writeFile(choice.filePath, bytes);
    } catch (error) {
      log.warn('export failed', error);
      throw new DesktopApiError('file_error', 'cannot write the file');
    }
    log.info(`exported ${format} (${bytes.byteLength} bytes)`);
    return { status: 'saved', fileName: path.basename(choice.filePath).slice(0, 255) };
  },
  'trip:import': async (_request, { window }) => {
    const options = {
      title: exportWords[language].files.importTitle,
      properties: ['openFile' as const],
      filters: importDialogFilters(language),
    };
    const choice = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return { status: 'canceled' };
    return readTripFile(file);
  },
  'update:check': async () => updates.check(),
  'update:install': async () => updates.installNow(),
  'logs:open': async () => {
    await openLogsFolder();
    return null;
  },
};

const router = createIpcRouter(handlers, { onError: (channel, error) => log.error(`ipc ${channel}`, error) });

function registerIpc(): void {
  for (const channel of invokeChannels)
    ipcMain.handle(channel, (event, payload: unknown) =>
      router.handle(channel, event.senderFrame?.url, payload, {
        window: BrowserWindow.fromWebContents(event.sender),
      }),
    );
  ipcMain.on(BOOT_CHANNEL, (event) => {
    event.returnValue = isAppUrl(event.senderFrame?.url ?? '') ? bootInfo() : null;
  });
}

function createMainWindow(): BrowserWindow {
  const saved = settings.get().window;
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(
    createWindowOptions('main', {
      preload: path.join(appRoot, 'preload', 'preload.cjs'),
      bounds,
      title: mainMessages[language].appName,
      devTools,
    }),
  );
  if (saved?.maximized) window.maximize();
  if (saved?.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => window.show());

  const save = () => {
    if (window.isDestroyed()) return;
    void settings.update({
      window: boundsToSave(window.getNormalBounds(), {
        maximized: window.isMaximized(),
        fullScreen: window.isFullScreen(),
      }),
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const)
    window.on(event as 'resize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  window.webContents.on('did-finish-load', () => {
    send('event:update-status', updates.current());
    // Links and files wait for the app itself, not the connection page.
    if (new URL(window.webContents.getURL()).pathname === CONNECTION_PAGE_PATH) return;
    for (const link of pending.links.splice(0)) send('event:deep-link', link);
    for (const file of pending.files.splice(0)) void deliverTripFile(file);
  });
  void window.loadURL(startUrl());
  return window;
}

// A second launch hands its argv (deep link, trip file) to this one and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.defaultApp && process.argv[1])
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    handleArgv(argv, workingDirectory);
  });
  // macOS delivers links and files through events, also before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link) deliverLink(link);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void deliverTripFile(file);
  });

  app.on('web-contents-created', (_event, contents) => {
    installWebContentsGuards(contents, {
      openExternal: (url) => void shell.openExternal(url),
      devTools,
      log: (message) => log.warn(message),
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    const stored = await settings.load();
    language = stored.language ?? languageForLocale(app.getLocale());
    log.info(
      `Hamgaja ${app.getVersion()} starting (${process.platform}, ${language}, ${stored.connection.mode})`,
    );
    if (app.isPackaged && devTools) log.warn('DevTools are enabled by --enable-devtools or HAMGAJA_DEVTOOLS');

    protocol.handle(
      APP_SCHEME,
      createProtocolHandler({
        root: path.join(appRoot, 'web'),
        contentSecurityPolicy: () => contentSecurityPolicy({ serverOrigin: serverOrigin() }),
      }),
    );
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(isPermissionAllowed(permission, details.requestingUrl)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      isPermissionAllowed(permission, requestingOrigin),
    );

    registerIpc();
    setMenu();
    mainWindow = createMainWindow();
    handleArgv(process.argv, process.cwd());
    updates.start();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}
