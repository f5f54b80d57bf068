import { describe, expect, it } from 'vitest';
import { SyncHttpError, UpgradeRequiredError } from '@hamgaja/shared';
import { showsSyncProgress, syncErrorCode, SyncStatusStore, initialSyncStatus } from './sync-status';

describe('syncErrorCode', () => {
  it('finds the problem code, also inside RxDB’s wrapped errors', () => {
    expect(syncErrorCode(new SyncHttpError(403, 'forbidden', 'no'))).toBe('forbidden');
    expect(syncErrorCode({ parameters: { errors: [{ code: 'internal_error' }] } })).toBe('internal_error');
    expect(syncErrorCode({ parameters: { error: { name: 'UpgradeRequiredError' } } })).toBe(
      'upgrade_required',
    );
    expect(syncErrorCode(new UpgradeRequiredError('old'))).toBe('upgrade_required');
  });

  it('speaks of the connection when the network or the live stream fails', () => {
    expect(syncErrorCode(new TypeError('Failed to fetch'))).toBe('network');
    expect(syncErrorCode(new SyncHttpError(0, 'stream_stalled', 'silent'))).toBe('network');
    expect(syncErrorCode(new SyncHttpError(502, 'http_502', 'bad gateway'))).toBe('not_ready');
    expect(syncErrorCode(new SyncHttpError(418, 'http_418', 'teapot'))).toBe('unknown');
    expect(syncErrorCode(null)).toBe('unknown');
  });
});

describe('SyncStatusStore', () => {
  it('notifies only on real changes and follows online/offline events', () => {
    const store = new SyncStatusStore({ online: true });
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.update({ pending: 0 });
    expect(calls).toBe(0);
    store.update({ pending: 2 });
    expect(calls).toBe(1);
    const target = new EventTarget();
    const stop = store.trackConnectivity(target as unknown as Window);
    target.dispatchEvent(new Event('offline'));
    expect(store.get().online).toBe(false);
    stop();
    target.dispatchEvent(new Event('online'));
    expect(store.get().online).toBe(false);
  });

  it('shows the first-sync bar only while it runs, online and without errors', () => {
    const running = { ...initialSyncStatus, phase: 'syncing' as const, initialSync: true };
    expect(showsSyncProgress(running)).toBe(true);
    expect(showsSyncProgress({ ...running, online: false })).toBe(false);
    expect(showsSyncProgress({ ...running, phase: 'upgrade' })).toBe(false);
    expect(showsSyncProgress({ ...running, initialSync: false })).toBe(false);
  });
});
