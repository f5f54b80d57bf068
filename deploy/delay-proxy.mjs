// A TCP proxy that delays every chunk by a fixed time in each direction, keeping each direction's
// order: MySQL "on another host" for `npm run bench:scale -- --remote` (the kernel here has no
// netem qdisc, so `tc … delay` is not available).
//
//   node deploy/delay-proxy.mjs --target 127.0.0.1:3306 [--delay-ms 0.5] [--port 0]
//
// prints one line `{"port":N}` once it listens, then runs until SIGTERM/SIGINT.
//
// Node's timers have a 1 ms grain (setTimeout(…, 0.5) waits 1–2 ms), so an alarm thread sleeps in
// Atomics.wait, which takes fractional milliseconds, and wakes the main thread when the first
// queued chunk is due, without spinning a core.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Milliseconds on the monotonic clock both threads share, with microsecond grain. */
const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

const ALARM_THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const generation = new Int32Array(workerData, 0, 1);
const due = new Float64Array(workerData, 8, 1);
const lead = new Float64Array(workerData, 16, 1);
const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;
for (;;) {
  const seen = Atomics.load(generation, 0);
  if (seen < 0) break;
  const at = due[0] - lead[0];
  if (!Number.isFinite(at)) {
    Atomics.wait(generation, 0, seen);
  } else if (at > nowMs()) {
    Atomics.wait(generation, 0, seen, at - nowMs());
  } else {
    parentPort.postMessage(0);
    // Until the main thread has released what is due and set the next alarm.
    Atomics.wait(generation, 0, seen);
  }
}
`;

/** Longest head start the alarm may take to make up for waking late (ms). */
const MAX_LEAD_MS = 0.4;
/** A chunk due this soon after the alarm is released with it (ms). */
const TOLERANCE_MS = 0.02;

/**
 * Wakes `onDue` when the earliest scheduled time has come; only the main thread writes `due` and
 * `lead`. Waking (thread wake-up, message to the main thread) takes time on a busy machine: the
 * alarm rings `lead` early, `lead` following how late the main thread sees it.
 */
function alarmClock(onDue) {
  const shared = new SharedArrayBuffer(24);
  const generation = new Int32Array(shared, 0, 1);
  const due = new Float64Array(shared, 8, 1);
  const lead = new Float64Array(shared, 16, 1);
  due[0] = Number.POSITIVE_INFINITY;
  lead[0] = 0;
  const worker = new Worker(ALARM_THREAD, { eval: true, workerData: shared });
  worker.on('message', onDue);
  worker.unref();
  const changed = () => {
    Atomics.add(generation, 0, 1);
    Atomics.notify(generation, 0);
  };
  return {
    get next() {
      return due[0];
    },
    /** How late (ms, negative: early) the alarm for `due` reached the main thread. */
    rang(lateMs) {
      lead[0] = Math.min(MAX_LEAD_MS, Math.max(0, lead[0] + 0.2 * lateMs));
    },
    set(at) {
      due[0] = at;
      changed();
    },
    async stop() {
      Atomics.store(generation, 0, -1);
      Atomics.notify(generation, 0);
      await worker.terminate();
    },
  };
}

/**
 * Listens on `listen` (port 0: any free port) and forwards each connection to `target`, every
 * chunk (and the end of each direction) `delayMs` later than it arrived.
 * @param {{ target: { host: string, port: number }, delayMs: number, listen?: { host?: string, port?: number } }} options
 */
export async function startDelayProxy({ target, delayMs, listen = {} }) {
  /** Directions with chunks waiting: { items: {at, chunk?}[], release(item) }. */
  const waiting = new Set();
  const clock = alarmClock(() => {
    const now = nowMs();
    clock.rang(now - clock.next);
    let next = Number.POSITIVE_INFINITY;
    for (const direction of waiting) {
      while (direction.items.length > 0 && direction.items[0].at <= now + TOLERANCE_MS)
        direction.release(direction.items.shift());
      if (direction.items.length > 0) next = Math.min(next, direction.items[0].at);
      else waiting.delete(direction);
    }
    clock.set(next);
  });
  const sockets = new Set();
  const forwarded = { chunks: 0, bytes: 0 };

  /** Delays what `from` sends before `to` receives it; pauses `from` while `to` is full. */
  function direction(from, to) {
    const d = {
      items: [],
      release(item) {
        if (to.destroyed || to.writableEnded) return;
        if (item.chunk === undefined) {
          to.end();
          return;
        }
        forwarded.chunks += 1;
        forwarded.bytes += item.chunk.length;
        if (!to.write(item.chunk)) {
          from.pause();
          to.once('drain', () => from.resume());
        }
      },
    };
    const enqueue = (chunk) => {
      if (delayMs <= 0) return d.release({ at: 0, chunk });
      const at = nowMs() + delayMs;
      d.items.push({ at, chunk });
      waiting.add(d);
      if (at < clock.next) clock.set(at);
    };
    from.on('data', (chunk) => enqueue(chunk));
    // The end (or a close without one) follows the data still on its way, never overtakes it.
    from.on('end', () => enqueue(undefined));
    from.on('close', () => enqueue(undefined));
  }

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    direction(client, upstream);
    direction(upstream, client);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    forwarded,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
      await clock.stop();
    },
  };
}

function argument(args, name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const [host, port] = String(argument(args, 'target', '127.0.0.1:3306')).split(':');
  const delayMs = Number(argument(args, 'delay-ms', '0.5'));
  const listenPort = Number(argument(args, 'port', '0'));
  if (!host || !Number.isInteger(Number(port)) || !(delayMs >= 0) || !Number.isInteger(listenPort)) {
    console.error('usage: node deploy/delay-proxy.mjs --target HOST:PORT [--delay-ms 0.5] [--port 0]');
    process.exit(2);
  }
  const proxy = await startDelayProxy({
    target: { host, port: Number(port) },
    delayMs,
    listen: { port: listenPort },
  });
  console.log(JSON.stringify({ port: proxy.port }));
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
