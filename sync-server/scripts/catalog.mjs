// `npm run catalog:import -- …` and `npm run bench:catalog`: bundles the catalog tool like build.mjs
// bundles the server (npm packages external, workspace TypeScript bundled), then runs it.
import { readFileSync } from 'node:fs';

const tools = { import: 'import-cli', bench: 'catalog.bench' };
const [tool, ...args] = process.argv.slice(2);
if (!(tool in tools)) {
  console.error(`usage: node sync-server/scripts/catalog.mjs ${Object.keys(tools).join('|')} [args]`);
  process.exit(1);
}
const out = new URL(`../dist/catalog-${tool}.js`, import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@hamgaja/'));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production image has no esbuild: it runs the bundle built with the image.
}
if (esbuild) {
  await esbuild.build({
    entryPoints: [new URL(`../src/catalog/${tools[tool]}.ts`, import.meta.url).pathname],
    outfile: out.pathname,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    // The benchmark drives Chromium (Playwright) and bundles the page script itself (esbuild).
    external: [
      ...external,
      ...external.map((name) => `${name}/*`),
      'mysql2/promise',
      '@playwright/test',
      'esbuild',
    ],
    logLevel: 'warning',
  });
}
const { main } = await import(out.href);
process.exitCode = await main(args);
