/** The orchestrator's side of a device worker: typed commands with replies and timeouts. */
import { Worker } from 'node:worker_threads';
import type { Command, Reply, Request, Results } from './protocol.js';

/** A command answered later than this means a wedged device: the seed fails, the worker is replaced. */
const COMMAND_TIMEOUT_MS = 30_000;

export class DeviceTimeout extends Error {
  override name = 'DeviceTimeout';
}

export class DeviceWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  /** Set once the worker died or timed out; it is replaced before the next seed. */
  broken: string | undefined;

  constructor(bundle: string) {
    this.worker = new Worker(bundle);
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
    const fail = (why: string) => {
      this.broken ??= why;
      for (const [id, waiting] of this.pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`device worker ${why}`));
        this.pending.delete(id);
      }
    };
    this.worker.on('error', (error) => fail(`failed: ${error.message}`));
    this.worker.on('exit', (code) => fail(`exited (${code})`));
  }

  call<C extends Command>(command: C, timeoutMs = COMMAND_TIMEOUT_MS): Promise<Results[C['type']]> {
    if (this.broken) return Promise.reject(new Error(`device worker ${this.broken}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.broken ??= `timed out on ${command.type}`;
        reject(new DeviceTimeout(`device command ${command.type} got no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.worker.postMessage({ id, command } satisfies Request);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
