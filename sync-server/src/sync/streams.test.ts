import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeItem, ChangeMessage } from './changes.js';
import { CheckpointCodec } from './checkpoint.js';
import { StreamHub, type CatchUpSource } from './streams.js';

const codec = new CheckpointCodec('a-secret-of-at-least-thirty-two-characters');

/** What a stream wrote, as events: document ids per event, or 'RESYNC'. */
function fakeResponse() {
  const res = new EventEmitter() as EventEmitter & { chunks: string[] };
  res.chunks = [];
  Object.assign(res, {
    writableLength: 0,
    writableEnded: false,
    write: (chunk: string) => res.chunks.push(chunk),
    end: () => undefined,
  });
  const events = () =>
    res.chunks
      .filter((c) => c.startsWith('data: '))
      .map((c) => JSON.parse(c.slice(6)) as 'RESYNC' | { documents: { id: string }[]; checkpoint: string })
      .map((e) => (e === 'RESYNC' ? e : e.documents.map((d) => d.id)));
  return { res: res as unknown as ServerResponse, events, raw: res };
}

const doc = (tripId: string, seq: number, id = `d${seq}`): ChangeItem => ({
  kind: 'document',
  tripId,
  seq,
  collection: 'stops',
  json: JSON.stringify({ id, _deleted: false }),
});
const message = (tripId: string, first: number, last: number): ChangeMessage => ({
  trips: { [tripId]: { no: 1, first, last } },
  items: Array.from({ length: last - first + 1 }, (_, i) => doc(tripId, first + i)),
  resync: [],
});

const hubs: StreamHub[] = [];
function hub(source: Partial<CatchUpSource> = {}, gapMs = 20) {
  const reads: [string, number, number][] = [];
  const h = new StreamHub(
    codec,
    {
      tripValues: source.tripValues ?? (async () => new Map()),
      tripRange:
        source.tripRange ??
        (async (tripId, after, upTo) => {
          reads.push([tripId, after, upTo]);
          return Array.from({ length: upTo - after }, (_, i) => doc(tripId, after + 1 + i));
        }),
    },
    {
      heartbeatMs: 60_000,
      gapMs,
      onDocumentsSent: () => undefined,
      onCatchUp: () => undefined,
      logger: pino({ level: 'silent' }),
    },
  );
  hubs.push(h);
  return { hub: h, reads };
}
afterEach(() => {
  for (const h of hubs.splice(0)) h.closeAll();
});

describe('stream hub: per-trip order', () => {
  it('delivers a trip’s announcements in key order, whatever order they arrive in', () => {
    const { hub: h } = hub();
    const out = fakeResponse();
    const s = h.open('u1', 'stops', out.res, Date.now() + 60_000);
    h.goLive(s, [{ tripId: 't1', no: 1, value: 10 }], 0);
    h.deliver(message('t1', 13, 14));
    h.deliver(message('t1', 12, 12));
    expect(out.events()).toEqual([]);
    h.deliver(message('t1', 11, 11));
    // The one that closed the gap goes out with those that waited for it, in key order.
    expect(out.events()).toEqual([['d11', 'd12', 'd13', 'd14']]);
    // What a pull covered already (up to the value at go-live) is not sent again.
    h.deliver(message('t1', 9, 10));
    expect(out.events()).toHaveLength(1);
  });

  it('does not hold one trip back for another trip’s gap', () => {
    const { hub: h } = hub();
    const out = fakeResponse();
    const s = h.open('u1', 'stops', out.res, Date.now() + 60_000);
    h.goLive(
      s,
      [
        { tripId: 't1', no: 1, value: 0 },
        { tripId: 't2', no: 2, value: 0 },
      ],
      0,
    );
    h.deliver(message('t1', 2, 2));
    h.deliver(message('t2', 1, 1));
    expect(out.events()).toEqual([['d1']]);
  });

  it('reads a missing announcement back from the database after the gap timeout, for that trip only', async () => {
    const { hub: h, reads } = hub();
    const out = fakeResponse();
    const s = h.open('u1', 'stops', out.res, Date.now() + 60_000);
    h.goLive(s, [{ tripId: 't1', no: 1, value: 4 }], 0);
    h.deliver(message('t1', 7, 7));
    await new Promise((r) => setTimeout(r, 80));
    expect(reads).toEqual([['t1', 4, 6]]);
    expect(out.events()).toEqual([['d5', 'd6', 'd7']]);
    expect(out.events()).not.toContain('RESYNC');
  });
});
