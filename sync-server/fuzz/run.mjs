// `npm run fuzz -- …`: bundles the fuzz's command-line entry (TypeScript) and runs it with
// the arguments given; the bundle lives in a temporary directory removed afterwards.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { bundleCli, bundleDir } from './bundle.mjs';

const dir = bundleDir();
let code = 1;
try {
  const cli = await bundleCli(dir);
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
