// A blank page on the server's origin (so the script's API calls are same-origin) running a
// benchmark script bundled for the browser, and calls into what the script exposes.
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';

/** Opens the page; resolves once the script has put `global` on globalThis. */
export async function openScriptPage(
  browser: Browser,
  url: string,
  script: string,
  global: string,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, ...contextOptions });
  const page = await context.newPage();
  await page.route(`${url}/__bench/`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>bench</title><script src="bench.js"></script>',
    }),
  );
  await page.route(`${url}/__bench/bench.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script }),
  );
  await page.goto('/__bench/');
  await page.waitForFunction((name) => name in globalThis, global);
  // While a route is registered, Playwright pauses every request of the page and ships its body
  // to this process (about +20 ms per 250 KB push here): measure the app, not the interception.
  await page.unrouteAll();
  return page;
}

/** Calls `globalThis[global][name](...args)` in the page and returns its (serializable) answer. */
export function callInPage(
  page: Page,
  global: string,
  name: string,
  args: readonly unknown[],
): Promise<unknown> {
  return page.evaluate(
    ([g, n, a]) =>
      (globalThis as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>)[g]![n]!(...a),
    [global, name, args] as const,
  );
}
