/**
 * One simulated device, run in a worker thread (bundled by bundle.mjs): the app's own local
 * database and replication (`createDatabase` + `replicateAll` from @hamgaja/shared, RxDB memory
 * storage) talking to the real server through a fault-injecting fetch. The orchestrator sends
 * commands (protocol.ts) and awaits the replies; a worker hosts one device at a time and is
 * reused by the next seed.
 */
import { parentPort } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createDatabase,
  replicateAll,
  RXDB_META_FIELDS,
  type DatabaseReplication,
  type HamgajaDatabase,
} from '@hamgaja/shared';
import type { RxCollection } from 'rxdb';
import { DEVICE_BASE_URL, FaultyNetwork } from './faults.js';
import {
  COLLECTIONS,
  type Collection,
  type Command,
  type DeviceEvent,
  type DeviceConfig,
  type DeviceReport,
  type Doc,
  type LocalWrite,
  type Reply,
  type Request,
  type View,
  type WriteOutcome,
} from './protocol.js';

/** Retries and stream reconnects come quickly: a fuzz seed lasts seconds, not minutes. */
const RETRY = { initialDelayMs: 20, maxDelayMs: 200 };

interface Device {
  config: DeviceConfig;
  db: HamgajaDatabase;
  sync: DatabaseReplication;
  network: FaultyNetwork;
  report: DeviceReport;
}

let device: Device | undefined;

const META = new Set(RXDB_META_FIELDS);

function wire(json: Record<string, unknown>): Doc {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json))
    if (!META.has(key) && value !== undefined) out[key] = value;
  out._deleted = Boolean(json._deleted);
  return out as Doc;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every synced collection
const collectionOf = (d: Device, name: string): RxCollection<any> => d.db.collections[name as 'trips'];

function current(): Device {
  if (!device) throw new Error('no device is open in this worker');
  return device;
}

async function open(config: DeviceConfig): Promise<void> {
  if (device) throw new Error(`device ${device.config.name} is still open in this worker`);
  const network = new FaultyNetwork(config.name, config.instanceUrls, config.preferred, config.seed);
  network.faults = config.faults;
  const db = await createDatabase({
    storage: getRxStorageMemory(),
    name: config.dbName,
    multiInstance: false,
    userId: config.userId,
  });
  const report: DeviceReport = { pushes: network.pushes, events: [], rejections: [], errors: 0 };
  const event = (collection: Collection, kind: DeviceEvent['kind'], data: Record<string, unknown>) =>
    report.events.push({
      device: config.name,
      at: Date.now(),
      collection,
      kind,
      doc: wire(data),
      ...(typeof data._rev === 'string' ? { rev: data._rev } : {}),
    });
  for (const name of COLLECTIONS) {
    collectionOf({ db } as Device, name).$.subscribe((change) =>
      event(name, 'local', change.documentData as Record<string, unknown>),
    );
  }
  const sync = replicateAll(db, {
    baseUrl: DEVICE_BASE_URL,
    // One long-lived token per user (ACCESS_TOKEN_TTL_SECONDS is raised for the fuzz).
    getAccessToken: () => Promise.resolve(config.accessToken),
    waitForLeadership: false,
    pullBatchSize: config.pullBatchSize,
    retry: RETRY,
    fetch: network.fetch,
  });
  sync.rejected$.subscribe((r) =>
    report.rejections.push({ collection: r.collection, id: r.id, status: r.status, code: r.code }),
  );
  sync.error$.subscribe(() => {
    report.errors += 1;
  });
  for (const name of COLLECTIONS) {
    const replication = sync.replications[name]!;
    replication.received$.subscribe((doc) => event(name, 'received', doc as Record<string, unknown>));
    void replication.startPromise.then(() =>
      replication.internalReplicationState?.events.resolvedConflicts.subscribe(({ output }) =>
        event(name, 'resolved', output as Record<string, unknown>),
      ),
    );
  }
  device = { config, db, sync, network, report };
}

async function view(): Promise<View> {
  const d = current();
  const out = {} as View;
  for (const name of COLLECTIONS) {
    const docs = await collectionOf(d, name).find().exec();
    out[name] = docs
      .map((doc) => wire(doc.toJSON(true) as Record<string, unknown>))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

async function write(w: LocalWrite): Promise<WriteOutcome> {
  const collection = collectionOf(current(), w.collection);
  if (w.kind === 'insert') {
    try {
      // Inserting over a local tombstone brings the document back (the app's "undo delete").
      await collection.insert(w.doc);
      return 'applied';
    } catch (error) {
      if ((error as { code?: string }).code === 'CONFLICT') return 'exists';
      throw error;
    }
  }
  const doc = await collection.findOne(w.id).exec();
  if (!doc) return 'missing';
  if (w.kind === 'patch') await doc.incrementalPatch(w.patch);
  else await doc.incrementalRemove();
  return 'applied';
}

async function inSync(timeoutMs: number): Promise<boolean> {
  const d = current();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([d.sync.awaitInSync().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function close(): Promise<void> {
  const d = device;
  device = undefined;
  if (!d) return;
  d.network.setOffline(true);
  await d.sync.stop();
  await d.db.remove();
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'open':
      return open(command.config).then(() => null);
    case 'view':
      return view();
    case 'write':
      return write(command.write);
    case 'offline':
      current().network.setOffline(command.offline);
      return null;
    case 'setFaults':
      current().network.faults = command.faults;
      return null;
    case 'dropStreams':
      current().network.dropStreams();
      return null;
    case 'sync':
      return inSync(command.timeoutMs);
    case 'reSync':
      current().sync.reSync();
      return null;
    case 'report':
      return current().report;
    case 'close':
      return close().then(() => null);
  }
}

const port = parentPort;
if (!port) throw new Error('device-worker.ts runs as a worker thread');
port.on('message', (request: Request) => {
  void handle(request.command).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies Reply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
      } satisfies Reply),
  );
});
