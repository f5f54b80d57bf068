import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentSecurityPolicyDirectives, contentSecurityPolicyHeader } from '@hamgaja/shared';
import { describe, expect, it } from 'vitest';
import { createProtocolHandler } from '../app-protocol/app-protocol.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { DEVTOOLS_ENV, DEVTOOLS_SWITCH, devToolsEnabled } from './devtools.js';
import { guardNavigation, guardWindowOpen } from './navigation.js';
import { isPermissionAllowed } from './permissions.js';
import { installWebContentsGuards } from './web-contents-guards.js';
import { createWindowOptions, windowKinds } from './window-options.js';

const input = {
  preload: '/app/preload/preload.cjs',
  bounds: { width: 1000, height: 700 },
  title: 'Hamgaja',
  devTools: false,
};

describe('window security settings', () => {
  it.each(windowKinds)('the %s window is isolated, sandboxed and has no Node', (kind) => {
    const prefs = createWindowOptions(kind, input).webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: input.preload,
    });
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('opens the DevTools only when devToolsEnabled says so', () => {
    expect(createWindowOptions('main', input).webPreferences!.devTools).toBe(false);
    expect(createWindowOptions('main', { ...input, devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('main.ts makes every window through createWindowOptions', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../main.ts'), 'utf8');
    const windows = [...main.matchAll(/new BrowserWindow\(([\s\S]{0,40})/g)].map((m) => m[1]!.trim());
    expect(windows.length).toBeGreaterThan(0);
    for (const args of windows) expect(args).toMatch(/^createWindowOptions\(/);
    expect(main).not.toMatch(/webPreferences|nodeIntegration|contextIsolation|sandbox:/);
    // electron-log would otherwise add a preload of its own that exposes another API to the page.
    expect(main).toContain('log.initialize({ preload: false })');
  });
});

describe('DevTools switch', () => {
  const argv = ['/opt/Hamgaja/hamgaja'];

  it('is off in a packaged build without the switch', () => {
    expect(devToolsEnabled({ packaged: true, argv, env: {} })).toBe(false);
    expect(devToolsEnabled({ packaged: true, argv: [...argv, 'trip.hamgaja'], env: { PATH: '/bin' } })).toBe(
      false,
    );
  });

  it('is on in a packaged build started with --enable-devtools or HAMGAJA_DEVTOOLS=1', () => {
    expect(DEVTOOLS_SWITCH).toBe('--enable-devtools');
    expect(DEVTOOLS_ENV).toBe('HAMGAJA_DEVTOOLS');
    expect(devToolsEnabled({ packaged: true, argv: [...argv, '--enable-devtools'], env: {} })).toBe(true);
    for (const value of ['1', 'true', 'YES', ' on '])
      expect(devToolsEnabled({ packaged: true, argv, env: { HAMGAJA_DEVTOOLS: value } }), value).toBe(true);
  });

  it.each(['0', 'false', 'off', '', 'maybe', '2'])('stays off with HAMGAJA_DEVTOOLS=%j', (value) => {
    expect(devToolsEnabled({ packaged: true, argv, env: { HAMGAJA_DEVTOOLS: value } })).toBe(false);
  });

  it('is on when not packaged (development, e2e), switch or not', () => {
    expect(devToolsEnabled({ packaged: false, argv, env: {} })).toBe(true);
    expect(devToolsEnabled({ packaged: false, argv, env: { HAMGAJA_DEVTOOLS: '0' } })).toBe(true);
  });

  it('main.ts decides once from app.isPackaged, argv and env, and hands it to windows, menu and guards', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../main.ts'), 'utf8');
    expect(main).toContain(
      'devToolsEnabled({ packaged: app.isPackaged, argv: process.argv, env: process.env })',
    );
    expect(main).not.toMatch(/openDevTools|toggleDevTools|devTools:\s*true/);
    expect(main.match(/\bdevTools,/g)?.length).toBe(2);
    expect(main).toContain('version: app.getVersion(), devTools }');
  });
});

describe('navigation and window.open guards', () => {
  it('keeps app pages in the window and sends web and mail links to the system', () => {
    expect(guardNavigation('app://hamgaja/trips/1')).toEqual({ action: 'allow' });
    expect(guardNavigation('https://example.com/a?b')).toEqual({
      action: 'open-external',
      url: 'https://example.com/a?b',
    });
    expect(guardNavigation('mailto:a@example.com')).toMatchObject({ action: 'open-external' });
    // A trip's calendar feed: the system's calendar app subscribes to it.
    expect(guardNavigation('webcal://trip.example/api/calendar/t.ics')).toMatchObject({
      action: 'open-external',
    });
    expect(guardNavigation('webcal://user:pw@trip.example/x.ics')).toEqual({ action: 'deny' });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'app://evil/',
    'https://user:pw@example.com/',
    'smb://server/share',
    'chrome://settings',
    'not a url',
  ])('refuses %s', (url) => {
    expect(guardNavigation(url)).toEqual({ action: 'deny' });
    expect(guardWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('window.open never opens an app window', () => {
    expect(guardWindowOpen('app://hamgaja/')).toEqual({ action: 'deny' });
    expect(guardWindowOpen('https://example.com')).toMatchObject({ action: 'open-external' });
  });

  it('the installed guards stop navigations, deny every new window and refuse webviews', () => {
    const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void; url: string }) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
      closeDevTools: () => undefined,
    };
    const opened: string[] = [];
    installWebContentsGuards(contents as never, { openExternal: (url) => opened.push(url), devTools: true });
    expect(listeners.has('devtools-opened')).toBe(false);
    const navigate = (name: string, url: string) => {
      let prevented = false;
      listeners.get(name)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'app://hamgaja/trips')).toBe(false);
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-frame-navigate', 'https://ads.example/')).toBe(true);
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'app://hamgaja/' })).toEqual({ action: 'deny' });
    expect(navigate('will-attach-webview', 'app://hamgaja/')).toBe(true);
    expect(opened).toEqual(['https://example.com/', 'https://ads.example/', 'https://example.org/']);
  });

  it('closes DevTools opened some other way while they are off', () => {
    const listeners = new Map<string, () => void>();
    let closed = 0;
    const contents = {
      on: (name: string, listener: () => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: () => undefined,
      closeDevTools: () => void closed++,
    };
    installWebContentsGuards(contents as never, { openExternal: () => undefined, devTools: false });
    listeners.get('devtools-opened')!();
    expect(closed).toBe(1);
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'fullscreen',
    'hid',
    'serial',
  ])('refuses %s', (permission) => expect(isPermissionAllowed(permission, 'app://hamgaja/')).toBe(false));

  it('allows only writing to the clipboard, and only from the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://hamgaja/trips/1')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });
});

