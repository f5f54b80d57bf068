// The desktop IPC contract: shared by the Electron main process, the preload and the renderer.
export * from './contract.js';
export * from './trip-bundle.js';
export type { HamgajaDesktopApi, Unsubscribe } from './api.js';
