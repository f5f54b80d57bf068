import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from './delay-proxy.mjs';

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

/** An echo server: every byte back, and the end back once the client ends. */
async function echo(): Promise<Server> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({ close: () => new Promise((r) => server.close(r)) });
  return server;
}

async function proxyTo(server: Server, delayMs: number): Promise<DelayProxy> {
  const proxy = await startDelayProxy({
    target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    delayMs,
  });
  opened.push(proxy);
  return proxy;
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1', allowHalfOpen: true }, () => resolve(socket));
    socket.once('error', reject);
    socket.setNoDelay(true);
    opened.push({ close: () => socket.destroy() });
  });
}

describe('delay proxy', () => {
  it('delays every round trip by about twice the delay', async () => {
    const proxy = await proxyTo(await echo(), 2);
    const socket = await connect(proxy.port);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = process.hrtime.bigint();
      const back = new Promise((resolve) => socket.once('data', resolve));
      socket.write(`ping ${i}`);
      await back;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    // 2 ms each way: never faster than 4 ms (the alarm may ring a little early, never 0.4 ms or more).
    expect(times[0]).toBeGreaterThan(3.2);
    expect(times[10]).toBeLessThan(50);
  });

  it('keeps each direction in order and carries the end of the stream after the data', async () => {
    const proxy = await proxyTo(await echo(), 0.5);
    const socket = await connect(proxy.port);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (received += text));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    let sent = '';
    for (let i = 0; i < 2000; i++) {
      const line = `${i}:${'x'.repeat(i % 97)}\n`;
      sent += line;
      socket.write(line);
    }
    socket.end();
    await ended;
    expect(received).toBe(sent);
    expect(proxy.forwarded.bytes).toBe(2 * sent.length);
  });
});