describe('content security policy', () => {
  it('is the shared policy, with the chosen server added to connect-src and img-src', () => {
    expect(contentSecurityPolicy({ serverOrigin: null })).toBe(contentSecurityPolicyHeader());
    const server = contentSecurityPolicy({ serverOrigin: 'http://192.168.0.10:8080' });
    expect(server).toBe(contentSecurityPolicyHeader(['http://192.168.0.10:8080']));
    const d = contentSecurityPolicyDirectives(['http://192.168.0.10:8080']);
    expect(d['connect-src']).toEqual(["'self'", 'http://192.168.0.10:8080']);
    expect(d['script-src']).toEqual(["'self'"]);
  });

  it('leaves out a stored server a policy cannot name instead of failing every page', () => {
    expect(contentSecurityPolicy({ serverOrigin: 'http://my_host:8080' })).toBe(
      contentSecurityPolicyHeader(),
    );
  });

  it('is what the app:// protocol sends with every page, as main.ts wires it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hamgaja-csp-'));
    try {
      writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
      for (const serverOrigin of [null, 'https://trips.example.com']) {
        const handler = createProtocolHandler({
          root,
          contentSecurityPolicy: () => contentSecurityPolicy({ serverOrigin }),
        });
        const res = await handler(new Request('app://hamgaja/trips/1'));
        expect(res.headers.get('content-security-policy')).toBe(
          contentSecurityPolicyHeader(serverOrigin ? [serverOrigin] : []),
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const main = readFileSync(path.join(import.meta.dirname, '../main.ts'), 'utf8');
    expect(main).toContain(
      'contentSecurityPolicy: () => contentSecurityPolicy({ serverOrigin: serverOrigin() })',
    );
    // No second source of the header (a policy of its own, or one rewritten on the way).
    expect(main).not.toMatch(/contentSecurityPolicyHeader|onHeadersReceived/);
  });
});
