import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { ChangeBus, localTransport, redisTransport } from './bus.js';
import { lastChangeKey, type ChangeMessage } from './changes.js';
import { CheckpointCodec } from './checkpoint.js';
import { StreamHub } from './streams.js';

/** Sync counters exported on /metrics. */
export interface SyncMetrics {
  pushed: Counter<'collection'>;
  pulled: Counter<'collection'>;
  streamed: Counter<'collection'>;
  conflicts: Counter<'collection'>;
}

/** The live part of sync shared by the routes: change bus, open streams, checkpoints, metrics. */
export interface LiveSync {
  readonly bus: ChangeBus;
  readonly streams: StreamHub;
  readonly checkpoints: CheckpointCodec;
  readonly metrics: SyncMetrics;
  /** Announces a committed transaction to every instance. */
  publish(message: ChangeMessage): void;
  close(): Promise<void>;
}

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
  };
  const checkpoints = new CheckpointCodec(config.jwtSecret);
  const streams = new StreamHub(checkpoints, config.sync.heartbeatSeconds * 1000, (collection, n) =>
    metrics.streamed.inc({ collection }, n),
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
  const bus = new ChangeBus(transport, config.sync.gapSeconds * 1000, logger);
  try {
    await bus.start(
      () => lastChangeKey(db),
      (message, upTo) => streams.deliver(message, upTo),
      () => streams.resyncAll(),
    );
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
    publish: (message) => bus.publish(message),
    async close() {
      streams.closeAll();
      await bus.close();
    },
  };
}
