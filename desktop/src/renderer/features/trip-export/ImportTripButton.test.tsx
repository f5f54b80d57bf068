// @vitest-environment jsdom
// "Import trip" on the trips list, against a logged-in user's real local database (IndexedDB via
// fake-indexeddb) and the real shared trip-file code: refused files write nothing; a good file
// shows a preview and becomes a new trip with new ids.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tripToJson, TRIP_FILE_VERSION } from '@hamgaja/shared';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleBundle } from '../../../main/export/test-trip';
import { createServices, ServicesProvider } from '../../app/services';
import { useLanguage } from '../../app/test-utils';
import { DatabaseProvider, useDatabaseState, type DatabaseState } from '../../data/DatabaseProvider';
import { SESSION_STORAGE_KEY } from '../auth/session';
import { ImportTripButton } from './ImportTripButton';

const user = {
  id: '5c3e0a1b-2f4d-4e6a-8b9c-0d1e2f3a4b5c',
  email: 'jun@example.com',
  displayName: 'Jun',
  phone: null,
  address: null,
  locale: 'en' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};

let database: DatabaseState = { status: 'closed' };
function Probe() {
  database = useDatabaseState();
  return null;
}

function Opened() {
  return <p>opened {useParams().tripId}</p>;
}

/** The machine is shared: allow time (not a speed check). */
const slow = { timeout: 10_000 };

const file = (text: string, name = 'trip.hamgaja') => new File([text], name, { type: 'application/json' });
const tripFileText = () =>
  tripToJson(sampleBundle(), { now: new Date('2026-03-01T00:00:00Z'), appVersion: 'test' });

beforeAll(async () => {
  await useLanguage('en');
  // jsdom's Blob has no text(): the browser's, through FileReader.
  if (!('text' in Blob.prototype))
    Object.defineProperty(Blob.prototype, 'text', {
      configurable: true,
      value(this: Blob) {
        return new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result as string);
          reader.onerror = () => reject(reader.error);
          reader.readAsText(this);
        });
      },
    });
});
beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ refreshToken: 'refresh', user }));
  // The server is out of reach in this test: the replication just keeps retrying.
  vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new TypeError('offline')));
});
afterEach(async () => {
  const open = database.status === 'ready' ? database.db : null;
  cleanup();
  if (open) await waitFor(() => expect(open.closed).toBe(true));
  database = { status: 'closed' };
  vi.restoreAllMocks();
});

async function renderList() {
  render(
    <ServicesProvider services={createServices()}>
      <DatabaseProvider>
        <Probe />
        <MemoryRouter initialEntries={['/trips']}>
          <Routes>
            <Route path="/trips" element={<ImportTripButton />} />
            <Route path="/trips/:tripId" element={<Opened />} />
          </Routes>
        </MemoryRouter>
      </DatabaseProvider>
    </ServicesProvider>,
  );
  await waitFor(() => expect(database.status).toBe('ready'), { timeout: 15_000 });
  if (database.status !== 'ready') throw new Error('database');
  return database.db;
}

describe('ImportTripButton', () => {
  it('refuses files that are not Hamgaja trips, damaged or too new, and writes nothing', async () => {
    const person = userEvent.setup();
    const db = await renderList();
    const picker = screen.getByLabelText('Hamgaja trip file to import');
    await person.upload(picker, file('BEGIN:VCALENDAR', 'calendar.ics'));
    expect((await screen.findByRole('alert', {}, slow)).textContent).toBe(
      'This is not a Hamgaja trip file, or it is damaged.',
    );
    await person.upload(picker, file(tripFileText().slice(0, 200)));
    expect((await screen.findByRole('alert', {}, slow)).textContent).toBe(
      'This is not a Hamgaja trip file, or it is damaged.',
    );
    const newer = { ...JSON.parse(tripFileText()), version: TRIP_FILE_VERSION + 1 };
    await person.upload(picker, file(JSON.stringify(newer)));
    await waitFor(
      () => expect(screen.getByRole('alert').textContent).toContain('newer version of Hamgaja'),
      slow,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await db.trips.count().exec()).toBe(0);
  }, 30_000);

  it('previews a trip file and imports it as a new trip of the user', async () => {
    const person = userEvent.setup();
    const db = await renderList();
    await person.upload(screen.getByLabelText('Hamgaja trip file to import'), file(tripFileText()));
    const preview = await screen.findByRole('dialog', { name: 'Import trip' }, slow);
    for (const line of ['Day 1 · 2 stops', 'Day 3 · 0 stops', '4 stops', '1 checklist item', '1 expense'])
      expect(preview.textContent).toContain(line);
    expect(await db.trips.count().exec()).toBe(0);

    await person.click(screen.getByRole('button', { name: 'Import as a new trip' }));
    const opened = await screen.findByText(/^opened /, {}, slow);
    const trips = await db.trips.find().exec();
    expect(trips.map((t) => [t.title, t.ownerId])).toEqual([[sampleBundle().trip.title, user.id]]);
    const tripId = trips[0]!.id;
    expect(tripId).not.toBe(sampleBundle().trip.id);
    expect(opened.textContent).toBe(`opened ${tripId}`);
    const stops = await db.stops.find({ selector: { tripId } }).exec();
    expect(stops.map((s) => s.place.name).sort()).toEqual(
      sampleBundle()
        .stops.map((s) => s.place.name)
        .sort(),
    );
    const [expense] = await db.expenses.find({ selector: { tripId } }).exec();
    // The expense follows its stop to the stop's new id.
    const lunch = stops.find((s) => s.place.name === sampleBundle().stops[1]!.place.name)!;
    expect(expense?.stopId).toBe(lunch.id);
    expect(expense?.paidBy).toBe(user.id);
  }, 30_000);
});
