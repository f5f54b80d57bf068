// @vitest-environment jsdom
// The app in the desktop's local-only mode (a fake `window.hamgaja` shaped by the real IPC
// contract), against a real RxDB database in IndexedDB (fake-indexeddb): no login, trips
// written locally, nothing sent to a server; and the web build unchanged.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { HamgajaDesktopApi } from '../../../desktop-api/api';
import { bootInfoSchema, type Connection } from '../../../desktop-api/contract';
import { CONNECTION_PAGE_PATH as MAIN_CONNECTION_PAGE_PATH } from '../../../desktop-api/connection-page/connection-form';
import { AppRoutes } from '../../app/App';
import { createServices, ServicesProvider, type Services } from '../../app/services';
import { useLanguage } from '../../app/test-utils';
import { DatabaseProvider, useDatabaseState, type DatabaseState } from '../../data/DatabaseProvider';
import {
  CONNECTION_PAGE_PATH,
  LOCAL_PROFILE_ID,
  LOCAL_PROFILE_USED_KEY,
  LocalSessionManager,
} from './local-mode';

// The service-worker prompt comes from a Vite plugin's virtual module, absent under vitest.
vi.mock('../../app/AppUpdate', () => ({ AppUpdate: () => null }));

/** What the preload would expose, built from boot info the contract accepts. */
function fakeDesktopApi(connection: Connection): HamgajaDesktopApi {
  const boot = bootInfoSchema.parse({
    platform: 'linux',
    version: '1.0.0',
    packaged: false,
    language: 'en',
    connection,
  });
  const never = () => () => undefined;
  return {
    kind: 'desktop',
    platform: boot.platform,
    version: boot.version,
    packaged: boot.packaged,
    language: boot.language,
    connection: boot.connection,
    serverUrl: boot.connection.mode === 'server' ? boot.connection.url : null,
    setConnection: vi.fn(async (choice) => choice),
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

function setDesktop(api: HamgajaDesktopApi | undefined): void {
  Object.defineProperty(window, 'hamgaja', { value: api, configurable: true, writable: true });
}

let database: DatabaseState = { status: 'closed' };
let here = '';
function Probe() {
  database = useDatabaseState();
  here = useLocation().pathname;
  return null;
}

function renderApp(services: Services, at: string) {
  return render(
    <ServicesProvider services={services}>
      <DatabaseProvider>
        <MemoryRouter initialEntries={[at]}>
          <Probe />
          <Suspense fallback={null}>
            <AppRoutes />
          </Suspense>
        </MemoryRouter>
      </DatabaseProvider>
    </ServicesProvider>,
  );
}

let fetchSpy: MockInstance<typeof fetch>;
const apiCalls = () =>
  fetchSpy.mock.calls.filter(([input]) =>
    String(input instanceof Request ? input.url : input).includes('/api'),
  );

beforeAll(() => useLanguage('en'));
beforeEach(() => {
  localStorage.clear();
  fetchSpy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(() => Promise.reject(new TypeError('no network in this test')));
});
afterEach(async () => {
  fetchSpy.mockRestore();
  setDesktop(undefined);
  // Unmount, and let the DatabaseProvider close the database it opened, before the next test.
  const open = database.status === 'ready' ? database.db : null;
  cleanup();
  if (open) await waitFor(() => expect(open.closed).toBe(true));
  database = { status: 'closed' };
});

describe('desktop local-only mode', () => {
  it('opens the trips without an account, writes new trips to the local database and never calls the server', async () => {
    setDesktop(fakeDesktopApi({ mode: 'local' }));
    const services = createServices();
    expect(services.localOnly).toBe(true);
    expect(services.session).toBeInstanceOf(LocalSessionManager);
    expect(localStorage.getItem(LOCAL_PROFILE_USED_KEY)).toBe('1');
    const user = userEvent.setup();
    renderApp(services, '/trips');

    // No login page: the trips list of the local profile, shown as "On this computer".
    expect(
      await screen.findByRole('heading', { name: 'My trips', level: 1 }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(here).toBe('/trips');
    // The list does not promise syncing that cannot happen here.
    expect(screen.getByText(/They stay here until you connect to a server/)).toBeTruthy();
    expect(screen.queryByText(/sync automatically/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Sync status: local only' }).textContent).toContain(
      'Local only',
    );
    // Named by what it shows first, then what it opens.
    expect(screen.getByRole('button', { name: 'On this computer Account menu' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Log in' })).toBeNull();
    await waitFor(() => expect(database.status).toBe('ready'));
    if (database.status !== 'ready') throw new Error('database');
    expect(database.userId).toBe(LOCAL_PROFILE_ID);
    expect(database.db.name).toBe('hamgaja-user-local');

    // A new trip lands in the local database, owned by the local profile.
    await user.click(await screen.findByRole('link', { name: 'Plan your first trip' }));
    await user.type(
      await screen.findByLabelText('Trip title', undefined, { timeout: 10_000 }),
      'Jeju offline',
    );
    await user.type(screen.getByLabelText('Start date'), '2027-04-10');
    await user.type(screen.getByLabelText('End date'), '2027-04-12');
    await user.click(screen.getByRole('button', { name: 'Create trip' }));
    await waitFor(() => expect(here).toMatch(/^\/trips\/[^/]+$/), { timeout: 10_000 });
    expect(
      await screen.findByRole('heading', { name: 'Jeju offline', level: 1 }, { timeout: 10_000 }),
    ).toBeTruthy();
    if (database.status !== 'ready') throw new Error('database');
    const stored = await database.db.trips.find().exec();
    expect(stored.map((trip) => [trip.title, trip.ownerId])).toEqual([['Jeju offline', LOCAL_PROFILE_ID]]);
    // Sharing and posting need the server: not offered.
    expect(screen.queryByRole('button', { name: /^Share/ })).toBeNull();

    // Pages that need a server explain it instead.
    await user.click(screen.getAllByRole('link', { name: 'Board' })[0]!);
    expect(await screen.findByRole('heading', { name: 'This needs a server connection' })).toBeTruthy();

    expect(services.syncStatus.get().phase).toBe('off');
    expect(apiCalls()).toEqual([]);
  }, 60_000);

  it('refuses every server call of the session without touching the network', async () => {
    setDesktop(fakeDesktopApi({ mode: 'local' }));
    const session = new LocalSessionManager();
    await expect(session.login('a@example.com', 'secret')).rejects.toMatchObject({ code: 'local_only' });
    await expect(session.authorized(async () => 'called')).rejects.toMatchObject({ code: 'local_only' });
    // Even the raw auth client has no network: its fetch refuses at once.
    await expect(session.api.refresh('token')).rejects.toThrow();
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { id: LOCAL_PROFILE_ID } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('links to the connection page the main process serves', () => {
    expect(CONNECTION_PAGE_PATH).toBe(MAIN_CONNECTION_PAGE_PATH);
  });
});

describe('web build (no desktop API)', () => {
  it('keeps the trips behind a login', async () => {
    const services = createServices('');
    expect(services.localOnly).toBeUndefined();
    expect(localStorage.getItem(LOCAL_PROFILE_USED_KEY)).toBeNull();
    renderApp(services, '/trips');
    expect(
      await screen.findByRole('heading', { name: 'Log in', level: 1 }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(here).toBe('/login');
    expect(database.status).toBe('closed');
  }, 20_000);

  it('is not local-only in the desktop app connected to a server', () => {
    setDesktop(fakeDesktopApi({ mode: 'server', url: 'https://trips.example.com' }));
    expect(createServices().localOnly).toBeUndefined();
  });
});
