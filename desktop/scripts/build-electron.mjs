// Stages the Electron app in desktop/dist/app: the main process and the preload bundled by
// esbuild (one file each, so the app ships no node_modules), the renderer bundle (dist/web,
// built by `vite build`), the PDF fonts and a minimal package.json for electron-builder.
// Source maps stay out of the staged app (desktop/dist/sourcemaps: main/, preload/; the
// renderer's stay in dist/web), so app.asar never ships them.
// Usage: node desktop/scripts/build-electron.mjs [--skip-web-check]
// `npm run dist` (scripts/dist.mjs) builds dist/web first, then runs this, then electron-builder.
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { renderIcons } from './build-icons.mjs';
import { mainProcessOptions } from './esbuild-options.mjs';

const desktop = path.resolve(import.meta.dirname, '..');
const out = path.join(desktop, 'dist/app');
const web = path.join(desktop, 'dist/web');
const sourcemaps = path.join(desktop, 'dist/sourcemaps');
const require = createRequire(import.meta.url);

const pkg = JSON.parse(await readFile(path.join(desktop, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')).version;

if (!existsSync(path.join(web, 'index.html')) && !process.argv.includes('--skip-web-check')) {
  console.error('build-electron: desktop/dist/web is missing; run `npm run build -w @hamgaja/desktop` first');
  process.exit(1);
}

await rm(out, { recursive: true, force: true });
await rm(sourcemaps, { recursive: true, force: true });
await mkdir(out, { recursive: true });

// 'external': a .map without a sourceMappingURL comment, moved out of the app below.
const common = { ...mainProcessOptions, sourcemap: 'external', legalComments: 'linked' };

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(desktop, 'src/main/main.ts')],
    outfile: path.join(out, 'main/main.cjs'),
  }),
  // Sandboxed preloads may require only 'electron' (and a few polyfilled modules): bundle all else.
  build({
    ...common,
    // The sandbox's require knows only 'electron' and a few polyfills: no banner that needs node:url.
    banner: {},
    define: { 'process.env.NODE_ENV': '"production"' },
    entryPoints: [path.join(desktop, 'src/preload/preload.ts')],
    outfile: path.join(out, 'preload/preload.cjs'),
  }),
]);
for (const bundle of ['main/main.cjs', 'preload/preload.cjs']) {
  await mkdir(path.dirname(path.join(sourcemaps, bundle)), { recursive: true });
  await rename(path.join(out, `${bundle}.map`), path.join(sourcemaps, `${bundle}.map`));
}

const fontFolder = path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist/public/static');
await mkdir(path.join(out, 'fonts'));
for (const file of ['Pretendard-Regular.otf', 'Pretendard-Bold.otf'])
  await cp(path.join(fontFolder, file), path.join(out, 'fonts', file));
await cp(path.join(fontFolder, '../../LICENSE.txt'), path.join(out, 'fonts/LICENSE-Pretendard.txt'));

// The renderer without its source maps (they stay in dist/web for the web deployment).
if (existsSync(web))
  await cp(web, path.join(out, 'web'), { recursive: true, filter: (source) => !source.endsWith('.map') });

// The first-run / "Server Connection…" page, served next to the renderer (only in the desktop app).
const connectionPage = path.join(desktop, 'src/desktop-api/connection-page');
const connectionOut = path.join(out, 'web/_desktop');
await mkdir(connectionOut, { recursive: true });
await build({
  entryPoints: [path.join(connectionPage, 'connection.ts')],
  outfile: path.join(connectionOut, 'connection.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome130',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['connection.html', 'connection.css'])
  await cp(path.join(connectionPage, file), path.join(connectionOut, file));

await writeFile(
  path.join(out, 'package.json'),
  `${JSON.stringify(
    {
      name: 'hamgaja',
      productName: 'Hamgaja',
      version: pkg.version,
      description: 'Hamgaja (함가자): an offline-first trip planner',
      author: { name: 'Hamgaja', email: 'hamgaja@users.noreply.github.com' },
      license: 'MIT',
      main: 'main/main.cjs',
    },
    null,
    2,
  )}\n`,
);

await renderIcons();
console.log(`build-electron: staged ${path.relative(process.cwd(), out)} (electron ${electronVersion})`);
