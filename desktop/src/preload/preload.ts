// Sandboxed preload: exposes the validated desktop API as `window.hamgaja`, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { BOOT_CHANNEL, bootInfoSchema, DESKTOP_API_GLOBAL } from '../desktop-api/contract.js';
import { createDesktopApi } from './desktop-api.js';

// Synchronous once, so the renderer knows its server before the first render.
const boot = bootInfoSchema.parse(ipcRenderer.sendSync(BOOT_CHANNEL));

const api = createDesktopApi(
  {
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      ipcRenderer.on(channel, (_event, payload: unknown) => listener(payload));
    },
  },
  boot,
  {
    onInvalidEvent: (channel, error) => console.error(`hamgaja: dropped malformed ${channel}`, error.issues),
  },
);

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, api);
