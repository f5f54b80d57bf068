/**
 * Devices for integration tests: real RxDB databases (memory storage, dev-mode validation)
 * replicating with a real server over HTTP through the reference client (`replicateAll`), as in
 * src/sync/replication.int.test.ts. RxDB's open core allows 13 open collections per process:
 * close every device a test opens (`closeAllDevices` in afterEach).
 */
import { randomBytes } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { expect } from 'vitest';
import {
  createDatabase,
  replicateAll,
  type DatabaseReplication,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { client, type Client } from './harness.js';

type Collections = 'trips' | 'stops';
export type Account = { id: string; email: string; password: string };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const uid = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/** Polls until `probe` answers something truthy; fails naming what never happened. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for: ${what}`);
    await sleep(20);
  }
}

export const tripOf = (id: string, ownerId: string, extra: Partial<Trip> = {}): Trip => ({
  id,
  title: 'Jeju in spring',
  description: '',
  destination: { regionCode: '39', text: 'Jeju' },
  startDate: '2025-05-01',
  endDate: '2025-05-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: null,
  coverImage: null,
  notes: '',
  ownerId,
  ...extra,
});

export const stopOf = (id: string, tripId: string, extra: Partial<Stop> = {}): Stop => ({
  id,
  tripId,
  day: 0,
  orderKey: 'a0',
  startTime: '09:00',
  durationMinutes: 90,
  place: { name: 'Seongsan Ilchulbong', lat: 33.458, lng: 126.942 },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: null,
  ...extra,
});

/** A device's own session: logs in and refreshes (rotating refresh token) when asked. */
export class DeviceSession {
  accessToken = '';
  refreshToken = '';
  refreshes = 0;
  constructor(private readonly api: Client) {}

  async login(account: Account) {
    const res = await this.api.post('/auth/login', { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    this.accessToken = res.body.accessToken;
    this.refreshToken = res.body.refreshToken;
    return this;
  }

  readonly getAccessToken = async (options?: { forceRefresh?: boolean }) => {
    if (options?.forceRefresh) {
      const res = await this.api.post('/auth/refresh', { refreshToken: this.refreshToken });
      if (res.status !== 200) throw new Error(`refresh failed: ${res.status} ${res.text}`);
      this.accessToken = res.body.accessToken;
      this.refreshToken = res.body.refreshToken;
      this.refreshes += 1;
    }
    return this.accessToken;
  };
}

export interface Device {
  name: string;
  db: HamgajaDatabase<Collections>;
  session: DeviceSession;
  sync: DatabaseReplication | undefined;
  connect(): DatabaseReplication;
  trip(id: string): Promise<Trip | undefined>;
  stop(id: string): Promise<Stop | undefined>;
  close(): Promise<void>;
}

const openDevices = new Set<Device>();

/** A device of `account` (logged in on its own), not replicating until `connect()`. */
export async function openDevice(baseUrl: string, account: Account, name: string): Promise<Device> {
  const session = await new DeviceSession(client(baseUrl)).login(account);
  const db = await createDatabase<Collections>({
    storage: getRxStorageMemory(),
    name: uid(name.toLowerCase()),
    devMode: true,
    multiInstance: false,
    collections: ['trips', 'stops'],
    userId: account.id,
  });
  const device: Device = {
    name,
    db,
    session,
    sync: undefined,
    connect() {
      device.sync = replicateAll(db, {
        baseUrl,
        getAccessToken: session.getAccessToken,
        waitForLeadership: false,
        retry: { initialDelayMs: 50, maxDelayMs: 400 },
      });
      return device.sync;
    },
    async trip(id) {
      return (await db.trips.findOne(id).exec())?.toMutableJSON();
    },
    async stop(id) {
      return (await db.stops.findOne(id).exec())?.toMutableJSON();
    },
    async close() {
      openDevices.delete(device);
      await device.sync?.stop();
      device.sync = undefined;
      await db.close();
    },
  };
  openDevices.add(device);
  return device;
}

/** Closes every device still open (a failed test must not leave collections open). */
export async function closeAllDevices(): Promise<void> {
  for (const device of [...openDevices]) await device.close();
}
