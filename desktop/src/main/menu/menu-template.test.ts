import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../desktop-api/contract.js';
import { menuTemplate, type MenuActions, type MenuOptions } from './menu-template.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function actions() {
  const log: string[] = [];
  const commands: MenuCommand[] = [];
  const a: MenuActions = {
    command: (c) => commands.push(c),
    setLanguage: (l) => log.push(`language:${l}`),
    checkForUpdates: () => log.push('updates'),
    openLogsFolder: () => log.push('logs'),
    openConnectionSettings: () => log.push('connection'),
  };
  return { a, log, commands };
}

const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

const base: MenuOptions = { language: 'en', platform: 'linux', version: '1', devTools: false };

describe('native menu', () => {
  it('is in Korean or English, with the same items', () => {
    const ko = flatten(menuTemplate({ ...base, language: 'ko' }, actions().a));
    const en = flatten(menuTemplate({ ...base, language: 'en' }, actions().a));
    expect(ko.length).toBe(en.length);
    const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label).filter(Boolean);
    expect(labels(ko)).toContain('파일');
    expect(labels(ko)).toContain('로그 폴더 열기');
    expect(labels(en)).toContain('Open Logs Folder');
    expect(
      labels(ko).filter((l) => /^[A-Za-z .…()]+$/.test(l!) && !['English', 'Calendar (ICS)…'].includes(l!)),
    ).toEqual([]);
  });

  it('opens the logs folder, checks for updates and forwards trip commands', () => {
    const { a, log, commands } = actions();
    const items = flatten(menuTemplate({ ...base, platform: 'win32' }, a));
    const byLabel = (label: string) => items.find((i) => i.label === label);
    click(byLabel('Open Logs Folder'));
    click(byLabel('Check for Updates…'));
    click(byLabel('Printable PDF…'));
    click(byLabel('Import Trip…'));
    click(byLabel('한국어'));
    click(byLabel('Server Connection…'));
    expect(log).toEqual(['logs', 'updates', 'language:ko', 'connection']);
    expect(commands).toEqual([
      { command: 'export-trip', format: 'pdf' },
      { command: 'import-trip' },
      { command: 'set-language', language: 'ko' },
    ]);
  });

  it('adds the application menu on macOS', () => {
    const mac = menuTemplate({ ...base, language: 'ko', platform: 'darwin' }, actions().a);
    expect(mac[0]!.label).toBe('함가자');
  });

  it.each(['darwin', 'win32', 'linux'] as const)(
    'offers the DevTools (%s) only when they may open, and no other way into them',
    (platform) => {
      const roles = (devTools: boolean) =>
        flatten(menuTemplate({ ...base, platform, devTools }, actions().a)).map((i) => i.role?.toLowerCase());
      expect(roles(false)).not.toContain('toggledevtools');
      expect(roles(true)).toContain('toggledevtools');
      // Roles whose built-in submenus carry Toggle Developer Tools of their own.
      for (const devTools of [false, true]) expect(roles(devTools)).not.toContain('viewmenu');
    },
  );
});
