// Builds the React renderer as the web SPA (dist/web); the Electron build reuses the same bundle.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

const sharedSource = /[\\/]shared[\\/]src[\\/].*\.ts$/;

/**
 * @hamgaja/shared is platform-free code without import-time side effects: saying so lets the
 * bundler keep RxDB (reached through its barrel index) out of the first-load chunk.
 */
function sharedIsSideEffectFree(): Plugin {
  return {
    name: 'hamgaja:shared-side-effect-free',
    transform(code, id) {
      return sharedSource.test(id) ? { code, map: null, moduleSideEffects: false } : null;
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: '/',
  plugins: [
    sharedIsSideEffectFree(),
    react(),
    VitePWA({
      registerType: 'prompt',
      // The app registers the worker itself (features/app-update) so it can offer a reload.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: '함가자 Hamgaja',
        short_name: '함가자',
        description: 'Offline-first trip planner · 오프라인에서도 되는 여행 플래너',
        lang: 'ko',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f7f5',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Fonts are not precached: the Korean font comes in ~90 unicode-range slices and a page
        // needs only a few; the ones used are kept by the runtime cache below for offline use. The
        // PDF export's two font files (.otf, about 1.5 MB each) are kept the same way once used.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) =>
              sameOrigin && /^\/assets\/.+\.(?:woff2|otf)$/.test(url.pathname),
            handler: 'CacheFirst',
            options: {
              cacheName: 'hamgaja-fonts',
              expiration: { maxEntries: 124 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
        navigateFallback: '/index.html',
        // API calls and docs are never answered by the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first worker takes charge of the open page at once (an update still waits for the prompt).
        clientsClaim: true,
      },
    }),
  ],
  resolve: {
    // Keep RxDB dev-mode and its ajv validator out of production bundles entirely.
    alias:
      mode === 'production'
        ? [
            {
              find: /^rxdb\/plugins\/(dev-mode|validate-ajv)$/,
              replacement: `${import.meta.dirname}/src/renderer/data/rxdb-dev-only.ts`,
            },
          ]
        : [],
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // The PDF viewer's worker (pdf.js ships it as .mjs) goes out as .js: every server (Nginx's
        // default MIME types too) sends that as JavaScript, which a module worker requires, and
        // the service worker precaches it with the other scripts, so documents open offline.
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('.mjs'))
            ? 'assets/[name]-[hash].js'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    port: 5173,
    // In development the API runs on the embedded server (npm start).
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
}));
