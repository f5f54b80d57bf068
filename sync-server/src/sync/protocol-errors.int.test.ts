import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_MAX_LENGTH } from './checkpoint.js';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import {
  openStream,
  schemaHeaders,
  stopDoc,
  syncClient,
  syncState,
  tripDoc,
  V,
  type Doc,
  type SyncClient,
} from './testing.js';

describe('replication: every protocol error is a 4xx problem and writes nothing', () => {
  let server: TestServer;
  let api: Client;
  let alice: SyncClient;
  let aliceId: string;
  let trip: Doc;
  let bobToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    alice = syncClient(api, a.accessToken);
    aliceId = a.user.id;
    bobToken = (await signUp(api, 'Bob')).accessToken;
    trip = (await alice.create('trips', [tripDoc(aliceId)]))[0]!;
    await alice.create('stops', [stopDoc(trip.id)]);
  });
  afterAll(() => server.stop());

  /** Runs a request and checks that the answer is the problem and nothing changed. */
  async function refusedWithoutWrite(
    run: () => Promise<{ status: number; body: unknown; headers: Headers; text: string }>,
    status: number,
    code: string,
  ) {
    const before = await syncState(server);
    const res = await run();
    expectProblem(res as never, status, code);
    expect(await syncState(server)).toEqual(before);
    return res;
  }

  const S = schemaHeaders('stops');
  const push = (
    collection: string,
    body: unknown,
    headers: Record<string, string> = schemaHeaders(collection),
  ) => api.post(`/sync/${collection}/push`, body, { token: alice.token, headers });
  const rawPush = (
    raw: string,
    headers: Record<string, string> = { ...S, 'content-type': 'application/json' },
  ) => api.request('POST', '/sync/stops/push', { raw, token: alice.token, headers });

  it('answers an unknown collection with 404 on pull, push and stream', async () => {
    await refusedWithoutWrite(
      () => api.get('/sync/notes/pull', { token: alice.token, headers: V }),
      404,
      'not_found',
    );
    await refusedWithoutWrite(
      () => push('notes', [{ newDocumentState: stopDoc(trip.id) }]),
      404,
      'not_found',
    );
    const stream = await openStream(server.url, 'notes', alice.token);
    expect(stream.status).toBe(404);
  });

  it('requires an access token', async () => {
    await refusedWithoutWrite(() => api.get('/sync/trips/pull', { headers: V }), 401, 'unauthenticated');
    await refusedWithoutWrite(
      () => api.post('/sync/stops/push', [{ newDocumentState: stopDoc(trip.id) }], { headers: S }),
      401,
      'unauthenticated',
    );
    await refusedWithoutWrite(
      () => api.get('/sync/trips/pull', { token: 'not-a-token', headers: V }),
      401,
      'invalid_token',
    );
    expect((await openStream(server.url, 'trips', 'nope')).status).toBe(401);
  });

  it('answers 400 to a missing, malformed, non-canonical or newer schema version', async () => {
    const versions: Record<string, string>[] = [
      {},
      { 'x-hamgaja-schema-version': 'abc' },
      // stops is at version 1: 2 is newer.
      { 'x-hamgaja-schema-version': '2' },
      { 'x-hamgaja-schema-version': '0.5' },
      // Canonical non-negative integers only (rule 10).
      { 'x-hamgaja-schema-version': '-1' },
      { 'x-hamgaja-schema-version': '00' },
      { 'x-hamgaja-schema-version': '-0' },
      { 'x-hamgaja-schema-version': '+0' },
    ];
    for (const headers of versions) {
      await refusedWithoutWrite(
        () => push('stops', [{ newDocumentState: stopDoc(trip.id) }], headers),
        400,
        'validation_failed',
      );
      await refusedWithoutWrite(
        () => api.get('/sync/stops/pull', { token: alice.token, headers }),
        400,
        'validation_failed',
      );
    }
    for (const query of [
      '?schemaVersion=-1',
      '?schemaVersion=7',
      '',
      '?schemaVersion=00',
      '?schemaVersion=%200',
    ])
      expect((await openStream(server.url, 'stops', alice.token, {}, query)).status, query).toBe(400);
    const viaQuery = await openStream(server.url, 'stops', alice.token, {}, '?schemaVersion=1');
    expect(viaQuery.status).toBe(200);
    viaQuery.close();
  });

  it('answers 400 to pull parameters it does not know or cannot read, instead of a full pull', async () => {
    for (const query of ['checkpoint[x]=1', 'checkpoint=a&checkpoint=b', 'limit=0100', 'since=1']) {
      await refusedWithoutWrite(
        () => api.get(`/sync/stops/pull?${query}`, { token: alice.token, headers: S }),
        400,
        'validation_failed',
      );
    }
  });

  it('refuses unparsable, tampered and foreign checkpoints with invalid_checkpoint', async () => {
    const good = (await alice.pull('stops')).body.checkpoint;
    const bytes = Buffer.from(good, 'base64url');
    bytes[1] = (bytes[1] ?? 0) ^ 1;
    const tampered = bytes.toString('base64url');
    const otherCollection = (await alice.pull('trips')).body.checkpoint;
    const bobs = (await syncClient(api, bobToken).pull('stops')).body.checkpoint;
    for (const checkpoint of [
      'garbage!',
      'e30',
      Buffer.from('not json').toString('base64url'),
      tampered,
      otherCollection,
      bobs,
      'x'.repeat(2000),
      // The longest a checkpoint may be: the server reads it (Node alone would answer 431).
      'x'.repeat(CHECKPOINT_MAX_LENGTH),
    ]) {
      const res = await alice.pull('stops', checkpoint);
      expectProblem(res, 400, 'invalid_checkpoint');
    }
    expect((await alice.pull('stops', good)).status).toBe(200);
  });

  it('tells a client holding a checkpoint of the older format (one change key for the service) to start over', async () => {
    const v1 = Buffer.from(JSON.stringify({ v: 1, s: 12, a: 3, m: 'AAAAAAAAAAAAAAAAAAAAAA' })).toString(
      'base64url',
    );
    expectProblem(await alice.pull('stops', v1), 410, 'checkpoint_outdated');
  });

  it('refuses a limit outside 1..1000', async () => {
    for (const limit of ['0', '1001', 'abc', '-5', '2.5']) {
      const res = await api.get(`/sync/stops/pull?limit=${limit}`, { token: alice.token, headers: S });
      expectProblem(res, 400, 'validation_failed');
    }
    expect((await api.get('/sync/stops/pull?limit=1000', { token: alice.token, headers: S })).status).toBe(
      200,
    );
  });

  it('refuses bodies that are not a batch of rows', async () => {
    await refusedWithoutWrite(() => rawPush('{"newDocumentState":'), 400, 'invalid_json');
    await refusedWithoutWrite(() => rawPush('"just a string"'), 400, 'invalid_json');
    await refusedWithoutWrite(
      () => push('stops', { newDocumentState: stopDoc(trip.id) }),
      400,
      'validation_failed',
    );
    await refusedWithoutWrite(() => push('stops', []), 400, 'validation_failed');
    await refusedWithoutWrite(() => push('stops', [stopDoc(trip.id)]), 400, 'validation_failed');
    await refusedWithoutWrite(
      () =>
        rawPush(JSON.stringify([{ newDocumentState: stopDoc(trip.id) }]), {
          ...S,
          'content-type': 'text/plain',
        }),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses a batch of more than 500 rows with 413 batch_too_large', async () => {
    const rows = Array.from({ length: 501 }, () => ({ newDocumentState: stopDoc(trip.id) }));
    await refusedWithoutWrite(() => push('stops', rows), 413, 'batch_too_large');
  });

  it('accepts bodies up to 8 MB and refuses larger ones with 413', async () => {
    const long = 'x'.repeat(1990);
    const big = Array.from({ length: 500 }, () => ({ newDocumentState: stopDoc(trip.id, { note: long }) }));
    expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
    const accepted = await push('stops', big);
    expect(accepted.status, accepted.text).toBe(200);
    const huge = JSON.stringify([
      { newDocumentState: stopDoc(trip.id, { note: 'y'.repeat(9 * 1024 * 1024) }) },
    ]);
    await refusedWithoutWrite(() => rawPush(huge), 413, 'payload_too_large');
  });

  it('validates every document and names the row; one bad row refuses the whole batch', async () => {
    const good = () => ({ newDocumentState: stopDoc(trip.id) });
    const cases: [string, unknown][] = [
      [
        'missing field',
        (() => {
          const { orderKey: _, ...rest } = stopDoc(trip.id);
          return rest;
        })(),
      ],
      ['wrong type', stopDoc(trip.id, { day: 'monday' })],
      ['unknown field', stopDoc(trip.id, { color: 'red' })],
      ['bad id', stopDoc(trip.id, { id: 'has spaces' })],
      [
        'no _deleted',
        (() => {
          const { _deleted: _, ...rest } = stopDoc(trip.id);
          return rest;
        })(),
      ],
      ['bad order key', stopDoc(trip.id, { orderKey: '!!' })],
      ['not an object', 42],
    ];
    for (const [name, doc] of cases) {
      const res = await refusedWithoutWrite(
        () => push('stops', [good(), good(), { newDocumentState: doc }]),
        400,
        'validation_failed',
      );
      const errors = (res.body as { errors: { path: string }[] }).errors;
      expect(
        errors.some((e) => e.path.startsWith('2.newDocumentState')),
        name,
      ).toBe(true);
    }
    const badAssumed = await refusedWithoutWrite(
      () => push('stops', [{ ...good(), assumedMasterState: { id: 'x' } }]),
      400,
      'validation_failed',
    );
    expect((badAssumed.body as { errors: { path: string }[] }).errors[0]!.path).toMatch(
      /^0\.assumedMasterState/,
    );
  });

  it('refuses a batch naming a document twice, or an assumed master of another document', async () => {
    const stop = stopDoc(trip.id);
    await refusedWithoutWrite(
      () => push('stops', [{ newDocumentState: stop }, { newDocumentState: { ...stop, note: 'again' } }]),
      400,
      'validation_failed',
    );
    const other = stopDoc(trip.id);
    await refusedWithoutWrite(
      () => push('stops', [{ newDocumentState: stop, assumedMasterState: other }]),
      400,
      'validation_failed',
    );
  });

  it('answers refused streams with a problem document, not an event stream', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['/sync/notes/stream', { ...V, authorization: `Bearer ${alice.token}` }, 404, 'not_found'],
      ['/sync/stops/stream', S, 401, 'unauthenticated'],
      [
        '/sync/stops/stream',
        { 'x-hamgaja-schema-version': '-1', authorization: `Bearer ${alice.token}` },
        400,
        'validation_failed',
      ],
      [
        '/sync/stops/stream',
        { 'x-hamgaja-schema-version': 'new', authorization: `Bearer ${alice.token}` },
        400,
        'validation_failed',
      ],
    ];
    for (const [path, headers, status, code] of cases) {
      const res = await fetch(`${server.url}/api${path}`, {
        headers: { accept: 'text/event-stream', ...headers },
      });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
  });

  it('refuses a document of another collection pushed to this one', async () => {
    const aTrip = tripDoc(aliceId);
    await refusedWithoutWrite(() => push('stops', [{ newDocumentState: aTrip }]), 400, 'validation_failed');
    await refusedWithoutWrite(
      () => push('trips', [{ newDocumentState: stopDoc(trip.id) }]),
      400,
      'validation_failed',
    );
  });

  it('refuses a child of a trip the server has not seen yet with a retryable 409', async () => {
    await refusedWithoutWrite(
      () => push('stops', [{ newDocumentState: stopDoc('trip-not-yet-pushed') }]),
      409,
      'trip_not_synced',
    );
  });
});

