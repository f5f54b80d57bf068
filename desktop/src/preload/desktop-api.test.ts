import { describe, expect, it } from 'vitest';
import type { BootInfo, DesktopApiError } from '../desktop-api/contract.js';
import { createDesktopApi, type IpcTransport } from './desktop-api.js';

const boot: BootInfo = {
  platform: 'linux',
  version: '1.0.0',
  packaged: false,
  language: 'ko',
  connection: { mode: 'server', url: 'https://trips.example.com' },
};

/** A transport that records what the preload sends and answers with what the test says. */
function transport(answer: (channel: string, payload: unknown) => unknown) {
  const sent: [string, unknown][] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const t: IpcTransport = {
    invoke: async (channel, payload) => {
      sent.push([channel, payload]);
      return answer(channel, payload);
    },
    on: (channel, listener) => listeners.set(channel, listener),
  };
  return { t, sent, emit: (channel: string, payload: unknown) => listeners.get(channel)?.(payload) };
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as DesktopApiError).code;
  }
};

describe('preload desktop API', () => {
  it('exposes the boot info and the server URL', () => {
    const api = createDesktopApi(transport(() => null).t, boot);
    expect(api.kind).toBe('desktop');
    expect(api.serverUrl).toBe('https://trips.example.com');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('refuses to send a malformed request', async () => {
    const { t, sent } = transport(() => ({ ok: true, value: null }));
    const api = createDesktopApi(t, boot);
    expect(await code(api.setConnection({ mode: 'server', url: 'file:///etc' }))).toBe('invalid_request');
    expect(await code(api.reportUnsyncedChanges(-3))).toBe('invalid_request');
    expect(await code(api.setLanguage('de' as 'ko'))).toBe('invalid_request');
    expect(sent).toEqual([]);
  });

  it('refuses a malformed answer and passes error codes through', async () => {
    const answers: Record<string, unknown> = {
      'update:check': { ok: true, value: { state: 'downloaded' } },
      'connection:set': { ok: true, value: { mode: 'server', url: 'https://a.example' }, extra: 1 },
      'trip:import': { ok: false, error: { code: 'invalid_trip_file', message: 'bad' } },
      'logs:open': 'garbage',
    };
    const api = createDesktopApi(transport((channel) => answers[channel]).t, boot);
    expect(await code(api.checkForUpdates())).toBe('invalid_response');
    expect(await code(api.setConnection({ mode: 'local' }))).toBe('invalid_response');
    expect(await code(api.importTrip())).toBe('invalid_trip_file');
    expect(await code(api.openLogsFolder())).toBe('invalid_response');
  });

  it('drops malformed events and holds deep links until the first listener', async () => {
    const { t, emit } = transport(() => null);
    const dropped: string[] = [];
    const api = createDesktopApi(t, boot, { onInvalidEvent: (channel) => dropped.push(channel) });
    const code = 'AbCdEfGhIjKlMnOp_-12';
    emit('event:deep-link', { kind: 'invite', code });
    emit('event:deep-link', { kind: 'invite', code: '../../x' });
    const links: unknown[] = [];
    api.onDeepLink((link) => links.push(link));
    await Promise.resolve();
    expect(links).toEqual([{ kind: 'invite', code }]);
    expect(dropped).toEqual(['event:deep-link']);

    const statuses: unknown[] = [];
    const stop = api.onUpdateStatus((s) => statuses.push(s));
    emit('event:update-status', { state: 'checking' });
    emit('event:update-status', { state: 'downloading', version: '2', percent: 900 });
    stop();
    emit('event:update-status', { state: 'idle' });
    expect(statuses).toEqual([{ state: 'checking' }]);
  });
});
