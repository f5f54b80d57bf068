import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TRIP_FILE_EXTENSION, TRIP_FILE_MIME_TYPE } from '../../desktop-api/trip-bundle.js';
import { DEEP_LINK_SCHEME } from '../deep-links/deep-links.js';

// electron-builder.yml lives at the repository root (`npm run dist` runs electron-builder there).
const root = path.resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);

// electron-builder's own validation: its JSON schema (app-builder-lib/scheme.json) plus its checks.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Config = Record<string, unknown> & {
  protocols: { schemes: string[] }[];
  fileAssociations: { ext: string; mimeType: string }[];
  directories: { app: string; output: string; buildResources: string };
  files: string[];
  electronFuses: Record<string, boolean>;
  mac: Record<string, unknown> & {
    target: { target: string; arch: string[] }[];
    entitlements: string;
    entitlementsInherit: string;
    icon: string;
  };
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  publish: { provider: string };
};

const load = (): Config => parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const validate = (config: unknown) => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validate(load())).resolves.toBeUndefined();
  });

  it('is refused by the same validation when broken (the check can fail)', async () => {
    await expect(validate({ ...load(), notAnOption: true })).rejects.toThrow(/notAnOption/);
    await expect(validate({ ...load(), mac: { ...load().mac, hardenedRuntime: 'yes' } })).rejects.toThrow(
      /hardenedRuntime/,
    );
  });

  it('is the only configuration: none left in desktop/', () => {
    expect(existsSync(path.join(root, 'desktop/electron-builder.yml'))).toBe(false);
  });

  it('targets AppImage + deb, NSIS and dmg + zip for x64 and arm64, publishes to GitHub, hardens the macOS runtime', () => {
    const config = load();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.publish.provider).toBe('github');
    expect(existsSync(path.join(root, config.mac.entitlements))).toBe(true);
    expect(existsSync(path.join(root, config.mac.entitlementsInherit))).toBe(true);
  });

  it('packs the app staged by desktop/scripts/build-electron.mjs, writes to desktop/dist/installers', () => {
    const config = load();
    expect(config.directories).toEqual({
      app: 'desktop/dist/app',
      output: 'desktop/dist/installers',
      buildResources: 'desktop/build',
    });
    // Rendered by desktop/scripts/build-icons.mjs into the build resources.
    expect(config.linux.icon).toBe('desktop/build/icons');
    expect([config.win.icon, config.mac.icon]).toEqual([
      'desktop/build/icons/icon.png',
      'desktop/build/icons/icon.png',
    ]);
    expect(config.files).toEqual(
      expect.arrayContaining(['!**/*.map', '!**/node_modules{,/**}', '!**/.env{,.*}']),
    );
  });

  it('burns the hardening fuses into Electron: no run-as-node, NODE_OPTIONS or --inspect, asar only', () => {
    expect(load().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('refuses a fuse electron-builder does not know (the fuse check can fail)', async () => {
    await expect(
      validate({ ...load(), electronFuses: { ...load().electronFuses, runAsNod: false } }),
    ).rejects.toThrow(/electronFuses/);
  });

  it('leaves file:// without extra privileges because the app never loads file:// pages', () => {
    const main = path.join(root, 'desktop/src/main');
    const sources = readdirSync(main, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.ts$/.test(file) && !/\.test\.ts$/.test(file))
      .map((file) => readFileSync(path.join(main, file), 'utf8'));
    expect(sources.filter((source) => /file:\/\/|loadFile\(|pathToFileURL/.test(source))).toEqual([]);
  });

  it('registers the same link scheme and trip file type the app handles', () => {
    const config = load();
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: TRIP_FILE_EXTENSION, mimeType: TRIP_FILE_MIME_TYPE }),
    ]);
  });
});
