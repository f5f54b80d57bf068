import { createDatabase } from '@hamgaja/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleBundle } from '../main/export/test-trip.js';
import { createDesktopApi, type IpcTransport } from '../preload/desktop-api.js';
import { connectDesktop, desktopApi, routeFor } from './desktop.js';

const CODE = 'AbCdEfGhIjKlMnOp_-12';

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

/** What the main process answers (the rest: null). */
const answers: Record<string, unknown> = {
  'trip:export': { status: 'saved', fileName: 'Jeju.pdf' },
  'trip:import': { status: 'imported', fileName: 'jeju.hamgaja', bundle: sampleBundle() },
};

/** The real preload API on a transport the test drives, installed as window.hamgaja. */
function installDesktop() {
  const sent: [string, unknown][] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: IpcTransport = {
    invoke: async (channel, payload) => {
      sent.push([channel, payload]);
      return { ok: true, value: answers[channel] ?? null };
    },
    on: (channel, listener) => listeners.set(channel, listener),
  };
  const hamgaja = createDesktopApi(transport, {
    platform: 'linux',
    version: '1.0.0',
    packaged: true,
    language: 'en',
    connection: { mode: 'local' },
  });
  (globalThis as { window?: unknown }).window = { hamgaja };
  return { sent, emit: (channel: string, payload: unknown) => listeners.get(channel)?.(payload) };
}

describe('renderer desktop bridge', () => {
  it('is null and a no-op in the web build', () => {
    expect(desktopApi()).toBeNull();
    const stop = connectDesktop({
      navigate: () => expect.fail(),
      pendingChanges: { get: () => 0, subscribe: () => () => undefined },
    });
    stop();
  });

  it('routes invite links and menu items, and reports unsynced edits to the updater', async () => {
    const { sent, emit } = installDesktop();
    expect(desktopApi()?.kind).toBe('desktop');
    const paths: string[] = [];
    const languages: string[] = [];
    let pending = 2;
    let notify: () => void = () => undefined;
    let languageChanged: (language: string) => void = () => undefined;
    const stop = connectDesktop({
      followLanguage: (l) => ((languageChanged = l), () => undefined),
      navigate: (p) => paths.push(p),
      setLanguage: (l) => languages.push(l),
      pendingChanges: { get: () => pending, subscribe: (l) => ((notify = l), () => undefined) },
    });
    emit('event:deep-link', { kind: 'invite', code: CODE });
    emit('event:menu-command', { command: 'new-trip' });
    emit('event:menu-command', { command: 'set-language', language: 'ko' });
    pending = 0;
    notify();
    languageChanged('ko');
    languageChanged('ko-KR');
    await Promise.resolve();
    expect(paths).toEqual([`/invite/${CODE}`, '/trips/new']);
    expect(languages).toEqual(['ko']);
    expect(sent).toEqual([
      ['sync:report', { unsyncedChanges: 2 }],
      ['sync:report', { unsyncedChanges: 0 }],
      ['language:set', 'ko'],
    ]);
    stop();
  });

  it('routeFor leaves page commands to the pages', () => {
    expect(routeFor({ command: 'export-trip', format: 'pdf' })).toBeNull();
  });

  it('File → Export sends the open trip from the local database; Import and opened files add a new trip', async () => {
    const db = await createDatabase({
      storage: getRxStorageMemory(),
      name: `bridge-${crypto.randomUUID().slice(0, 8)}`,
      multiInstance: false,
    });
    try {
      const original = sampleBundle();
      await db.trips.insert(original.trip);
      await db.stops.bulkInsert(original.stops);
      const { sent, emit } = installDesktop();
      const paths: string[] = [];
      let pathname = `/trips/${original.trip.id}`;
      const stop = connectDesktop({
        navigate: (p) => paths.push(p),
        pendingChanges: { get: () => 0, subscribe: () => () => undefined },
        trips: {
          database: () => db,
          userId: () => 'user-me',
          openTripId: () => /^\/trips\/([^/]+)/.exec(pathname)?.[1] ?? null,
          language: () => 'ko',
          onError: (error) => expect.fail(String(error)),
        },
      });
      emit('event:menu-command', { command: 'export-trip', format: 'pdf' });
      await vi.waitFor(() => expect(sent.some(([c]) => c === 'trip:export')).toBe(true));
      const [, request] = sent.find(([c]) => c === 'trip:export')!;
      expect(request).toMatchObject({ format: 'pdf', language: 'ko', bundle: { trip: original.trip } });
      expect((request as { bundle: { stops: unknown[] } }).bundle.stops).toHaveLength(original.stops.length);

      emit('event:menu-command', { command: 'import-trip' });
      await vi.waitFor(() => expect(paths).toHaveLength(1));
      emit('event:trip-file-opened', { status: 'imported', fileName: 'jeju.hamgaja', bundle: original });
      await vi.waitFor(() => expect(paths).toHaveLength(2));
      const trips = await db.trips.find().exec();
      expect(trips).toHaveLength(3);
      for (const path of paths) {
        const id = decodeURIComponent(path.replace('/trips/', ''));
        expect((await db.trips.findOne(id).exec())?.ownerId).toBe('user-me');
      }

      // Not on a trip page: Export does nothing.
      pathname = '/trips';
      const before = sent.length;
      emit('event:menu-command', { command: 'export-trip', format: 'ics' });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(sent.length).toBe(before);
      stop();
    } finally {
      await db.close();
    }
  });
});
