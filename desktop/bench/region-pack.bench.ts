// The node side of the region-pack measurement (run by `npm run bench:catalog`, which has the
// server and its 50,000 attractions): bundles region-pack.browser.ts and drives it in Chromium.
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';
import { callInPage, openScriptPage } from './script-page.js';

export type PackRun = {
  ms: number;
  downloaded: number;
  bytes: number;
  count: number;
  found: number;
  progressEvents: number;
};

/**
 * In headless Chromium on the server's origin: a cold download of a region pack (the server
 * cuts it), a warm one in a fresh profile, then the kept pack searched with the network off.
 */
export async function measureRegionPack(url: string, sido: number, q: string) {
  const { build } = await import('esbuild');
  const repo = path.resolve(import.meta.dirname, '../..');
  const bundle = await build({
    entryPoints: [path.join(repo, 'desktop/bench/region-pack.browser.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { '@hamgaja/shared': path.join(repo, 'shared/src/index.ts') },
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const first = await openScriptPage(browser, url, script, 'packBench');
    const cold = (await callInPage(first, 'packBench', 'download', [url, sido, q])) as PackRun;
    await first.context().close();
    const second = await openScriptPage(browser, url, script, 'packBench');
    const warm = (await callInPage(second, 'packBench', 'download', [url, sido, q])) as PackRun;
    await second.context().setOffline(true);
    const offline = (await callInPage(second, 'packBench', 'reopen', [sido, q])) as {
      ms: number;
      found: number;
    };
    await second.context().close();
    for (const run of [cold, warm, offline])
      if (run.found === 0) throw new Error(`region pack search for ${q} found nothing`);
    return { cold, warm, offline };
  } finally {
    await browser.close();
  }
}
