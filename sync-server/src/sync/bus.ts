import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { redisPubSub } from '../redis/pubsub.js';
import type { ChangeMessage } from './changes.js';

/** Why streams read back a trip's changes from the database instead of waiting for announcements. */
export type CatchUpReason = 'gap' | 'reconnect' | 'publish_failed' | 'poll';

/** Carries change announcements between server instances (or within one). */
export interface ChangeTransport {
  /**
   * Subscribes. `onReconnect` runs after a reconnect (messages sent meanwhile are lost);
   * `onPublishFailed` gets a message this instance could not announce.
   */
  start(
    onMessage: (message: ChangeMessage) => void,
    onReconnect: () => void,
    onPublishFailed: (message: ChangeMessage) => void,
  ): Promise<void>;
  publish(message: ChangeMessage): void;
  /** False while announcements cannot travel (Redis is down): streams poll meanwhile. */
  connected(): boolean;
  close(): Promise<void>;
}

/** One instance: announcements go straight to this process's streams. */
export function localTransport(): ChangeTransport {
  const emitter = new EventEmitter();
  return {
    async start(onMessage) {
      emitter.on('change', onMessage);
    },
    publish(message) {
      emitter.emit('change', message);
    },
    connected: () => true,
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Several instances: announcements go through Redis pub/sub, so every instance's streams see every commit. */
export function redisTransport(url: string, channel: string, logger: Logger): ChangeTransport {
  let failed: (message: ChangeMessage) => void = () => undefined;
  const pubsub = redisPubSub<ChangeMessage>({
    url,
    channel,
    name: 'sync',
    logger,
    parse: (value) => value as ChangeMessage,
    lostMessage: "could not announce a change; the trips' streams catch up from the database",
    onPublishFailed: (message) => failed(message),
  });
  return {
    async start(onMessage, onReconnect, onPublishFailed) {
      failed = onPublishFailed;
      await pubsub.start(onMessage, onReconnect);
    },
    publish: (message) => pubsub.publish(message),
    connected: () => pubsub.connected(),
    close: () => pubsub.close(),
  };
}

/** What the change bus does with announcements and with the signs that some were lost. */
export interface ChangeListener {
  /** An announcement, in whatever order they arrive: the streams order them per trip. */
  deliver(message: ChangeMessage): void;
  /** Announcements may have been lost: the streams compare their trips with the database. */
  catchUp(reason: CatchUpReason, trips?: readonly string[]): void;
}

/**
 * Announces committed changes and tells the streams when announcements may be missing: after
 * a reconnect, after a failed publish (only that message's trips), every `pollMs` while the
 * transport is down (the streams then live on polling), and every `safetyMs` anyway, for a
 * message lost without a trace (a crash between commit and publish).
 */
export class ChangeBus {
  private pollTimer: NodeJS.Timeout | undefined;
  private safetyTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transport: ChangeTransport,
    private readonly pollMs: number,
    private readonly safetyMs: number,
    private readonly logger: Logger,
  ) {}

  async start(listener: ChangeListener): Promise<void> {
    await this.transport.start(
      (message) => listener.deliver(message),
      () => {
        this.logger.info('change announcements reconnected; streams catch up');
        listener.catchUp('reconnect');
      },
      (message) => listener.catchUp('publish_failed', Object.keys(message.trips)),
    );
    let down = false;
    this.pollTimer = setInterval(() => {
      const up = this.transport.connected();
      if (!up && !down) this.logger.warn('change announcements are down; streams poll the database');
      down = !up;
      if (!up) listener.catchUp('poll');
    }, this.pollMs).unref();
    this.safetyTimer = setInterval(() => listener.catchUp('poll'), this.safetyMs).unref();
  }

  publish(message: ChangeMessage): void {
    this.transport.publish(message);
  }

  async close(): Promise<void> {
    clearInterval(this.pollTimer);
    clearInterval(this.safetyTimer);
    await this.transport.close();
  }
}
