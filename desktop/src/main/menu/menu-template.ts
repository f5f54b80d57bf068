/**
 * The native menu in Korean or English. Items that act on the open trip or the router are
 * forwarded to the renderer as menu commands; the rest run in the main process.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language, MenuCommand, Platform } from '../../desktop-api/contract.js';
import { mainMessages } from '../i18n/messages.js';

export interface MenuActions {
  /** Forwards a command to the focused window's renderer. */
  command(command: MenuCommand): void;
  setLanguage(language: Language): void;
  checkForUpdates(): void;
  openLogsFolder(): void;
  /** Shows the first-run page again to change between local-only and a server. */
  openConnectionSettings(): void;
}

export interface MenuOptions {
  language: Language;
  platform: Platform;
  /** Shown in the About panel on Linux and Windows. */
  version: string;
  /** Offers View › Toggle Developer Tools (and its shortcut) only when the DevTools may open. */
  devTools: boolean;
}

export function menuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = mainMessages[options.language];
  const m = t.menu;
  const mac = options.platform === 'darwin';

  const languageItems: MenuItemConstructorOptions[] = (['ko', 'en'] as const).map((language) => ({
    label: language === 'ko' ? '한국어' : 'English',
    type: 'radio',
    checked: options.language === language,
    click: () => {
      actions.setLanguage(language);
      actions.command({ command: 'set-language', language });
    },
  }));

  const file: MenuItemConstructorOptions = {
    label: m.file,
    submenu: [
      { label: m.newTrip, accelerator: 'CmdOrCtrl+N', click: () => actions.command({ command: 'new-trip' }) },
      {
        label: m.importTrip,
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.command({ command: 'import-trip' }),
      },
      {
        label: m.exportTrip,
        submenu: (['ics', 'json', 'pdf'] as const).map((format) => ({
          label: format === 'ics' ? m.exportIcs : format === 'json' ? m.exportJson : m.exportPdf,
          click: () => actions.command({ command: 'export-trip', format }),
        })),
      },
      { type: 'separator' },
      { label: m.settings, click: () => actions.openConnectionSettings() },
      ...(mac
        ? []
        : ([{ type: 'separator' }, { label: m.quit, role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: m.help,
    role: 'help',
    submenu: [
      { label: m.checkForUpdates, click: () => actions.checkForUpdates() },
      { label: m.openLogs, click: () => actions.openLogsFolder() },
      ...(mac
        ? []
        : ([{ type: 'separator' }, { label: m.about, role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  };

  const template: MenuItemConstructorOptions[] = [
    file,
    { label: m.edit, role: 'editMenu' },
    {
      label: m.view,
      submenu: [
        { role: 'reload' },
        ...(options.devTools ? ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { label: m.language, submenu: languageItems },
      ],
    },
    { label: m.window, role: 'windowMenu' },
    help,
  ];

  if (mac)
    template.unshift({
      label: t.appName,
      submenu: [
        { label: m.about, role: 'about' },
        { type: 'separator' },
        { label: m.settings, accelerator: 'Cmd+,', click: () => actions.openConnectionSettings() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { label: m.quit, role: 'quit' },
      ],
    });
  return template;
}
