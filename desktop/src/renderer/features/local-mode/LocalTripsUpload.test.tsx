// @vitest-environment jsdom
// The upload offer after switching from local only to a server: the desktop app in server mode
// (fake `window.hamgaja` from the real contract), a logged-in user's real database (IndexedDB via
// fake-indexeddb) and the local profile's database with a trip planned offline.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createDatabase, type HamgajaDatabase } from '@hamgaja/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HamgajaDesktopApi } from '../../../desktop-api/api';
import { bootInfoSchema } from '../../../desktop-api/contract';
import { sampleBundle } from '../../../main/export/test-trip';
import { createServices, ServicesProvider } from '../../app/services';
import { useLanguage } from '../../app/test-utils';
import { DatabaseProvider, useDatabaseState, type DatabaseState } from '../../data/DatabaseProvider';
import { SESSION_STORAGE_KEY } from '../auth/session';
import { LOCAL_PROFILE_ID, LOCAL_PROFILE_USED_KEY } from './local-mode';
import { LocalTripsUpload } from './LocalTripsUpload';

const user = {
  id: '0b9f3a4e-6d2c-4c1e-9d43-8d1b2f0c7a11',
  email: 'mina@example.com',
  displayName: 'Mina',
  phone: null,
  address: null,
  locale: 'en' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function serverModeApi(): HamgajaDesktopApi {
  const boot = bootInfoSchema.parse({
    platform: 'linux',
    version: '1.0.0',
    packaged: false,
    language: 'en',
    connection: { mode: 'server', url: 'https://trips.example.com' },
  });
  const never = () => () => undefined;
  return {
    kind: 'desktop',
    ...boot,
    serverUrl: 'https://trips.example.com',
    setConnection: vi.fn(async () => boot.connection),
    setLanguage: vi.fn(async () => undefined),
    reportUnsyncedChanges: vi.fn(async () => undefined),
    exportTrip: vi.fn(async () => ({ status: 'canceled' as const })),
    importTrip: vi.fn(async () => ({ status: 'canceled' as const })),
    checkForUpdates: vi.fn(async () => ({ state: 'unsupported' as const })),
    installUpdate: vi.fn(async () => ({ status: 'refused' as const, reason: 'not-downloaded' as const })),
    openLogsFolder: vi.fn(async () => undefined),
    onUpdateStatus: vi.fn(never),
    onDeepLink: vi.fn(never),
    onMenuCommand: vi.fn(never),
    onTripFileOpened: vi.fn(never),
  };
}

let database: DatabaseState = { status: 'closed' };
function Probe() {
  database = useDatabaseState();
  return null;
}

let local: HamgajaDatabase;
const openLocal = async () => local;

beforeAll(() => useLanguage('en'));
beforeEach(async () => {
  localStorage.clear();
  Object.defineProperty(window, 'hamgaja', { value: serverModeApi(), configurable: true });
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ refreshToken: 'refresh', user }));
  // The server is out of reach in this test: the replication just keeps retrying.
  vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new TypeError('offline')));
  local = await createDatabase({
    storage: getRxStorageMemory(),
    name: `local-${crypto.randomUUID().slice(0, 8)}`,
    multiInstance: false,
    devMode: true,
  });
  const bundle = sampleBundle();
  await local.trips.insert({ ...bundle.trip, ownerId: LOCAL_PROFILE_ID });
  await local.stops.bulkInsert(bundle.stops);
});
afterEach(async () => {
  const open = database.status === 'ready' ? database.db : null;
  cleanup();
  if (open) await waitFor(() => expect(open.closed).toBe(true));
  database = { status: 'closed' };
  if (!local.closed) await local.close();
  vi.restoreAllMocks();
  Object.defineProperty(window, 'hamgaja', { value: undefined, configurable: true });
});

function renderOffer() {
  render(
    <ServicesProvider services={createServices()}>
      <DatabaseProvider>
        <Probe />
        <LocalTripsUpload openLocal={openLocal} />
      </DatabaseProvider>
    </ServicesProvider>,
  );
}

describe('LocalTripsUpload', () => {
  it('offers the local-only trips after login and copies them into the account', async () => {
    localStorage.setItem(LOCAL_PROFILE_USED_KEY, '1');
    const person = userEvent.setup();
    renderOffer();
    const offer = await screen.findByRole(
      'region',
      { name: 'Trips on this computer only' },
      { timeout: 15_000 },
    );
    expect(offer.textContent).toContain('1 trip made in local-only mode is on this computer.');
    await person.click(screen.getByRole('button', { name: 'Upload to my account' }));
    expect(await screen.findByText('1 trip uploaded to your account.')).toBeTruthy();

    if (database.status !== 'ready') throw new Error('database');
    const trips = await database.db.trips.find().exec();
    expect(trips.map((trip) => [trip.title, trip.ownerId])).toEqual([[sampleBundle().trip.title, user.id]]);
    expect(await database.db.stops.count({ selector: { tripId: trips[0]!.id } }).exec()).toBe(
      sampleBundle().stops.length,
    );
  }, 30_000);

  it('stays silent on a computer that never used local-only mode', async () => {
    renderOffer();
    await waitFor(() => expect(database.status).toBe('ready'), { timeout: 15_000 });
    expect(screen.queryByRole('region', { name: 'Trips on this computer only' })).toBeNull();
  }, 30_000);
});
