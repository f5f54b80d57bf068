// Global setup of the Electron e2e: says in one line why the spec skips on machines without the
// Electron binary, and fails (never skips) when the app itself was not built. With
// HAMGAJA_ELECTRON_EXECUTABLE set it tests that packaged app and never skips.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { APP_DIR, installedElectron, packagedExecutable, SKIP_REASON } from './electron-app.js';
import { REPO_ROOT, SERVER_MAIN } from './stack.js';

const FUSE_DISABLED = 48;

/**
 * Playwright drives Electron through `--inspect`: an executable whose nodeCliInspect fuse is off
 * (the release build's hardening) never finishes launching. Said up front instead of a timeout.
 * An AppImage itself is compressed (no readable fuse wire): then this check is left to the launch.
 */
async function checkInspectable(executable: string): Promise<void> {
  let wire: Awaited<ReturnType<typeof getCurrentFuseWire>>;
  try {
    wire = await getCurrentFuseWire(executable);
  } catch {
    return;
  }
  if (wire[FuseV1Options.EnableNodeCliInspectArguments] === FUSE_DISABLED)
    throw new Error(
      `${executable} has the EnableNodeCliInspectArguments fuse off, and Playwright needs --inspect to drive it: ` +
        'package the copy under test with `npm run dist -- --linux AppImage -c.electronFuses.enableNodeCliInspectArguments=true`',
    );
}

export default async function electronSetup(): Promise<void> {
  const packaged = packagedExecutable();
  if (packaged) {
    if (!existsSync(packaged))
      throw new Error(`HAMGAJA_ELECTRON_EXECUTABLE=${packaged}: no such file (package the app first)`);
    if (!existsSync(SERVER_MAIN))
      throw new Error(
        `electron e2e prerequisites missing: ${path.relative(REPO_ROOT, SERVER_MAIN)}: run \`npm run build -w @hamgaja/sync-server\``,
      );
    await checkInspectable(packaged);
    console.log(`electron e2e: testing the packaged app ${packaged}`);
    return;
  }
  if (installedElectron() === null) {
    console.log(`electron e2e skipped: ${SKIP_REASON}`);
    return;
  }
  const missing = [
    [path.join(APP_DIR, 'main/main.cjs'), 'npm run build && npm run build:desktop-app'],
    [path.join(APP_DIR, 'web/index.html'), 'npm run build && npm run build:desktop-app'],
    [SERVER_MAIN, 'npm run build -w @hamgaja/sync-server'],
  ].filter(([file]) => !existsSync(file!));
  if (missing.length > 0)
    throw new Error(
      `electron e2e prerequisites missing:\n${missing.map(([file, fix]) => `  - ${path.relative(REPO_ROOT, file!)}: run \`${fix}\``).join('\n')}`,
    );
}
