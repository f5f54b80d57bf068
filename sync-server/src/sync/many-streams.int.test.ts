import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import {
  collectionNames,
  docFor,
  hasDoc,
  openStream,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type SyncClient,
} from './testing.js';

/** Memory per open stream is measured by `npm run bench:sync`; this proves many streams stay correct. */
const PER_MEMBER = 100;
const STRANGER_STREAMS = 20;

describe('replication: many open streams', () => {
  let server: TestServer;
  let api: Client;
  let owner: SyncClient;
  let ownerId: string;
  let trip: Doc;
  const members: OpenStream[] = [];
  const strangers: OpenStream[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const o = await signUp(api, 'Many Tabs');
    owner = syncClient(api, o.accessToken);
    ownerId = o.user.id;
    trip = (await owner.create('trips', [tripDoc(ownerId)]))[0]!;
    const editor = await signUp(api, 'Co-traveller');
    const code = (await api.post(`/trips/${trip.id}/invites`, { role: 'editor' }, { token: owner.token }))
      .body.code as string;
    expect((await api.post(`/invites/${code}/accept`, undefined, { token: editor.accessToken })).status).toBe(
      200,
    );
    const stranger = await signUp(api, 'Stranger');
    const open = async (into: OpenStream[], token: string, count: number) => {
      for (let i = 0; i < count; i += 25) {
        const batch = Array.from({ length: Math.min(25, count - i) }, (_, j) =>
          openStream(server.url, collectionNames[(i + j) % collectionNames.length]!, token),
        );
        into.push(...(await Promise.all(batch)));
      }
    };
    await open(members, owner.token, PER_MEMBER);
    await open(members, editor.accessToken, PER_MEMBER);
    await open(strangers, stranger.accessToken, STRANGER_STREAMS);
  }, 60_000);
  afterAll(async () => {
    for (const s of [...members, ...strangers]) s.close();
    await server.stop();
  });

  it(`${2 * PER_MEMBER} member streams all receive an edit of their collection; a stranger's ${STRANGER_STREAMS} never do`, async () => {
    expect(members.every((s) => s.status === 200)).toBe(true);
    const metrics = (await api.get('/metrics')).text;
    expect(Number(/^hamgaja_sync_open_streams (\d+)/m.exec(metrics)?.[1])).toBe(
      2 * PER_MEMBER + STRANGER_STREAMS,
    );

    const docs = new Map<string, Doc>();
    for (const c of collectionNames) {
      const doc = c === 'trips' ? { ...trip, title: 'Edited for every tab' } : docFor(c, trip.id, ownerId);
      if (c === 'trips') await owner.update(c, trip, doc);
      else await owner.create(c, [doc]);
      docs.set(c, doc);
    }
    for (const [i, s] of members.entries()) {
      // Each member's streams were opened round the collections from the first one (see `open`).
      const doc = docs.get(collectionNames[(i % PER_MEMBER) % collectionNames.length]!)!;
      await s.waitFor(hasDoc(doc.id), 15_000);
      expect(s.ended).toBe(false);
    }
    // Everything the members saw has arrived; the stranger's streams carried nothing of the trip.
    const seen = JSON.stringify(strangers.map((s) => s.events));
    for (const doc of docs.values()) expect(seen).not.toContain(doc.id);
    expect(strangers.every((s) => !s.ended)).toBe(true);
  });
});
