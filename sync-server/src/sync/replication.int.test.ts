/**
 * Real RxDB clients (memory storage, dev-mode with ajv validation) replicating with the real
 * server over HTTP. Each simulated device is its own RxDB database; a user's two devices are
 * two databases logged in as the same user. RxDB's open core allows 13 open collections per
 * process, so devices open only the collections a test needs and every test closes them.
 */
import { createServer } from 'node:net';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  initialOrderKeys,
  isUpgradeRequired,
  replicateAll,
  startReplication,
  UpgradeRequiredError,
  type ConnectionOptions,
  type DatabaseReplication,
  type Fetch,
  type HamgajaDatabase,
  type Stop,
  type SyncRejection,
  type Trip,
} from '@hamgaja/shared';
import {
  DeviceSession,
  sleep,
  stopOf as stop,
  tripOf as trip,
  uid,
  waitFor,
  type Account,
} from '../../test/devices.js';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { schemaHeaders } from './testing.js';

type Collections = 'trips' | 'stops';
/** A port nothing listens on: a device pointed there is offline. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Device {
  name: string;
  db: HamgajaDatabase<Collections>;
  session: DeviceSession;
  sync: DatabaseReplication | undefined;
  errors: unknown[];
  rejections: SyncRejection[];
  connect(overrides?: Partial<ConnectionOptions>): DatabaseReplication;
  disconnect(): Promise<void>;
  close(): Promise<void>;
}

const openDevices = new Set<Device>();

async function openDevice(server: TestServer, account: Account, name: string): Promise<Device> {
  const session = await new DeviceSession(client(server.url)).login(account);
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
    errors: [],
    rejections: [],
    connect(overrides = {}) {
      const sync = replicateAll(db, {
        baseUrl: server.url,
        getAccessToken: session.getAccessToken,
        waitForLeadership: false,
        retry: { initialDelayMs: 50, maxDelayMs: 400 },
        ...overrides,
      });
      sync.error$.subscribe((error) => device.errors.push(error));
      sync.rejected$.subscribe((rejection) => device.rejections.push(rejection));
      device.sync = sync;
      return sync;
    },
    async disconnect() {
      await device.sync?.stop();
      device.sync = undefined;
    },
    async close() {
      openDevices.delete(device);
      await device.disconnect();
      await db.close();
    },
  };
  openDevices.add(device);
  return device;
}

async function stopOn(device: Device, id: string): Promise<Stop | undefined> {
  const doc = await device.db.stops.findOne(id).exec();
  return doc ? doc.toMutableJSON() : undefined;
}

async function tripOn(device: Device, id: string): Promise<Trip | undefined> {
  const doc = await device.db.trips.findOne(id).exec();
  return doc ? doc.toMutableJSON() : undefined;
}

/** Pushes go out and the server's answer is processed. */
async function settle(...devices: Device[]) {
  await Promise.all(devices.map((d) => d.sync?.awaitInSync() ?? Promise.resolve()));
}

async function newAccount(api: Client, name: string): Promise<Account> {
  const s = await signUp(api, name);
  return { id: s.user.id, email: s.email, password: s.password };
}

/** A user's laptop and phone, not connected yet; the laptop holds a trip with stop `x` (note v0). */
async function laptopAndPhone(server: TestServer, api: Client, name: string) {
  const me = await newAccount(api, name);
  const laptop = await openDevice(server, me, 'laptop');
  const phone = await openDevice(server, me, 'phone');
  const tripId = uid('trip');
  const x = uid('stop');
  await laptop.db.trips.insert(trip(tripId, me.id));
  await laptop.db.stops.insert(stop(x, tripId, { note: 'v0' }));
  return { me, laptop, phone, tripId, x };
}

/** The stop as the server holds it for the device's user (a full pull). */
async function stopOnServer(api: Client, device: Device, id: string): Promise<Stop | undefined> {
  const res = await api.get('/sync/stops/pull?limit=1000', {
    token: device.session.accessToken,
    headers: schemaHeaders('stops'),
  });
  return (res.body as { documents: Stop[] }).documents.find((d) => d.id === id);
}

/**
 * Another change of the trip (a new stop from the phone) moves the laptop's checkpoint on; a
 * last pull from there brings nothing older. Then both devices must hold `note` on stop `x`.
 */
async function expectBothAt(laptop: Device, phone: Device, tripId: string, x: string, note: string) {
  const y = uid('stop');
  await phone.db.stops.insert(stop(y, tripId));
  await waitFor('the phone stop on the laptop', () => stopOn(laptop, y));
  laptop.sync!.reSync();
  await settle(laptop, phone);
  expect((await stopOn(laptop, x))?.note).toBe(note);
  expect((await stopOn(phone, x))?.note).toBe(note);
  await laptop.close();
  await phone.close();
}

/** A promise the test opens when it wants to. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

type FetchAnswer = Awaited<ReturnType<Fetch>>;

/** An answer with the given body in place of a fetched one (status and content type kept). */
function answerWith(res: FetchAnswer, body: string | ReadableStream<Uint8Array>): FetchAnswer {
  const headers = { 'content-type': res.headers.get('content-type') ?? '' };
  return new Response(body, { status: res.status, headers }) as unknown as FetchAnswer;
}

afterEach(async () => {
  // A failed test must not leave collections open (13 per process).
  for (const device of [...openDevices]) await device.close();
});