describe('replication: an app older than the server gets 426 and writes nothing', () => {
  let server: TestServer;
  let api: Client;
  let token: string;
  let tripId: string;

  beforeAll(async () => {
    // Every collection counts as one version newer than this test's documents (version 0).
    server = await startTestServer({ SYNC_SCHEMA_VERSION_OFFSET: '1' });
    api = client(server.url);
    const a = await signUp(api, 'Alice');
    token = a.accessToken;
    const trip = tripDoc(a.user.id);
    tripId = trip.id;
    const created = await api.post('/sync/trips/push', [{ newDocumentState: trip }], {
      token,
      headers: { 'x-hamgaja-schema-version': '1' },
    });
    expect(created.status).toBe(200);
  });
  afterAll(() => server.stop());

  it('answers 426 on push, pull and stream, with "Update the app to keep syncing"', async () => {
    const older = { 'x-hamgaja-schema-version': '0' };
    const before = await syncState(server);
    const pushed = await api.post('/sync/stops/push', [{ newDocumentState: stopDoc(tripId) }], {
      token,
      headers: older,
    });
    expectProblem(pushed, 426, 'upgrade_required');
    expect((pushed.body as { detail: string }).detail).toBe('Update the app to keep syncing');
    expectProblem(await api.get('/sync/trips/pull', { token, headers: older }), 426, 'upgrade_required');
    expect((await openStream(server.url, 'stops', token, {}, '?schemaVersion=0')).status).toBe(426);
    const res = await fetch(`${server.url}/api/sync/stops/stream`, {
      headers: { accept: 'text/event-stream', ...older, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(426);
    expect(((await res.json()) as { code: string }).code).toBe('upgrade_required');
    expect(await syncState(server)).toEqual(before);
    // The current version is served.
    const current = await api.get('/sync/trips/pull', {
      token,
      headers: { 'x-hamgaja-schema-version': '1' },
    });
    expect(current.status).toBe(200);
  });
});
