import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/** Carries messages of one kind between server instances through a Redis channel. */
export interface PubSub<T> {
  /** Subscribes; `onReconnect` runs after a reconnect, since messages sent meanwhile are lost. */
  start(onMessage: (message: T) => void, onReconnect: () => void): Promise<void>;
  publish(message: T): void;
  /** Whether the subscription is up (messages published now will be received). */
  connected(): boolean;
  close(): Promise<void>;
}

export interface PubSubOptions<T> {
  url: string;
  channel: string;
  /** Names the connections (CLIENT LIST) and the log lines, e.g. 'sync' or 'sessions'. */
  name: string;
  logger: Logger;
  /** Reads a received message; throwing drops it with an error log. */
  parse(value: unknown): T;
  /** Logged when a publish fails: what the other instances do without this message. */
  lostMessage: string;
  /** Called with a message whose publish failed. */
  onPublishFailed?: (message: T) => void;
}

const require = createRequire(import.meta.url);

/** ioredis, loaded when REDIS_URL is set: a single instance without Redis never needs it. */
export function ioredis(): typeof RedisClient {
  return (require('ioredis') as { Redis: typeof RedisClient }).Redis;
}

/** Redis pub/sub: one connection publishes, one listens (a subscribed connection can do nothing else). */
export function redisPubSub<T>(options: PubSubOptions<T>): PubSub<T> {
  const { channel, logger, name } = options;
  const Redis = ioredis();
  const connectionOptions = { lazyConnect: true, connectionName: `hamgaja-${name}` };
  const publisher = new Redis(options.url, connectionOptions);
  const subscriber = new Redis(options.url, connectionOptions);
  for (const connection of [publisher, subscriber]) {
    connection.on('error', (err: Error) => logger.warn({ err }, `redis connection error (${name})`));
  }
  return {
    async start(onMessage, onReconnect) {
      subscriber.on('message', (_channel: string, text: string) => {
        try {
          onMessage(options.parse(JSON.parse(text)));
        } catch (err) {
          logger.error({ err }, `unreadable ${name} announcement`);
        }
      });
      try {
        await Promise.all([publisher.connect(), subscriber.connect()]);
        await subscriber.subscribe(channel);
      } catch (err) {
        throw new ConfigError(
          `REDIS_URL: cannot subscribe to Redis (${err instanceof Error ? err.message : String(err)})`,
        );
      }
      subscriber.on('ready', onReconnect);
    },
    publish(message) {
      publisher.publish(channel, JSON.stringify(message)).catch((err: unknown) => {
        logger.error({ err }, options.lostMessage);
        options.onPublishFailed?.(message);
      });
    },
    connected: () => subscriber.status === 'ready' && publisher.status === 'ready',
    async close() {
      await Promise.all([publisher, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
