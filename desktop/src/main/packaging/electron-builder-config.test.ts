import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TRIP_FILE_EXTENSION, TRIP_FILE_MIME_TYPE } from '../../desktop-api/trip-bundle.js';
import { DEEP_LINK_SCHEME } from '../deep-links/deep-links.js';

const desktop = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

// electron-builder's own validation: its JSON schema (app-builder-lib/scheme.json) plus its checks.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Config = Record<string, unknown> & {
  protocols: { schemes: string[] }[];
  fileAssociations: { ext: string; mimeType: string }[];
  directories: { app: string; buildResources: string };
  mac: Record<string, unknown> & { entitlements: string };
  linux: { target: string[] };
  win: { target: string[] };
  publish: { provider: string };
};

const load = (): Config => parse(readFileSync(path.join(desktop, 'electron-builder.yml'), 'utf8')) as Config;
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

  it('targets AppImage + deb, NSIS and dmg, publishes to GitHub, hardens the macOS runtime', () => {
    const config = load();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.publish.provider).toBe('github');
    expect(existsSync(path.join(desktop, config.mac.entitlements))).toBe(true);
  });

  it('registers the same link scheme and trip file type the app handles', () => {
    const config = load();
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: TRIP_FILE_EXTENSION, mimeType: TRIP_FILE_MIME_TYPE }),
    ]);
  });
});
