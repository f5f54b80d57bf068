// esbuild options for the Electron main process and preload (one CommonJS file each).
// Shared by build-electron.mjs and the bundle test (src/main/packaging/main-bundle.test.ts).

/**
 * Electron 45 embeds Node 22+ (Electron has shipped Node 24 since 40; its own package needs
 * Node >= 22.12 to install); node22 keeps the output loadable by the Node that runs the tests.
 */
export const NODE_TARGET = 'node22';

export const mainProcessOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: NODE_TARGET,
  external: ['electron'],
  logLevel: 'warning',
  define: {
    'process.env.NODE_ENV': '"production"',
    // ESM-only packages (pdfkit's node build) resolve data files from import.meta.url, which is
    // empty in CommonJS: give them this file's URL instead.
    'import.meta.url': '__hamgajaImportMetaUrl',
  },
  banner: { js: 'const __hamgajaImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};
