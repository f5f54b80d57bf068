import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyText, TRICKY_TEXT } from '../../test/any-text.js';
import { client, signUp, startTestServer, type ApiResponse, type TestServer } from '../../test/harness.js';
import { latest, stopDoc, syncClient, tripDoc, type Doc, type SyncClient } from './testing.js';

/**
 * The push boundary takes any text: a stop's note and place name come back from a pull
 * exactly as pushed (documents are stored as JSON text, which escapes NUL and lone
 * surrogates), or the push is refused with a 4xx; never a 500.
 */
let server: TestServer;
let sync: SyncClient;
let tripId: string;

beforeAll(async () => {
  server = await startTestServer();
  const api = client(server.url);
  const alice = await signUp(api, 'Alice');
  sync = syncClient(api, alice.accessToken);
  const trip = tripDoc(alice.user.id);
  tripId = trip.id;
  await sync.create('trips', [trip]);
});
afterAll(async () => {
  await server?.stop();
});

/** The pushed stops as a pull returns them now. */
async function pulled(ids: string[]): Promise<Map<string, Doc>> {
  const all = latest((await sync.pullAll('stops')).documents);
  return new Map(ids.map((id) => [id, all.get(id)!]));
}

function expectRefused(res: ApiResponse) {
  expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

describe('sync push of any text', () => {
  it('pulls back every tricky piece of text exactly as pushed', async () => {
    const stops = TRICKY_TEXT.map((text) =>
      stopDoc(tripId, {
        note: `${text}|${TRICKY_TEXT.join('')}`,
        place: { name: `x${text}`, lat: 33, lng: 126 },
      }),
    );
    const res = await sync.push(
      'stops',
      stops.map((d) => ({ newDocumentState: d })),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual([]);
    const back = await pulled(stops.map((s) => s.id));
    for (const stop of stops) expect(back.get(stop.id)).toMatchObject({ note: stop.note, place: stop.place });
  });

  it('stores any note and place name as sent, or refuses the push with a 4xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(anyText(40), anyText(20)), { minLength: 1, maxLength: 5 }),
        async (texts) => {
          const stops = texts.map(([note, name]) =>
            stopDoc(tripId, { note, place: { name, lat: 33.5, lng: 126.5 } }),
          );
          const res = await sync.push(
            'stops',
            stops.map((d) => ({ newDocumentState: d })),
          );
          if (res.status !== 200) {
            expectRefused(res);
            // Only a blank or overlong place name is invalid here.
            expect(texts.some(([, name]) => !/\S/.test(name) || name.length > 200)).toBe(true);
            return;
          }
          expect(res.body).toEqual([]);
          const back = await pulled(stops.map((s) => s.id));
          for (const stop of stops)
            expect(back.get(stop.id)).toMatchObject({ note: stop.note, place: stop.place });
        },
      ),
      { numRuns: 50 },
    );
  });
});
