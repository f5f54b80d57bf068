// Bundles the fuzz for plain Node (no TypeScript loader): the device worker (a worker
// thread needs a JavaScript file) and the command-line orchestrator. Everything is bundled in
// (npm packages included), so the output runs from any directory; only esbuild itself and the
// repository's plain .mjs helpers stay outside, imported from where they are.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Lets bundled ESM code call require() for Node built-ins (some CommonJS dependencies do). */
const banner = {
  js: "import { createRequire as __fuzzCreateRequire } from 'node:module'; const require = __fuzzCreateRequire(import.meta.url);",
};

/** Plain .mjs files of the repository (they locate files from their own URL) stay where they are. */
const keepMjsInPlace = {
  name: 'keep-mjs-in-place',
  setup(b) {
    b.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (!args.path.startsWith('.')) return undefined;
      return { path: pathToFileURL(path.resolve(args.resolveDir, args.path)).href, external: true };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  banner,
  logLevel: 'warning',
  // The sources import each other as ./x.js; esbuild maps that to the .ts file.
  resolveExtensions: ['.ts', '.js', '.mjs', '.json'],
};

/** A fresh temporary directory for bundles (the caller removes it). */
export function bundleDir() {
  return mkdtempSync(path.join(tmpdir(), 'hamgaja-fuzz-'));
}

/** Bundles device-worker.ts into `dir` and returns the file. */
export async function bundleWorker(dir) {
  const outfile = path.join(dir, 'device-worker.mjs');
  await build({ ...common, entryPoints: [path.join(HERE, 'device-worker.ts')], outfile });
  return outfile;
}

/** Bundles the command-line entry (cli.ts) into `dir` and returns the file. */
export async function bundleCli(dir) {
  const outfile = path.join(dir, 'cli.mjs');
  await build({
    ...common,
    entryPoints: [path.join(HERE, 'cli.ts')],
    outfile,
    plugins: [keepMjsInPlace],
  });
  return outfile;
}
