// A traveller with more trips than one pull query may name: the per-trip ranges of a pull are read
// in several queries (SQLite refuses over 1,000 nested ORs), pages still cut in trip order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type TestServer } from '../../test/harness.js';
import { stopDoc, syncClient, tripDoc, type Doc } from './testing.js';

describe('a user with 1,200 trips', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('pulls every trip and stop, page by page and in one page, with nothing missed or repeated', async () => {
    const owner = await signUp(client(server.url), 'Collector');
    const api = syncClient(client(server.url), owner.accessToken);
    const trips = Array.from({ length: 1200 }, () => tripDoc(owner.user.id));
    for (let i = 0; i < trips.length; i += 300) await api.create('trips', trips.slice(i, i + 300));
    const stops: Doc[] = trips.flatMap((t, i) => (i % 3 === 0 ? [stopDoc(t.id)] : []));
    await api.create('stops', stops);

    for (const limit of [1000, 97]) {
      const pulled = await api.pullAll('trips', null, limit);
      expect(pulled.documents.map((d) => d.id).sort()).toEqual(trips.map((t) => t.id).sort());
      const pulledStops = await api.pullAll('stops', null, limit);
      expect(pulledStops.documents.map((d) => d.id).sort()).toEqual(stops.map((s) => s.id).sort());
      // Caught up: the next pull brings nothing.
      const next = await api.pull('trips', pulled.checkpoint, limit);
      expect(next.status, next.text).toBe(200);
      expect(next.body.documents).toEqual([]);
    }
  });
});
