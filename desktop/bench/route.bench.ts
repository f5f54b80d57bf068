// The node side of the day-optimiser measurement (run by bench/client.bench.ts): bundles
// route.browser.ts and runs it in a page of the benchmark's Chromium.
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { callInPage, openScriptPage } from './script-page.js';

/** Optimises `runs` different days of `count` stops in Chromium; the milliseconds of each call. */
export async function measureDayOptimiser(
  browser: Browser,
  url: string,
  repo: string,
  count: number,
  runs: number,
): Promise<{ times: number[]; savedShare: number }> {
  const { build } = await import('esbuild');
  const bundle = await build({
    entryPoints: [path.join(repo, 'desktop/bench/route.browser.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    alias: { '@hamgaja/shared': path.join(repo, 'shared/src/index.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const page = await openScriptPage(browser, url, bundle.outputFiles[0]!.text, 'routeBench');
  try {
    return (await callInPage(page, 'routeBench', 'optimise', [count, runs])) as {
      times: number[];
      savedShare: number;
    };
  } finally {
    await page.context().close();
  }
}
