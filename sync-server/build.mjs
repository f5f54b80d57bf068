// Bundles the server (and the workspace's shared package) into dist/main.js; npm packages stay external.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@hamgaja/'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/main.ts'],
  // An optional argument names another output file (the startup tests build their own copy).
  outfile: process.argv[2] ?? 'dist/main.js',
});

// The catalog import tool ships beside the server, so a production image (no esbuild) can run
// `node dist/catalog-import.js --from …` (what `npm run catalog:import` runs there).
if (process.argv[2] === undefined) {
  await build({ ...common, entryPoints: ['src/catalog/import-cli.ts'], outfile: 'dist/catalog-import.js' });
}
