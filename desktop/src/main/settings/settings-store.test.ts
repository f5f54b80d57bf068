import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, SETTINGS_FILE, SettingsStore } from './settings-store.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'hamgaja-settings-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts unset (first run), then keeps the server choice across restarts', async () => {
    const first = SettingsStore.inFolder(folder);
    expect(await first.load()).toEqual(defaultSettings);
    await first.update({ connection: { mode: 'server', url: 'https://trips.example.com' }, language: 'ko' });
    const again = SettingsStore.inFolder(folder);
    expect(await again.load()).toMatchObject({
      connection: { mode: 'server', url: 'https://trips.example.com' },
      language: 'ko',
    });
    // Changed later: local only.
    await again.update({ connection: { mode: 'local' } });
    expect((await SettingsStore.inFolder(folder).load()).connection).toEqual({ mode: 'local' });
  });

  it('refuses invalid values without writing them', async () => {
    const store = SettingsStore.inFolder(folder);
    await store.load();
    expect(() => store.update({ connection: { mode: 'server', url: 'ftp://x' } as never })).toThrow();
    expect(store.get()).toEqual(defaultSettings);
  });

  it('falls back field by field on a damaged file', async () => {
    const file = path.join(folder, SETTINGS_FILE);
    await writeFile(
      file,
      JSON.stringify({ connection: { mode: 'local' }, language: 'fr', window: { width: 'wide' } }),
    );
    expect(await SettingsStore.inFolder(folder).load()).toEqual({
      ...defaultSettings,
      connection: { mode: 'local' },
    });
    await writeFile(file, '{not json');
    expect(await SettingsStore.inFolder(folder).load()).toEqual(defaultSettings);
  });

  it('keeps the last of quick successive writes', async () => {
    const store = SettingsStore.inFolder(folder);
    await store.load();
    await Promise.all([store.update({ language: 'en' }), store.update({ language: 'ko' })]);
    expect(JSON.parse(await readFile(path.join(folder, SETTINGS_FILE), 'utf8')).language).toBe('ko');
  });
});