describe('replication with real RxDB clients', () => {
  let server: TestServer;
  let api: Client;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterAll(() => server?.stop());

  it("converges a user's two devices: a trip and its stop created on one appear on the other, and back", async () => {
    const me = await newAccount(api, 'Minji');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    laptop.connect();
    phone.connect();

    const tripId = uid('trip');
    // Written together: the stop must not overtake its trip to the server.
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.insert(stop('stop-1', tripId, { note: 'sunrise' }));

    expect(await waitFor('trip on the phone', () => tripOn(phone, tripId))).toMatchObject({
      title: 'Jeju in spring',
    });
    expect(await waitFor('stop on the phone', () => stopOn(phone, 'stop-1'))).toMatchObject({
      note: 'sunrise',
      tripId,
    });

    await (await phone.db.stops.findOne('stop-1').exec())!.incrementalPatch({
      note: 'sunrise, bring a jacket',
    });
    await waitFor(
      'phone edit on the laptop',
      async () => (await stopOn(laptop, 'stop-1'))?.note === 'sunrise, bring a jacket',
    );

    expect(laptop.rejections).toEqual([]);
    expect(phone.rejections).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  it('keeps edits made offline and delivers them after reconnecting', async () => {
    const me = await newAccount(api, 'Jisoo');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    laptop.connect();
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.insert(stop('stop-a', tripId));
    await settle(laptop);

    // The phone is on a plane: its server address answers nothing.
    const offline = `http://127.0.0.1:${await closedPort()}`;
    phone.connect({ baseUrl: offline, replicationIdentifier: 'phone-sync' });
    await phone.db.trips.insert(trip(uid('trip'), me.id, { title: 'Busan, planned offline' }));
    const offlineTrip = (
      await phone.db.trips.find({ selector: { title: 'Busan, planned offline' } }).exec()
    )[0]!.id;
    await phone.db.stops.insert(stop('stop-offline', offlineTrip, { note: 'written on the plane' }));
    await waitFor('failed attempts while offline', async () => phone.errors.length >= 2);
    // Meanwhile the laptop keeps editing.
    await (await laptop.db.stops.findOne('stop-a').exec())!.incrementalPatch({
      note: 'edited while the phone was away',
    });
    await settle(laptop);

    // Landed: the same replication (same checkpoints) now reaches the server.
    await phone.disconnect();
    phone.connect({ replicationIdentifier: 'phone-sync' });
    await waitFor(
      'offline stop on the laptop',
      async () => (await stopOn(laptop, 'stop-offline'))?.note === 'written on the plane',
    );
    expect(await tripOn(laptop, offlineTrip)).toMatchObject({ title: 'Busan, planned offline' });
    await waitFor(
      'laptop edit on the phone',
      async () => (await stopOn(phone, 'stop-a'))?.note === 'edited while the phone was away',
    );
    await laptop.close();
    await phone.close();
  });

  it('resumes a device holding a checkpoint of the older format: it starts over, keeps its data and its offline edits', async () => {
    const me = await newAccount(api, 'Dahye');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    laptop.connect({ replicationIdentifier: 'laptop-sync' });
    phone.connect();
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.bulkInsert([stop('stop-o1', tripId), stop('stop-o2', tripId)]);
    await waitFor('both stops on the phone', async () => (await stopOn(phone, 'stop-o2')) !== undefined);
    await laptop.disconnect();

    // While the laptop is away, the phone edits one stop and the laptop another.
    await (await phone.db.stops.findOne('stop-o1').exec())!.incrementalPatch({ note: 'from the phone' });
    await settle(phone);
    await (await laptop.db.stops.findOne('stop-o2').exec())!.incrementalPatch({ note: 'from the laptop' });

    // The laptop comes back holding checkpoints an older server issued (one change key for the service).
    const old = Buffer.from(JSON.stringify({ v: 1, s: 5, a: 1, m: 'AAAAAAAAAAAAAAAAAAAAAA' })).toString(
      'base64url',
    );
    const answers: number[] = [];
    const rewritten = new Set<string>();
    const olderCheckpoints: Fetch = async (url, init) => {
      let target = url;
      const collection = /\/sync\/(\w+)\/pull/.exec(url)?.[1];
      if (collection && url.includes('checkpoint=') && !rewritten.has(collection)) {
        rewritten.add(collection);
        target = url.replace(/checkpoint=[^&]*/, `checkpoint=${old}`);
      }
      const res = (await fetch(target, init as RequestInit)) as unknown as Awaited<ReturnType<Fetch>>;
      if (target !== url) answers.push(res.status);
      return res;
    };
    laptop.connect({ replicationIdentifier: 'laptop-sync', fetch: olderCheckpoints });
    await waitFor(
      'the phone edit on the laptop',
      async () => (await stopOn(laptop, 'stop-o1'))?.note === 'from the phone',
    );
    await waitFor(
      'the laptop edit on the phone',
      async () => (await stopOn(phone, 'stop-o2'))?.note === 'from the laptop',
    );
    await settle(laptop, phone);
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set([410]));
    expect(await laptop.db.stops.count().exec()).toBe(2);
    expect(await laptop.db.trips.count().exec()).toBe(1);
    expect(laptop.rejections).toEqual([]);
    expect(laptop.errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  /**
   * One account's laptop and phone share a stop; both go offline and patch it, then reconnect,
   * the laptop first (so its write reaches the server first).
   */
  async function editOfflineOnBothDevices(
    name: string,
    stopId: string,
    initial: Partial<Stop>,
    [onLaptop, onPhone]: [Partial<Stop>, Partial<Stop>],
  ) {
    const me = await newAccount(api, name);
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    laptop.connect();
    phone.connect();
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.insert(stop(stopId, tripId, initial));
    await waitFor('stop on the phone', () => stopOn(phone, stopId));

    await laptop.disconnect();
    await phone.disconnect();
    await (await laptop.db.stops.findOne(stopId).exec())!.incrementalPatch(onLaptop);
    await (await phone.db.stops.findOne(stopId).exec())!.incrementalPatch(onPhone);
    laptop.connect();
    await settle(laptop);
    phone.connect();
    await settle(phone);
    return { me, laptop, phone };
  }

  it('keeps both concurrent edits to different fields of the same stop', async () => {
    const { laptop, phone } = await editOfflineOnBothDevices('Hana', 'stop-x', {}, [
      { note: 'book a table' },
      { startTime: '06:30' },
    ]);

    const expected = { note: 'book a table', startTime: '06:30' };
    await waitFor('merged stop on the laptop', async () => matches(await stopOn(laptop, 'stop-x'), expected));
    await waitFor('merged stop on the phone', async () => matches(await stopOn(phone, 'stop-x'), expected));
    expect((await stopOn(phone, 'stop-x'))?.conflicts ?? []).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  it('decides a same-field conflict for the first write on the server and keeps the overwritten value', async () => {
    const { me, laptop, phone } = await editOfflineOnBothDevices('Yuna', 'stop-y', { note: 'original' }, [
      { note: 'from the laptop' },
      { note: 'from the phone' },
    ]);

    for (const device of [laptop, phone]) {
      const merged = await waitFor(`resolved stop on the ${device.name}`, async () => {
        const s = await stopOn(device, 'stop-y');
        return s?.conflicts?.length ? s : undefined;
      });
      expect(merged.note).toBe('from the laptop');
      expect(merged.conflicts).toEqual([
        expect.objectContaining({ field: 'note', lostValue: 'from the phone', by: me.id }),
      ]);
    }
    await laptop.close();
    await phone.close();
  });

  it('propagates deletions, including a trip deleted with its stops', async () => {
    const me = await newAccount(api, 'Seojun');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    laptop.connect();
    phone.connect();
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.bulkInsert([stop('stop-d1', tripId), stop('stop-d2', tripId, { orderKey: 'a1' })]);
    await waitFor('both stops on the phone', async () => (await phone.db.stops.count().exec()) === 2);

    await (await phone.db.stops.findOne('stop-d1').exec())!.remove();
    await waitFor('stop gone from the laptop', async () => !(await stopOn(laptop, 'stop-d1')));
    expect(await stopOn(laptop, 'stop-d2')).toBeDefined();

    // Deleting the trip on the server also deletes its remaining stop for every device.
    await (await laptop.db.trips.findOne(tripId).exec())!.remove();
    await waitFor('trip gone from the phone', async () => !(await tripOn(phone, tripId)));
    await waitFor('last stop gone from the phone', async () => (await phone.db.stops.count().exec()) === 0);
    await waitFor('last stop gone from the laptop', async () => (await laptop.db.stops.count().exec()) === 0);
    await laptop.close();
    await phone.close();
  });

  it("gives a new member the trip's documents and takes them away when the member is removed", async () => {
    const owner = await newAccount(api, 'Owner');
    const friend = await newAccount(api, 'Friend');
    const ownerDevice = await openDevice(server, owner, 'owner');
    const friendDevice = await openDevice(server, friend, 'friend');
    ownerDevice.connect();
    friendDevice.connect();
    const tripId = uid('trip');
    await ownerDevice.db.trips.insert(trip(tripId, owner.id, { title: 'Gyeongju temples' }));
    await ownerDevice.db.stops.bulkInsert([
      stop('stop-m1', tripId),
      stop('stop-m2', tripId, { orderKey: 'a1' }),
    ]);
    await settle(ownerDevice, friendDevice);
    expect(await friendDevice.db.trips.count().exec()).toBe(0);

    const invite = await api.post(
      `/trips/${tripId}/invites`,
      { role: 'editor' },
      { token: ownerDevice.session.accessToken },
    );
    expect(invite.status).toBe(201);
    const accepted = await api.post(`/invites/${invite.body.code}/accept`, undefined, {
      token: friendDevice.session.accessToken,
    });
    expect(accepted.status).toBe(200);

    await waitFor('shared trip on the friend device', () => tripOn(friendDevice, tripId));
    await waitFor(
      'shared stops on the friend device',
      async () => (await friendDevice.db.stops.count().exec()) === 2,
    );
    // As an editor the friend's change reaches the owner.
    await (await friendDevice.db.stops.findOne('stop-m1').exec())!.incrementalPatch({
      note: 'I know a good café here',
    });
    await waitFor(
      'friend edit on the owner device',
      async () => (await stopOn(ownerDevice, 'stop-m1'))?.note === 'I know a good café here',
    );

    const removed = await api.delete(`/trips/${tripId}/members/${friend.id}`, undefined, {
      token: ownerDevice.session.accessToken,
    });
    expect(removed.status).toBeLessThan(300);
    await waitFor('trip dropped on the friend device', async () => !(await tripOn(friendDevice, tripId)));
    await waitFor(
      'stops dropped on the friend device',
      async () => (await friendDevice.db.stops.count().exec()) === 0,
    );
    // The owner keeps everything.
    expect(await ownerDevice.db.stops.count().exec()).toBe(2);
    expect(friendDevice.rejections).toEqual([]);
    await ownerDevice.close();
    await friendDevice.close();
  });

  it("takes back a viewer's edit the server refuses, reports what was discarded, does not retry it, and keeps syncing", async () => {
    const owner = await newAccount(api, 'Owner');
    const viewer = await newAccount(api, 'Viewer');
    const ownerDevice = await openDevice(server, owner, 'owner');
    const viewerDevice = await openDevice(server, viewer, 'viewer');
    ownerDevice.connect();
    const pushes: string[] = [];
    const counting: Fetch = async (url, init) => {
      if (url.includes('/push')) pushes.push(url);
      return fetch(url, init as RequestInit) as unknown as ReturnType<Fetch>;
    };
    viewerDevice.connect({ fetch: counting });
    const tripId = uid('trip');
    await ownerDevice.db.trips.insert(trip(tripId, owner.id));
    await ownerDevice.db.stops.insert(stop('stop-v', tripId, { note: 'owner note' }));
    await settle(ownerDevice);
    const invite = await api.post(
      `/trips/${tripId}/invites`,
      { role: 'viewer' },
      { token: ownerDevice.session.accessToken },
    );
    await api.post(`/invites/${invite.body.code}/accept`, undefined, {
      token: viewerDevice.session.accessToken,
    });
    await waitFor('stop on the viewer device', () => stopOn(viewerDevice, 'stop-v'));

    await (await viewerDevice.db.stops.findOne('stop-v').exec())!.incrementalPatch({
      note: 'viewer scribble',
    });
    const rejection = await waitFor('the refusal', async () => viewerDevice.rejections[0]);
    // Rule 11: answered with the master state, so the device converges; the discarded edit is reported.
    expect(rejection).toMatchObject({
      collection: 'stops',
      id: 'stop-v',
      status: 409,
      code: 'refused',
      document: { id: 'stop-v', note: 'viewer scribble' },
    });
    await waitFor(
      'the master state back on the viewer device',
      async () => (await stopOn(viewerDevice, 'stop-v'))?.note === 'owner note',
    );
    const attempts = pushes.length;
    await sleep(800); // several retry periods
    expect(pushes.length).toBe(attempts);
    expect(
      (await api.get(`/trips/${tripId}/members`, { token: ownerDevice.session.accessToken })).status,
    ).toBe(200);

    // Later changes still flow to the viewer.
    await (await ownerDevice.db.stops.findOne('stop-v').exec())!.incrementalPatch({
      note: 'owner changed it again',
    });
    await waitFor(
      'owner edit on the viewer device',
      async () => (await stopOn(viewerDevice, 'stop-v'))?.note === 'owner changed it again',
    );
    expect((await stopOn(ownerDevice, 'stop-v'))?.note).toBe('owner changed it again');
    await ownerDevice.close();
    await viewerDevice.close();
  });

  it('lets go of a trip deleted by its owner, or left behind by a removed member, while the device held offline edits to it (rule 11)', async () => {
    const owner = await newAccount(api, 'Owner');
    const editor = await newAccount(api, 'Editor');
    const ownerDevice = await openDevice(server, owner, 'owner');
    const editorDevice = await openDevice(server, editor, 'editor');
    ownerDevice.connect();
    editorDevice.connect();
    const deleted = uid('trip');
    const left = uid('trip');
    for (const tripId of [deleted, left]) {
      await ownerDevice.db.trips.insert(trip(tripId, owner.id));
      await ownerDevice.db.stops.insert(stop(`${tripId}-stop`, tripId, { note: 'owner note' }));
      await settle(ownerDevice);
      const invite = await api.post(
        `/trips/${tripId}/invites`,
        { role: 'editor' },
        { token: ownerDevice.session.accessToken },
      );
      await api.post(`/invites/${invite.body.code}/accept`, undefined, {
        token: editorDevice.session.accessToken,
      });
      await waitFor('the shared stop on the editor device', () => stopOn(editorDevice, `${tripId}-stop`));
    }

    // Offline, the editor edits both trips and their stops.
    await editorDevice.disconnect();
    for (const tripId of [deleted, left]) {
      await (await editorDevice.db.trips.findOne(tripId).exec())!.incrementalPatch({
        title: `offline ${tripId}`,
      });
      await (await editorDevice.db.stops.findOne(`${tripId}-stop`).exec())!.incrementalPatch({
        note: 'offline note',
      });
      await editorDevice.db.stops.insert(stop(`${tripId}-new`, tripId, { note: 'added offline' }));
    }
    // Meanwhile the owner deletes one trip and removes the editor from the other.
    await (await ownerDevice.db.trips.findOne(deleted).exec())!.remove();
    await settle(ownerDevice);
    expect(
      (
        await api.delete(`/trips/${left}/members/${editor.id}`, undefined, {
          token: ownerDevice.session.accessToken,
        })
      ).status,
    ).toBe(204);

    editorDevice.connect();
    await settle(editorDevice);
    await waitFor('both trips and their stops gone from the editor device', async () => {
      for (const tripId of [deleted, left]) {
        if (await tripOn(editorDevice, tripId)) return false;
        for (const id of [`${tripId}-stop`, `${tripId}-new`])
          if (await stopOn(editorDevice, id)) return false;
      }
      return true;
    });
    // Nothing came back to life on the server, and the owner's view is unchanged.
    await settle(editorDevice, ownerDevice);
    expect(await tripOn(ownerDevice, deleted)).toBeUndefined();
    expect((await tripOn(ownerDevice, left))?.title).toBe('Jeju in spring');
    expect((await stopOn(ownerDevice, `${left}-stop`))?.note).toBe('owner note');
    expect(await stopOn(ownerDevice, `${left}-new`)).toBeUndefined();
    // What was discarded is reported, with the local state, for the app to show.
    const discarded = new Map(editorDevice.rejections.map((r) => [r.id, r]));
    expect(discarded.get(deleted)).toMatchObject({
      code: 'deleted_on_server',
      document: { title: `offline ${deleted}` },
    });
    expect(discarded.get(`${left}-new`)?.document).toMatchObject({ note: 'added offline' });
    expect(discarded.get(`${left}-stop`)?.document).toMatchObject({ note: 'offline note' });
    await ownerDevice.close();
    await editorDevice.close();
  });

  it('never records a row refused outright as written: the device drops it, reports it, and does not retry', async () => {
    const owner = await newAccount(api, 'Owner');
    const stranger = await newAccount(api, 'Stranger');
    const ownerDevice = await openDevice(server, owner, 'owner');
    ownerDevice.connect();
    const tripId = uid('trip');
    await ownerDevice.db.trips.insert(trip(tripId, owner.id));
    await settle(ownerDevice);

    const strangerDevice = await openDevice(server, stranger, 'stranger');
    const pushes: string[] = [];
    strangerDevice.connect({
      fetch: async (url, init) => {
        if (url.includes('/push')) pushes.push(url);
        return fetch(url, init as RequestInit) as unknown as ReturnType<Fetch>;
      },
    });
    const ownTrip = uid('trip');
    await strangerDevice.db.trips.insert(trip(ownTrip, stranger.id));
    // A stop in someone else's trip (a bug or a forged client): 403, it could never be allowed.
    await strangerDevice.db.stops.bulkInsert([
      stop('stop-foreign', tripId, { note: 'not mine to add' }),
      stop('stop-own', ownTrip),
    ]);
    const rejection = await waitFor('the refusal', async () => strangerDevice.rejections[0]);
    expect(rejection).toMatchObject({
      collection: 'stops',
      id: 'stop-foreign',
      status: 403,
      code: 'forbidden',
      document: { note: 'not mine to add' },
    });
    await settle(strangerDevice);
    await waitFor(
      'the refused stop gone from the device',
      async () => !(await stopOn(strangerDevice, 'stop-foreign')),
    );
    const attempts = pushes.length;
    await sleep(800); // several retry periods
    expect(pushes.length).toBe(attempts);
    // The rest of the batch went through.
    const pulled = await api.get('/sync/stops/pull?limit=1000', {
      token: strangerDevice.session.accessToken,
      headers: schemaHeaders('stops'),
    });
    expect((pulled.body.documents as Stop[]).map((d) => d.id)).toEqual(['stop-own']);
    await ownerDevice.close();
    await strangerDevice.close();
  });

  it('sets aside a document the server finds invalid and still pushes the valid ones of the batch', async () => {
    const me = await newAccount(api, 'Careless');
    const laptop = await openDevice(server, me, 'laptop');
    const good = uid('trip');
    const bad = uid('trip');
    // RxDB's JSON schema cannot say "end date not before start date"; the server's zod schema does.
    await laptop.db.trips.bulkInsert([
      trip(good, me.id),
      trip(bad, me.id, { startDate: '2025-05-03', endDate: '2025-05-01' }),
    ]);
    laptop.connect();
    const rejection = await waitFor('the refusal', async () => laptop.rejections[0]);
    expect(rejection).toMatchObject({ collection: 'trips', id: bad, status: 400, code: 'validation_failed' });
    expect(rejection.message).toMatch(/endDate/);
    await settle(laptop);

    const res = await api.get('/sync/trips/pull?limit=1000', {
      token: laptop.session.accessToken,
      headers: { 'X-Hamgaja-Schema-Version': '0' },
    });
    expect((res.body.documents as Trip[]).map((t) => t.id)).toEqual([good]);
    expect(laptop.rejections).toHaveLength(1);
    await laptop.close();
  });

  it('pushes a big batch as requests of ≤ 500 rows, two at a time, and does not stream it back', async () => {
    const me = await newAccount(api, 'Jiwoo');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    phone.connect();

    const pushes: { rows: number; client: string | undefined }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const streamClients = new Map<string, string | undefined>();
    let laptopStopsStream = '';
    const watching: Fetch = async (url, init) => {
      const headers = init?.headers ?? {};
      if (url.includes('/stops/push')) {
        pushes.push({
          rows: (JSON.parse(String(init?.body)) as unknown[]).length,
          client: headers['X-Hamgaja-Client'],
        });
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
      }
      try {
        const res = await fetch(url, init as RequestInit);
        if (!url.includes('/stream')) {
          await res.clone().text(); // in flight until the whole answer is read
          return res as unknown as Awaited<ReturnType<Fetch>>;
        }
        // One stream for every collection, each named in its query (collection:version:name).
        for (const part of new URL(url).searchParams.get('streams')?.split(',') ?? []) {
          const [name, , client] = part.split(':');
          streamClients.set(name!, client);
        }
        if (!res.body) return res as unknown as Awaited<ReturnType<Fetch>>;
        const decoder = new TextDecoder();
        const copy = res.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              laptopStopsStream += decoder.decode(chunk, { stream: true });
              controller.enqueue(chunk);
            },
          }),
        );
        return new Response(copy, { status: res.status, headers: res.headers }) as unknown as Awaited<
          ReturnType<Fetch>
        >;
      } finally {
        if (url.includes('/stops/push')) inFlight -= 1;
      }
    };
    laptop.connect({ fetch: watching });
    await settle(laptop);
    await waitFor('the laptop stream open', async () => streamClients.has('stops'));

    const keys = initialOrderKeys(1700);
    const many = keys.map((orderKey, i) => stop(`bulk-${String(i).padStart(4, '0')}`, tripId, { orderKey }));
    await laptop.db.stops.bulkInsert(many);
    await settle(laptop);
    await waitFor('1,700 stops on the phone', async () => (await phone.db.stops.count().exec()) === 1700);

    expect(pushes.reduce((sum, p) => sum + p.rows, 0)).toBe(1700);
    expect(Math.max(...pushes.map((p) => p.rows))).toBe(500);
    expect(mostInFlight).toBe(2);
    // Pushes and the stream of one replication share a name; each collection has its own.
    expect(new Set(pushes.map((p) => p.client)).size).toBe(1);
    expect(pushes[0]!.client).toMatch(/^[a-z]{16}$/);
    expect(streamClients.get('stops')).toBe(pushes[0]!.client);
    expect(streamClients.get('trips')).not.toBe(pushes[0]!.client);

    // The stream still brings what others write, but never the laptop's own 1,700 stops.
    await (await phone.db.stops.findOne('bulk-0007').exec())!.incrementalPatch({ note: 'from the phone' });
    await waitFor(
      'the phone edit on the laptop',
      async () => (await stopOn(laptop, 'bulk-0007'))?.note === 'from the phone',
    );
    expect(laptopStopsStream).toContain('from the phone');
    expect(laptopStopsStream.match(/"id":"bulk-\d{4}"/g)).toEqual(['"id":"bulk-0007"']);
    expect(laptop.rejections).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  it("never lets a pull answer read before the device's own push take the device back", async () => {
    const { laptop, phone, tripId, x } = await laptopAndPhone(server, api, 'Jiho');
    const onServer = (id: string) => stopOnServer(api, laptop, id);

    // The next stops pull is answered by the server at once, but its answer reaches RxDB only
    // when released: the read happens before the push below, the answer arrives after it.
    let holdNextPull = false;
    let heldPullRead = false;
    const answer = gate();
    const holding: Fetch = async (url, init) => {
      const res = (await fetch(url, init as RequestInit)) as unknown as FetchAnswer;
      if (!(holdNextPull && url.includes('/stops/pull'))) return res;
      holdNextPull = false;
      const body = await res.text();
      heldPullRead = true;
      await answer.opened;
      return answerWith(res, body);
    };
    laptop.connect({ fetch: holding });
    phone.connect();
    await settle(laptop);
    await (await laptop.db.stops.findOne(x).exec())!.incrementalPatch({ note: 'v1' });
    await settle(laptop);
    await waitFor('the trip on the phone', () => tripOn(phone, tripId));

    holdNextPull = true;
    laptop.sync!.reSync();
    await waitFor('the held pull read by the server', async () => heldPullRead);
    expect((await onServer(x))?.note).toBe('v1'); // what the held answer holds
    await (await laptop.db.stops.findOne(x).exec())!.incrementalPatch({ note: 'v2' });
    await waitFor('v2 on the server', async () => (await onServer(x))?.note === 'v2');
    answer.open();

    // Another change moves the laptop's checkpoint past v2, whose state the stream never echoes
    // to the laptop; a last pull from there would not bring it either.
    await expectBothAt(laptop, phone, tripId, x, 'v2');
  });

  it("never lets a stream event read before the device's own push take the device back", async () => {
    const { laptop, phone, tripId, x } = await laptopAndPhone(server, api, 'Seoyun');
    const onServer = (id: string) => stopOnServer(api, laptop, id);

    // The laptop's stops stream can be held: what the server sends meanwhile waits here.
    let holding = false;
    let held: Uint8Array[] = [];
    let heldText = '';
    let flush = () => {};
    const decoder = new TextDecoder();
    const slowStream: Fetch = async (url, init) => {
      const res = (await fetch(url, init as RequestInit)) as unknown as FetchAnswer;
      if (!isLiveStream(url) || !res.body) return res;
      const body = (res.body as unknown as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          start(controller) {
            flush = () => {
              for (const chunk of held) controller.enqueue(chunk);
              held = [];
              holding = false;
            };
          },
          transform(chunk, controller) {
            if (!holding) return controller.enqueue(chunk);
            held.push(chunk);
            heldText += decoder.decode(chunk, { stream: true });
          },
        }),
      );
      return answerWith(res, body);
    };
    laptop.connect({ fetch: slowStream });
    phone.connect();
    await settle(laptop);
    await waitFor('the stop on the phone', () => stopOn(phone, x));

    // The phone's edit is announced to the laptop, but the event lingers on the way; the
    // laptop learns v1 from a pull instead, edits it, and the server takes v2.
    holding = true;
    await (await phone.db.stops.findOne(x).exec())!.incrementalPatch({ note: 'v1' });
    await waitFor('the v1 event held', async () => heldText.includes('"v1"'));
    laptop.sync!.reSync();
    await waitFor('v1 on the laptop', async () => (await stopOn(laptop, x))?.note === 'v1');
    await (await laptop.db.stops.findOne(x).exec())!.incrementalPatch({ note: 'v2' });
    await waitFor('v2 on the server', async () => (await onServer(x))?.note === 'v2');
    flush(); // the old event arrives after the push it predates

    await expectBothAt(laptop, phone, tripId, x, 'v2');
  });

  it('pulls what it missed while reconnecting even when the reconnect queues behind a change (RxDB drops such a RESYNC)', async () => {
    const { laptop, phone, tripId, x } = await laptopAndPhone(server, api, 'Hayun');
    const [a, b, c] = [uid('stop'), uid('stop'), uid('stop')];
    const onServer = (id: string) => stopOnServer(api, laptop, id);

    // The laptop's network: a push answer can be held (RxDB holds stream events while a push
    // runs), the stops stream can be cut, and its reconnect held.
    let holdPush: ReturnType<typeof gate> | undefined;
    let pushHeld = false;
    const reconnect = gate();
    let holdReconnect = false;
    let reconnected = false;
    let cut = () => {};
    let streamed = '';
    const decoder = new TextDecoder();
    const network: Fetch = async (url, init) => {
      const isStream = isLiveStream(url);
      if (isStream && holdReconnect) await reconnect.opened;
      const res = (await fetch(url, init as RequestInit)) as unknown as FetchAnswer;
      if (url.includes('/stops/push') && holdPush) {
        const held = holdPush;
        holdPush = undefined;
        const text = await res.text();
        pushHeld = true;
        await held.opened;
        return answerWith(res, text);
      }
      if (!isStream || !res.body) return res;
      if (holdReconnect) reconnected = true;
      const body = (res.body as unknown as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          start(controller) {
            cut = () => controller.terminate();
          },
          transform(chunk, controller) {
            streamed += decoder.decode(chunk, { stream: true });
            controller.enqueue(chunk);
          },
        }),
      );
      return answerWith(res, body);
    };
    laptop.connect({ fetch: network });
    phone.connect();
    await settle(laptop);
    await waitFor('the trip on the phone', () => tripOn(phone, tripId));

    // A push of the laptop's is under way (its answer held): what the stream brings waits.
    const pushAnswer = gate();
    holdPush = pushAnswer;
    await (await laptop.db.stops.findOne(x).exec())!.incrementalPatch({ note: 'v1' });
    await waitFor('the held push written', async () => pushHeld);
    await phone.db.stops.insert(stop(a, tripId));
    await waitFor('stop a on the laptop stream', async () => streamed.includes(a));
    // The stream drops; b is written while it is down, so only the reconnect's pull brings it.
    holdReconnect = true;
    cut();
    await phone.db.stops.insert(stop(b, tripId));
    await waitFor('stop b on the server', () => onServer(b));
    reconnect.open();
    await waitFor('the stream back', async () => reconnected);
    await sleep(100); // its RESYNC waits behind stop a's event for the push to end
    pushAnswer.open();

    await waitFor('stop a on the laptop', () => stopOn(laptop, a));
    await phone.db.stops.insert(stop(c, tripId)); // moves the laptop's checkpoint past b
    await waitFor('stop c on the laptop', () => stopOn(laptop, c));
    await settle(laptop);
    expect(await stopOn(laptop, b)).toMatchObject({ id: b });
    await laptop.close();
    await phone.close();
  });

  it('applies a push retried after its answer was lost once, changing nothing the second time', async () => {
    const me = await newAccount(api, 'Doyun');
    const laptop = await openDevice(server, me, 'laptop');
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    laptop.connect();
    await settle(laptop);

    // Raw pulls, to see what the server recorded.
    const pull = async (checkpoint?: string) => {
      const query = checkpoint ? `?limit=1000&checkpoint=${checkpoint}` : '?limit=1000';
      const res = await api.get(`/sync/stops/pull${query}`, {
        token: laptop.session.accessToken,
        headers: schemaHeaders('stops'),
      });
      expect(res.status).toBe(200);
      return res.body as { documents: Stop[]; checkpoint: string };
    };

    let lost = 0;
    let loseNext = false;
    let checkpointAfterDelivery: string | undefined;
    const losesAnAnswer: Fetch = async (url, init) => {
      const res = (await fetch(url, init as RequestInit)) as unknown as Awaited<ReturnType<Fetch>>;
      if (url.includes('/stops/push') && loseNext && res.status === 200) {
        loseNext = false;
        lost += 1;
        await res.text();
        checkpointAfterDelivery = (await pull()).checkpoint;
        throw new TypeError('fetch failed: connection reset'); // the server applied it; the client never hears
      }
      return res;
    };
    await laptop.disconnect();
    laptop.connect({ fetch: losesAnAnswer });

    loseNext = true;
    await laptop.db.stops.insert(stop('stop-r', tripId, { note: 'first' }));
    await waitFor('the lost insert answer and its retry', async () => lost === 1 && laptop.errors.length > 0);
    await settle(laptop);
    // The retry reached the server (RxDB only settles after an answer) and recorded no change.
    expect((await pull(checkpointAfterDelivery)).documents).toEqual([]);

    loseNext = true;
    await (await laptop.db.stops.findOne('stop-r').exec())!.incrementalPatch({ note: 'second' });
    await waitFor('the lost update answer and its retry', async () => lost === 2 && laptop.errors.length > 1);
    await settle(laptop);
    expect((await pull(checkpointAfterDelivery)).documents).toEqual([]);

    const onServer = (await pull()).documents.filter((d) => d.id === 'stop-r');
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ note: 'second', _deleted: false });
    expect(onServer[0]).not.toHaveProperty('conflicts');
    expect((await stopOn(laptop, 'stop-r'))?.conflicts).toBeUndefined();
    await laptop.close();
  });

  it('stops with an upgrade error when the app is older than the server (426)', async () => {
    // A server whose collections are one schema version ahead of this app's (version 0).
    const newer = await startTestServer({ SYNC_SCHEMA_VERSION_OFFSET: '1' });
    const me = await newAccount(client(newer.url), 'Old app');
    const device = await openDevice(newer, me, 'old');
    const requests: string[] = [];
    const counting: Fetch = async (url, init) => {
      requests.push(url);
      return (await fetch(url, init as RequestInit)) as unknown as Awaited<ReturnType<Fetch>>;
    };
    const replication = startReplication({
      fetch: counting,
      collection: device.db.stops,
      collectionName: 'stops',
      baseUrl: newer.url,
      getAccessToken: device.session.getAccessToken,
      waitForLeadership: false,
      retry: { initialDelayMs: 50, maxDelayMs: 400 },
    });
    const errors: unknown[] = [];
    replication.error$.subscribe((e) => errors.push(e));
    await waitFor('the upgrade signal', async () => replication.upgradeRequired$.getValue());
    const upgrade = errors.find((e) => e instanceof UpgradeRequiredError) as UpgradeRequiredError;
    expect(upgrade).toBeDefined();
    expect(upgrade.message).toBe('Update the app to keep syncing');
    expect(errors.every((e) => isUpgradeRequired(e))).toBe(true);
    expect(replication.isPaused()).toBe(true);

    // Paused: local edits stay local, nothing is hammered at the server.
    await sleep(200);
    const sent = requests.length;
    await device.db.stops.insert(stop('stop-old', 'some-trip'));
    await sleep(600);
    expect(requests.length).toBe(sent);
    await replication.stop();
    await device.close();
    await newer.stop();
  });
});

