import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  freePort,
  signUp,
  startInstancePair,
  startPrivateRedis,
  stopPrivateRedis,
} from '../../test/harness.js';
import { counter, hasDoc, isResync, openStream, stopDoc, syncClient, tripDoc } from './testing.js';

describe('Redis outage: streams live on polling and recover', () => {
  let port: number;
  let redis: ChildProcess;
  let pair: Awaited<ReturnType<typeof startInstancePair>>;

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis(port);
    pair = await startInstancePair({ REDIS_URL: `redis://127.0.0.1:${port}`, SYNC_CHECK_SECONDS: '3600' });
  });
  afterAll(async () => {
    await pair?.stop();
    if (redis) await stopPrivateRedis(redis);
  });

  it('keeps delivering every change while Redis is down, and again after it is back', async () => {
    const { a, b } = pair;
    const owner = await signUp(client(a.url), 'Owner');
    const onA = syncClient(client(a.url), owner.accessToken);
    const trip = tripDoc(owner.user.id);
    await onA.create('trips', [trip]);
    const onB = await openStream(b.url, 'stops', owner.accessToken);
    const before = stopDoc(trip.id, { note: 'before' });
    await onA.create('stops', [before]);
    await onB.waitFor(hasDoc(before.id));

    const polls = () => counter(b, 'hamgaja_sync_catchups_total', { reason: 'poll' });
    const pollsBefore = await polls();
    await stopPrivateRedis(redis);
    const during = [stopDoc(trip.id, { note: 'during 1' }), stopDoc(trip.id, { note: 'during 2' })];
    for (const stop of during) {
      await onA.create('stops', [stop]);
      await onB.waitFor(hasDoc(stop.id), 10_000);
    }

    // B read them back from the database while announcements were down.
    expect(await polls()).toBeGreaterThan(pollsBefore);

    redis = await startPrivateRedis(port);
    const after = stopDoc(trip.id, { note: 'after' });
    // Once the instances have reconnected, announcements travel through Redis again: no more polling.
    await new Promise((r) => setTimeout(r, 2500));
    const pollsAfterReconnect = await polls();
    await onA.create('stops', [after]);
    await onB.waitFor(hasDoc(after.id), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await polls()).toBe(pollsAfterReconnect);
    expect(onB.events.filter(isResync)).toEqual([]);
    onB.close();
  });
});
