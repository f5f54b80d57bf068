// Runs the sync benchmark: builds the server bundle, bundles bench/sync.bench.ts (npm packages
// stay external, workspace TS is bundled) next to it in dist/, and runs it with node.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const server = spawnSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' });
if (server.status !== 0) process.exit(server.status ?? 1);

const outfile = path.join(root, 'dist', 'bench', 'sync.bench.mjs');
await build({
  entryPoints: [path.join(root, 'bench', 'sync.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  alias: { '@hamgaja/shared': path.join(root, '..', 'shared', 'src', 'index.ts') },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
