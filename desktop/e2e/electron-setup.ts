// Global setup of the Electron e2e: says in one line why the spec skips on machines without the
// Electron binary, and fails (never skips) when the app itself was not built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APP_DIR, electronBinary, SKIP_REASON } from './electron-app.js';
import { REPO_ROOT, SERVER_MAIN } from './stack.js';

export default function electronSetup(): void {
  if (electronBinary() === null) {
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
