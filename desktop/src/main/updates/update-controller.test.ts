import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../desktop-api/contract.js';
import { DAILY_MS, UpdateController, updateReadyPrompt, type Updater } from './update-controller.js';

/** electron-updater's AppUpdater is an EventEmitter; this one emits what a real check would. */
class ScriptedUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs = 0;
  constructor(private readonly script: (u: ScriptedUpdater) => void) {
    super();
  }
  async checkForUpdates() {
    this.checks++;
    this.emit('checking-for-update');
    this.script(this);
    return null;
  }
  quitAndInstall() {
    this.installs++;
  }
}

const downloads = (u: ScriptedUpdater) => {
  u.emit('update-available', { version: '2.0.0' });
  u.emit('download-progress', { percent: 50 });
  u.emit('update-downloaded', { version: '2.0.0' });
};

function setup(script: (u: ScriptedUpdater) => void, packaged = true) {
  const updater = new ScriptedUpdater(script);
  const statuses: UpdateStatus[] = [];
  const schedules: number[] = [];
  const controller = new UpdateController(updater, {
    packaged,
    publish: (s) => statuses.push(s),
    now: () => new Date('2026-01-01T00:00:00Z'),
    every: (ms) => schedules.push(ms),
  });
  return { updater, statuses, schedules, controller };
}

describe('update controller', () => {
  it('checks on start and schedules a daily check; downloads and installs on quit', async () => {
    const { updater, statuses, schedules, controller } = setup(downloads);
    controller.start();
    await controller.check();
    expect(schedules).toEqual([DAILY_MS]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'downloading', 'downloading', 'downloaded']);
    expect(controller.current()).toEqual({ state: 'downloaded', version: '2.0.0' });
  });

  it('never restarts over unsynced edits', async () => {
    const { updater, controller } = setup(downloads);
    expect(controller.installNow()).toEqual({ status: 'refused', reason: 'not-downloaded' });
    await controller.check();
    controller.reportUnsyncedChanges(3);
    expect(controller.installNow()).toEqual({ status: 'refused', reason: 'unsynced-changes' });
    controller.reportUnsyncedChanges(0);
    expect(controller.installNow()).toEqual({ status: 'restarting' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(updater.installs).toBe(1);
  });

  it('reports up-to-date and errors to the UI', async () => {
    const upToDate = setup((u) => u.emit('update-not-available', { version: '1.0.0' }));
    expect(await upToDate.controller.check()).toEqual({
      state: 'up-to-date',
      checkedAt: '2026-01-01T00:00:00.000Z',
    });
    const failing = setup((u) => u.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED')));
    expect(await failing.controller.check()).toEqual({
      state: 'error',
      message: 'net::ERR_INTERNET_DISCONNECTED',
    });
  });

  it('does nothing when run from source', async () => {
    const { updater, controller, schedules } = setup(downloads, false);
    controller.start();
    expect(await controller.check()).toEqual({ state: 'unsupported' });
    expect(updater.checks).toBe(0);
    expect(schedules).toEqual([]);
  });

  it('the update-ready prompt offers a restart only when no edit waits for the server', () => {
    const ready = updateReadyPrompt('2.0.0', 0, 'en');
    expect(ready.message).toBe('Hamgaja 2.0.0 is ready.');
    expect(ready.buttons[ready.restartButton!]).toBe('Restart Now');
    const waiting = updateReadyPrompt('2.0.0', 3, 'ko');
    expect(waiting.restartButton).toBeNull();
    expect(waiting.buttons).toEqual(['확인']);
    expect(waiting.detail).toContain('3개');
  });
});
