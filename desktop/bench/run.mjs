// npm run bench:client: bundles the client benchmark (bench/client.bench.ts for Node, with the
// e2e page models, and bench/browser-bench.ts for the page) into node_modules/.cache and runs it.
// Needs the built server (npm run build -w @hamgaja/sync-server) and the built web app
// (desktop/dist/web, or HAMGAJA_BENCH_WEB_ROOT).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const desktop = path.resolve(import.meta.dirname, '..');
const repo = path.dirname(desktop);
const out = path.join(desktop, 'node_modules', '.cache', 'hamgaja-client-bench');
// Build what is missing, as the sync benchmark does for the server.
const npm = (args) => {
  const result = spawnSync('npm', args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(path.join(repo, 'sync-server', 'dist', 'main.js')))
  npm(['run', 'build', '-w', '@hamgaja/sync-server']);
if (!process.env.HAMGAJA_BENCH_WEB_ROOT && !existsSync(path.join(desktop, 'dist', 'web', 'index.html')))
  npm(['run', 'build', '-w', '@hamgaja/desktop']);

const alias = { '@hamgaja/shared': path.join(repo, 'shared', 'src', 'index.ts') };

await build({
  entryPoints: [path.join(desktop, 'bench', 'browser-bench.ts')],
  outfile: path.join(out, 'browser-bench.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  // Readable names in a CPU profile (BENCH_PROFILE); minifying changes nothing measurable here.
  minify: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  alias,
  logLevel: 'warning',
});
await build({
  entryPoints: [path.join(desktop, 'bench', 'client.bench.ts')],
  outfile: path.join(out, 'client.bench.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  alias,
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [path.join(out, 'client.bench.mjs')], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, BENCH_REPO_ROOT: repo, BENCH_BROWSER_JS: path.join(out, 'browser-bench.js') },
});
process.exit(run.status ?? 1);
