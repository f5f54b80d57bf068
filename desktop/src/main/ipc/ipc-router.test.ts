import { describe, expect, it, vi } from 'vitest';
import { DesktopApiError, invokeChannels, type InvokeChannel } from '../../desktop-api/contract.js';
import { sampleBundle } from '../export/test-trip.js';
import { createIpcRouter, type IpcHandlers } from './ipc-router.js';

const APP = 'app://hamgaja/trips/1';

function router(overrides: Partial<IpcHandlers<null>> = {}) {
  const calls: InvokeChannel[] = [];
  const track =
    <C extends InvokeChannel>(channel: C, value: unknown) =>
    async () => {
      calls.push(channel);
      return value as never;
    };
  const handlers: IpcHandlers<null> = {
    'connection:set': track('connection:set', { mode: 'local' }),
    'language:set': track('language:set', null),
    'sync:report': track('sync:report', null),
    'trip:export': track('trip:export', { status: 'saved', fileName: 'trip.pdf' }),
    'trip:import': track('trip:import', { status: 'canceled' }),
    'update:check': track('update:check', { state: 'unsupported' }),
    'update:install': track('update:install', { status: 'refused', reason: 'not-downloaded' }),
    'logs:open': track('logs:open', null),
    ...overrides,
  };
  const onError = vi.fn();
  return { router: createIpcRouter(handlers, { onError }), calls, onError };
}

describe('IPC router', () => {
  it('answers well-formed requests from the app page', async () => {
    const { router: r, calls } = router();
    await expect(r.handle('connection:set', APP, { mode: 'local' }, null)).resolves.toEqual({
      ok: true,
      value: { mode: 'local' },
    });
    const exported = await r.handle(
      'trip:export',
      APP,
      { format: 'pdf', language: 'ko', bundle: sampleBundle() },
      null,
    );
    expect(exported).toEqual({ ok: true, value: { status: 'saved', fileName: 'trip.pdf' } });
    expect(calls).toEqual(['connection:set', 'trip:export']);
  });

  it.each([
    ['connection:set', { mode: 'server', url: 'javascript:alert(1)' }],
    ['connection:set', { mode: 'server', url: 'https://user:pw@example.com' }],
    ['connection:set', { mode: 'server', url: 'https://example.com/path' }],
    ['connection:set', { mode: 'unset' }],
    ['connection:set', { mode: 'local', extra: true }],
    ['language:set', 'fr'],
    ['sync:report', { unsyncedChanges: -1 }],
    ['sync:report', { unsyncedChanges: 1.5 }],
    ['sync:report', '3'],
    ['trip:export', { format: 'docx', language: 'ko', bundle: sampleBundle() }],
    ['trip:export', { format: 'pdf', language: 'ko', bundle: { ...sampleBundle(), trip: { title: 'x' } } }],
    [
      'trip:export',
      {
        format: 'pdf',
        language: 'ko',
        bundle: { ...sampleBundle(), stops: [{ ...sampleBundle().stops[0], tripId: 'other' }] },
      },
    ],
    ['trip:import', { path: '/etc/passwd' }],
    ['logs:open', undefined],
    ['update:install', {}],
  ] as const)('refuses a malformed %s message before any handler runs', async (channel, payload) => {
    const { router: r, calls } = router();
    const result = await r.handle(channel, APP, payload, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels and senders that are not the app page', async () => {
    const { router: r, calls } = router();
    expect(await r.handle('fs:read', APP, null, null)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await r.handle('__proto__', APP, null, null)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    for (const sender of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'app://other/',
      'app://u:p@hamgaja/',
      undefined,
    ])
      expect(await r.handle('logs:open', sender, null, null), String(sender)).toMatchObject({
        ok: false,
        error: { code: 'untrusted_sender' },
      });
    expect(calls).toEqual([]);
  });

  it('keeps the stable code of a DesktopApiError and hides other errors and broken answers', async () => {
    const { router: r, onError } = router({
      'trip:import': async () => {
        throw new DesktopApiError('invalid_trip_file', 'not a trip');
      },
      'logs:open': async () => {
        throw new Error('EACCES /home/secret');
      },
      'update:check': async () => ({ state: 'nonsense' }) as never,
    });
    expect(await r.handle('trip:import', APP, null, null)).toEqual({
      ok: false,
      error: { code: 'invalid_trip_file', message: 'not a trip' },
    });
    const hidden = await r.handle('logs:open', APP, null, null);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret');
    expect(await r.handle('update:check', APP, null, null)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('covers every channel of the contract', () => {
    expect(invokeChannels.sort()).toEqual(
      [
        'connection:set',
        'language:set',
        'logs:open',
        'sync:report',
        'trip:export',
        'trip:import',
        'update:check',
        'update:install',
      ].sort(),
    );
  });
});
