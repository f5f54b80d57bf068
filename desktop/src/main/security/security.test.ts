import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.js';
import { guardNavigation, guardWindowOpen } from './navigation.js';
import { isPermissionAllowed } from './permissions.js';
import { installWebContentsGuards } from './web-contents-guards.js';
import { createWindowOptions, windowKinds } from './window-options.js';

const input = { preload: '/app/preload/preload.cjs', bounds: { width: 1000, height: 700 }, title: 'Hamgaja' };

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

describe('navigation and window.open guards', () => {
  it('keeps app pages in the window and sends web and mail links to the system', () => {
    expect(guardNavigation('app://hamgaja/trips/1')).toEqual({ action: 'allow' });
    expect(guardNavigation('https://example.com/a?b')).toEqual({
      action: 'open-external',
      url: 'https://example.com/a?b',
    });
    expect(guardNavigation('mailto:a@example.com')).toMatchObject({ action: 'open-external' });
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
    };
    const opened: string[] = [];
    installWebContentsGuards(contents as never, { openExternal: (url) => opened.push(url) });
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
  const directives = (csp: string) =>
    Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));

  it('allows scripts only from the bundle and the network only to the chosen server', () => {
    const local = directives(contentSecurityPolicy({ serverOrigin: null }));
    expect(local['script-src']).toBe("'self'");
    expect(local['connect-src']).toBe("'self'");
    expect(local['object-src']).toBe("'none'");
    expect(local['frame-ancestors']).toBe("'none'");
    const server = directives(contentSecurityPolicy({ serverOrigin: 'https://trips.example.com' }));
    expect(server['connect-src']).toBe("'self' https://trips.example.com");
    for (const csp of [local, server]) {
      expect(csp['script-src']).not.toMatch(/unsafe|\*/);
      expect(csp['default-src']).toBe("'self'");
    }
  });
});
