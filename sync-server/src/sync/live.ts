import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { ChangeBus, localTransport, redisTransport } from './bus.js';
import { Membership } from '../trips/membership.js';
import type { ChangeMessage, LockObserver } from './changes.js';
import { CheckpointCodec } from './checkpoint.js';
import { DocumentStore } from './store.js';
import { StreamHub } from './streams.js';

/** Sync counters exported on /metrics. */
export interface SyncMetrics {
  pushed: Counter<'collection'>;
  pulled: Counter<'collection'>;
  streamed: Counter<'collection'>;
  conflicts: Counter<'collection'>;
  /** Pushes that wrote nothing and so took no lock. */
  unlocked: Counter;
}

/** The live part of sync shared by the routes: change bus, open streams, checkpoints, metrics. */
export interface LiveSync {
  readonly bus: ChangeBus;
  readonly streams: StreamHub;
  readonly checkpoints: CheckpointCodec;
  readonly metrics: SyncMetrics;
  /** Records how long writers waited for sequence locks. */
  readonly lockObserver: LockObserver;
  /** Announces a committed transaction to every instance. */
  publish(message: ChangeMessage): void;
  close(): Promise<void>;
}

/** A lock acquisition that took longer than this waited for another writer of the same trip. */
const CONTENDED_SECONDS = 0.002;
/** How often streams poll the database while announcements are down. */
const POLL_MS = 1000;

/** Starts the change bus (Redis when REDIS_URL is set) and the stream hub. */
export async function startLiveSync(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Registry;
}): Promise<LiveSync> {
  const { config, db, logger, metrics: registry } = deps;
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['collection'] as const, registers: [registry] });
  const metrics: SyncMetrics = {
    pushed: counter('hamgaja_sync_documents_pushed_total', 'Documents written by pushes'),
    pulled: counter('hamgaja_sync_documents_pulled_total', 'Documents sent in pull answers'),
    streamed: counter('hamgaja_sync_documents_streamed_total', 'Documents sent on live streams'),
    conflicts: counter('hamgaja_sync_conflicts_total', 'Pushed documents answered with a conflict'),
    unlocked: new Counter({
      name: 'hamgaja_sync_pushes_unlocked_total',
      help: 'Pushes that wrote nothing (conflicts, refusals, retries) and took no lock',
      registers: [registry],
    }),
  };
  const lockWait = new Histogram({
    name: 'hamgaja_sync_lock_wait_seconds',
    help: 'Time a write waited for the sequence locks of its trips (and users)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const contended = new Counter({
    name: 'hamgaja_sync_sequence_contended_total',
    help: 'Writes whose trip sequence locks were held by another writer of the same trip',
    registers: [registry],
  });
  const catchUps = new Counter({
    name: 'hamgaja_sync_catchups_total',
    help: 'Trips whose streams read changes back from the database (a missing announcement, a reconnect, a failed publish, polling)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const publishFailures = new Counter({
    name: 'hamgaja_redis_publish_failures_total',
    help: 'Redis publishes that failed (the trips are read back from the database)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const delayMs = config.sync.testCommitDelayMs;
  let commits = 0;
  const lockObserver: LockObserver = {
    waited(seconds) {
      lockWait.observe(seconds);
      if (seconds > CONTENDED_SECONDS) contended.inc();
    },
    // Tests only: commits race in a repeatable pattern of delays between 0 and delayMs.
    ...(delayMs > 0
      ? {
          beforeCommit: () =>
            new Promise<void>((resolve) => setTimeout(resolve, ((commits++ * 37) % 11) * (delayMs / 10))),
        }
      : {}),
  };
  const checkpoints = new CheckpointCodec(config.jwtSecret);
  const membership = new Membership(db);
  const store = new DocumentStore(db);
  const streams = new StreamHub(
    checkpoints,
    {
      tripValues: (trips) => membership.tripValues(trips),
      tripRange: (tripId, after, upTo) => store.tripRange(tripId, after, upTo),
    },
    {
      heartbeatMs: config.sync.heartbeatSeconds * 1000,
      gapMs: config.sync.gapSeconds * 1000,
      onDocumentsSent: (collection, n) => metrics.streamed.inc({ collection }, n),
      onCatchUp: (reason) => catchUps.inc({ reason }),
      logger,
    },
  );
  new Gauge({
    name: 'hamgaja_sync_open_streams',
    help: 'Open live sync streams on this instance',
    registers: [registry],
    collect() {
      this.set(streams.size);
    },
  });
  const transport = config.redisUrl
    ? redisTransport(config.redisUrl, config.sync.redisChannel, logger)
    : localTransport();
  const bus = new ChangeBus(transport, POLL_MS, config.sync.checkSeconds * 1000, logger);
  try {
    await bus.start({
      deliver: (message) => streams.deliver(message),
      catchUp: (reason, trips) => {
        if (reason === 'publish_failed') publishFailures.inc({ channel: 'sync' });
        streams.catchUp(reason, trips);
      },
    });
  } catch (err) {
    streams.closeAll();
    await bus.close().catch(() => undefined);
    throw err;
  }
  return {
    bus,
    streams,
    checkpoints,
    metrics,
    lockObserver,
    publish: (message) => bus.publish(message),
    async close() {
      streams.closeAll();
      await bus.close();
    },
  };
}
