import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ChangeBus, localTransport } from './bus.js';
import type { ChangeItem, ChangeMessage } from './changes.js';

const logger = pino({ level: 'silent' });
const doc = (seq: number): ChangeItem => ({
  seq,
  kind: 'document',
  collection: 'stops',
  tripId: 't',
  json: `{"n":${seq}}`,
});
const msg = (first: number, last: number): ChangeMessage => ({
  first,
  last,
  items: Array.from({ length: last - first + 1 }, (_, i) => doc(first + i)),
  resync: [],
});

async function startedBus(lastKey: number, gapMs = 50) {
  const delivered: [number[], number][] = [];
  let resyncs = 0;
  const bus = new ChangeBus(localTransport(), gapMs, logger);
  await bus.start(
    async () => lastKey,
    (m, upTo) => delivered.push([m.items.map((i) => i.seq), upTo]),
    () => (resyncs += 1),
  );
  return { bus, delivered, resyncs: () => resyncs };
}

describe('change bus ordering', () => {
  it('delivers announcements in change-key order whatever order they arrive in', async () => {
    const { bus, delivered } = await startedBus(10);
    bus.publish(msg(14, 15));
    bus.publish(msg(12, 13));
    expect(delivered).toEqual([]);
    bus.publish(msg(11, 11));
    expect(delivered).toEqual([
      [[11], 11],
      [[12, 13], 13],
      [[14, 15], 15],
    ]);
    expect(bus.deliveredUpTo).toBe(15);
    await bus.close();
  });

  it('ignores announcements of commits from before it started', async () => {
    const { bus, delivered } = await startedBus(10);
    bus.publish(msg(9, 10));
    bus.publish(msg(11, 12));
    expect(delivered).toEqual([[[11, 12], 12]]);
    await bus.close();
  });

  it('passes unsequenced RESYNC announcements through at once', async () => {
    const { bus, delivered } = await startedBus(10);
    bus.publish({ items: [], resync: ['u1'] });
    expect(delivered).toEqual([[[], 10]]);
    await bus.close();
  });

  it('gives up on a missing announcement after the gap timeout and makes every stream RESYNC', async () => {
    const { bus, delivered, resyncs } = await startedBus(10, 30);
    const before = resyncs();
    bus.publish(msg(13, 13));
    await new Promise((r) => setTimeout(r, 100));
    expect(delivered).toEqual([[[13], 13]]);
    expect(resyncs()).toBe(before + 1);
    // The late one is then dropped: its commit is covered by the pulls the RESYNC caused.
    bus.publish(msg(11, 12));
    expect(delivered).toHaveLength(1);
    await bus.close();
  });
});