describe('replication across access-token expiry', () => {
  let server: TestServer;
  let api: Client;

  beforeAll(async () => {
    server = await startTestServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
    api = client(server.url);
  });
  afterAll(() => server?.stop());

  it('ends the stream when the token expires, resumes it with a refreshed token and catches up on what it missed', async () => {
    const started = Date.now();
    const me = await newAccount(api, 'Traveller');
    const laptop = await openDevice(server, me, 'laptop');
    const phone = await openDevice(server, me, 'phone');
    // Holds the phone's first reconnect (after its stream was open and then ended) until the
    // laptop has written something no stream event carried.
    let wasOpen = false;
    let reconnecting = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const streamOpens: number[] = [];
    const watching: Fetch = async (url, init) => {
      const isStream = isLiveStream(url);
      if (isStream && wasOpen && !reconnecting) {
        reconnecting = true;
        await released;
      }
      const res = (await fetch(url, init as RequestInit)) as unknown as Awaited<ReturnType<Fetch>>;
      if (isStream) {
        streamOpens.push(res.status);
        if (res.status === 200) wasOpen = true;
      }
      return res;
    };
    laptop.connect();
    phone.connect({ fetch: watching });
    const tripId = uid('trip');
    await laptop.db.trips.insert(trip(tripId, me.id));
    await laptop.db.stops.insert(stop('stop-t', tripId, { note: 'before expiry' }));
    await waitFor('stop on the phone', () => stopOn(phone, 'stop-t'));
    const firstToken = phone.session.accessToken;

    // The server ends the stream when the token expires; the phone starts to reconnect.
    await waitFor('the phone reconnecting', async () => reconnecting, 8_000);
    await (await laptop.db.stops.findOne('stop-t').exec())!.incrementalPatch({
      note: 'written while the phone reconnected',
    });
    await settle(laptop);
    release();
    // RESYNC on reconnect: the phone pulls what no stream event carried.
    await waitFor(
      'missed edit on the phone',
      async () => (await stopOn(phone, 'stop-t'))?.note === 'written while the phone reconnected',
      8_000,
    );
    expect(phone.session.refreshes).toBeGreaterThanOrEqual(1);
    expect(phone.session.accessToken).not.toBe(firstToken);
    expect(streamOpens.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);

    // And the resumed stream is live again.
    await (await laptop.db.stops.findOne('stop-t').exec())!.incrementalPatch({ note: 'after expiry' });
    await waitFor(
      'post-expiry edit on the phone',
      async () => (await stopOn(phone, 'stop-t'))?.note === 'after expiry',
      5_000,
    );
    // One refresh per expiry (2 s) for all streams and requests of the device, never a storm.
    expect(phone.session.refreshes).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 2_000) + 1);
    await laptop.close();
    await phone.close();
  });
});

/** The device's live stream: one connection for every collection (GET /api/sync/stream). */
function isLiveStream(url: string): boolean {
  return new URL(url).pathname === '/api/sync/stream';
}

function matches(doc: Stop | undefined, expected: Partial<Stop>): boolean {
  return !!doc && Object.entries(expected).every(([k, v]) => (doc as Record<string, unknown>)[k] === v);
}
