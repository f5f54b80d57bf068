/**
 * The only place BrowserWindow options are made. Every window kind gets the same locked-down
 * webPreferences: the page is an ordinary sandboxed web page that reaches the desktop only
 * through the preload's validated API.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const windowKinds = ['main'] as const;
export type WindowKind = (typeof windowKinds)[number];

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload script. */
  preload: string;
  bounds: WindowBounds;
  title: string;
  /** Matches the app's background so the window does not flash white before the first paint. */
  backgroundColor?: string;
  /** Whether the DevTools may open (devToolsEnabled: off in a packaged build unless switched on). */
  devTools: boolean;
}

/** webPreferences of every window and every webview/webContents the app lets exist. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

const minimum = { width: 720, height: 520 };

export function createWindowOptions(
  kind: WindowKind,
  input: WindowOptionsInput,
): BrowserWindowConstructorOptions {
  switch (kind) {
    case 'main':
      return {
        ...input.bounds,
        minWidth: minimum.width,
        minHeight: minimum.height,
        title: input.title,
        backgroundColor: input.backgroundColor ?? '#f7f7f5',
        // Shown on 'ready-to-show' so the first paint is the app, not an empty frame.
        show: false,
        autoHideMenuBar: false,
        webPreferences: secureWebPreferences(input.preload, { devTools: input.devTools }),
      };
  }
}
