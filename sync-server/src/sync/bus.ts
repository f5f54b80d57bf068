import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { redisPubSub } from '../redis/pubsub.js';
import type { ChangeMessage } from './changes.js';

/** Carries change announcements between server instances (or within one). */
export interface ChangeTransport {
  start(onMessage: (message: ChangeMessage) => void, onReconnect: () => void): Promise<void>;
  publish(message: ChangeMessage): void;
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
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Several instances: announcements go through Redis pub/sub, so every instance's streams see every commit. */
export function redisTransport(url: string, channel: string, logger: Logger): ChangeTransport {
  return redisPubSub<ChangeMessage>({
    url,
    channel,
    name: 'sync',
    logger,
    parse: (value) => value as ChangeMessage,
    lostMessage: 'could not announce a change; streams catch up on their next pull',
  });
}

/**
 * Delivers announcements in change-key order. Commits happen in key order, but their
 * announcements may arrive in any order (two requests, two instances), so one that comes
 * early waits until the keys before it have been delivered. A stream's checkpoint is then
 * simply "everything up to the delivered key". A key that never arrives (a crash between
 * commit and publish, a Redis outage) is given up after `gapMs` and every stream RESYNCs.
 */
export class ChangeBus {
  private delivered = 0;
  private readonly waiting = new Map<number, ChangeMessage>();
  private gapTimer: NodeJS.Timeout | undefined;
  private deliver: (message: ChangeMessage, deliveredUpTo: number) => void = () => undefined;
  private resyncAll: () => void = () => undefined;

  constructor(
    private readonly transport: ChangeTransport,
    private readonly gapMs: number,
    private readonly logger: Logger,
  ) {}

  /** Subscribes, then starts after the last committed key (`readLastKey`): later commits are announced to us. */
  async start(
    readLastKey: () => Promise<number>,
    deliver: (message: ChangeMessage, deliveredUpTo: number) => void,
    resyncAll: () => void,
  ): Promise<void> {
    this.deliver = deliver;
    this.resyncAll = resyncAll;
    await this.transport.start(
      (message) => this.receive(message),
      () => {
        void readLastKey().then(
          (key) => this.skipTo(key),
          (err: unknown) => this.logger.error({ err }, 'reading the change counter failed'),
        );
      },
    );
    this.skipTo(await readLastKey());
  }

  /** Every change with a key up to this one has been delivered to the streams. */
  get deliveredUpTo(): number {
    return this.delivered;
  }

  publish(message: ChangeMessage): void {
    this.transport.publish(message);
  }

  private receive(message: ChangeMessage): void {
    if (message.first === undefined || message.last === undefined) {
      this.deliver(message, this.delivered);
      return;
    }
    if (message.last <= this.delivered) {
      // Committed before we started (or given up on): a pull covers it. Still honour its RESYNCs.
      if (message.resync.length > 0) this.deliver({ items: [], resync: message.resync }, this.delivered);
      return;
    }
    this.waiting.set(message.first, message);
    this.drain();
  }

  private drain(): void {
    for (let next = this.waiting.get(this.delivered + 1); next; next = this.waiting.get(this.delivered + 1)) {
      this.waiting.delete(this.delivered + 1);
      this.delivered = next.last ?? this.delivered;
      this.deliver(next, this.delivered);
    }
    if (this.waiting.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    } else {
      this.gapTimer ??= setTimeout(() => this.giveUpGap(), this.gapMs).unref();
    }
  }

  private giveUpGap(): void {
    this.gapTimer = undefined;
    if (this.waiting.size === 0) return;
    const first = Math.min(...this.waiting.keys());
    this.logger.warn(
      { from: this.delivered + 1, to: first - 1 },
      'change announcements missing; streams will RESYNC',
    );
    this.skipTo(first - 1);
  }

  /** Treats every key up to `key` as delivered; streams RESYNC so their clients pull what they missed. */
  private skipTo(key: number): void {
    if (key > this.delivered) {
      this.delivered = key;
      for (const [first, message] of this.waiting) {
        if ((message.last ?? first) <= key) this.waiting.delete(first);
      }
    }
    this.resyncAll();
    this.drain();
  }

  async close(): Promise<void> {
    clearTimeout(this.gapTimer);
    await this.transport.close();
  }
}
