// The scale-out topology (docker-compose.scale.yml) run natively: the project's Nginx config with an
// upstream of 3 built sync-server processes on one MariaDB database and Redis. Two travellers
// connected through Nginx land on different instances and see each other's edits live; one instance
// killed with SIGKILL mid-run changes nothing they can see, and no edit is lost. Runs once (vitest
// project `scale`), whatever the database of the other integration suites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ApiResponse, Client } from '../sync-server/test/harness.js';
import {
  hasDoc,
  openStream,
  stopDoc,
  syncClient,
  tripDoc,
  type Doc,
  type OpenStream,
  type StreamEvent,
  schemaHeaders,
} from '../sync-server/src/sync/testing.js';
import { startTopology, type Instance, type Topology } from './topology.mjs';

/** JSON over real HTTP to the Nginx entry point (the shape of the harness's client; no server in-process). */
function client(baseUrl: string): Client {
  async function request<T = any>(
    method: string,
    urlPath: string,
    opts: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body = opts.raw;
    if (body === undefined && opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}/api${urlPath}`, { method, headers, body });
    const text = await res.text();
    const parsed: unknown =
      /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  return {
    request,
    get: (p, o) => request('GET', p, o),
    post: (p, body, o) => request('POST', p, { ...o, body }),
    patch: (p, body, o) => request('PATCH', p, { ...o, body }),
    delete: (p, body, o) => request('DELETE', p, { ...o, body }),
  };
}

async function signUp(api: Client, displayName: string) {
  const email = `${displayName.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
  const res = await api.post('/auth/signup', {
    email,
    password: `pass-${randomBytes(6).toString('hex')}`,
    displayName,
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { user: { id: string }; accessToken: string; refreshToken: string };
}

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect({ status: res.status, code: (res.body as { code?: string })?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

const OPEN_STREAMS = 'hamgaja_sync_open_streams';
const PUSHED = 'hamgaja_sync_documents_pushed_total';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a condition that must come true (no timing is asserted; the limit only ends a hang). */
async function eventually(what: string, check: () => boolean | Promise<boolean>, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await sleep(25);
  }
}

type Session = Awaited<ReturnType<typeof signUp>>;

/**
 * A traveller's device as the RxDB client behaves on the wire: a live stream of `stops` through
 * Nginx, a catch-up pull from its checkpoint on every (re)connect and on RESYNC, and a new stream
 * whenever one ends.
 */
function device(api: Client, baseURL: string, session: Session) {
  const sync = syncClient(api, session.accessToken);
  const seen = new Map<string, Doc>();
  const liveIds = new Set<string>();
  let checkpoint: string | null = null;
  let current: OpenStream | undefined;
  let closed = false;
  const state = { connects: 0, failedConnects: 0, seen, liveIds, stream: () => current };

  async function catchUp() {
    const { documents, checkpoint: next } = await sync.pullAll('stops', checkpoint);
    for (const d of documents) seen.set(d.id, d);
    checkpoint = next;
  }
  async function handle(event: StreamEvent) {
    if (event === 'RESYNC') return catchUp();
    for (const d of event.documents) {
      seen.set(d.id, d);
      liveIds.add(d.id);
    }
    checkpoint = event.checkpoint;
  }
  const running = (async () => {
    while (!closed) {
      const stream = await openStream(baseURL, 'stops', session.accessToken).catch(() => undefined);
      if (!stream || stream.status !== 200) {
        state.failedConnects += 1;
        await sleep(100);
        continue;
      }
      current = stream;
      state.connects += 1;
      await catchUp();
      let handled = 0;
      for (;;) {
        while (handled < stream.events.length) await handle(stream.events[handled++]!);
        if (stream.ended || closed) break;
        await sleep(10);
      }
    }
  })();
  return Object.assign(state, {
    async close() {
      closed = true;
      current?.close();
      await running;
    },
  });
}

/** Open live streams per instance (a stopped instance holds none). */
async function openStreamsPerInstance(instances: Instance[]) {
  return Promise.all(instances.map((i) => (i.running ? i.metric(OPEN_STREAMS) : Promise.resolve(0))));
}
async function pushedPerInstance(instances: Instance[]) {
  return Promise.all(instances.map((i) => (i.running ? i.metric(PUSHED) : Promise.resolve(-1))));
}
const changed = (before: number[], after: number[]) => after.flatMap((v, i) => (v !== before[i] ? [i] : []));

describe('scale-out through Nginx: 3 instances, MariaDB, Redis', () => {
  let topology: Topology;
  let api: Client;
  let alice: Session;
  let bob: Session;
  let tripId: string;
  let aliceDevice: ReturnType<typeof device>;
  let bobDevice: ReturnType<typeof device>;
  /** Instance index holding each device's first stream. */
  let aliceAt: number;
  let bobAt: number;
  const pushedIds = new Set<string>();

  beforeAll(async () => {
    topology = await startTopology({ instances: 3 });
    api = client(topology.baseURL);
  }, 180_000);

  afterAll(async () => {
    await aliceDevice?.close();
    await bobDevice?.close();
    await topology?.stop();
  }, 60_000);

  it('two travellers land on different instances and see each other’s edits live', async () => {
    const { instances, baseURL } = topology;
    alice = await signUp(api, 'Alice');
    bob = await signUp(api, 'Bob');
    const trip = tripDoc(alice.user.id);
    tripId = trip.id;
    await syncClient(api, alice.accessToken).create('trips', [trip]);
    const invite = await api.post(
      `/trips/${tripId}/invites`,
      { role: 'editor' },
      { token: alice.accessToken },
    );
    expect(invite.status, invite.text).toBe(201);
    const accepted = await api.post(`/invites/${invite.body.code}/accept`, undefined, {
      token: bob.accessToken,
    });
    expect(accepted.status, accepted.text).toBe(200);

    // Each device's stream is counted by exactly one instance's open-stream gauge.
    const none = await openStreamsPerInstance(instances);
    expect(none).toEqual([0, 0, 0]);
    bobDevice = device(api, baseURL, bob);
    await eventually('Bob’s stream is open', () => bobDevice.connects === 1);
    const withBob = await openStreamsPerInstance(instances);
    expect(withBob.reduce((a, b) => a + b)).toBe(1);
    bobAt = withBob.indexOf(1);
    aliceDevice = device(api, baseURL, alice);
    await eventually('Alice’s stream is open', () => aliceDevice.connects === 1);
    const withBoth = await openStreamsPerInstance(instances);
    expect(withBoth.reduce((a, b) => a + b)).toBe(2);
    aliceAt = changed(withBob, withBoth)[0]!;
    expect(aliceAt).toBeDefined();
    expect(aliceAt, 'both streams on one instance').not.toBe(bobAt);

    // Alice's edits, each pushed through Nginx to whichever instance it picks, reach Bob's stream.
    const handledBy = new Set<number>();
    for (let n = 0; n < 3; n++) {
      const before = await pushedPerInstance(instances);
      const stop = stopDoc(tripId, { note: `alice live ${n}` });
      await syncClient(api, alice.accessToken).create('stops', [stop]);
      pushedIds.add(stop.id);
      const by = changed(before, await pushedPerInstance(instances));
      expect(by).toHaveLength(1);
      handledBy.add(by[0]!);
      await eventually(`Bob sees ${stop.id} live`, () => bobDevice.liveIds.has(stop.id));
    }
    // Round robin spreads consecutive pushes: at least one went through an instance other than Bob's.
    expect([...handledBy].filter((i) => i !== bobAt).length).toBeGreaterThan(0);

    const fromBob = stopDoc(tripId, { note: 'bob live' });
    await syncClient(api, bob.accessToken).create('stops', [fromBob]);
    pushedIds.add(fromBob.id);
    await eventually('Alice sees Bob’s edit live', () => aliceDevice.liveIds.has(fromBob.id));
    expect(aliceDevice.stream()?.events.some(hasDoc(fromBob.id))).toBe(true);
  });

  it('an instance killed with SIGKILL mid-run: both carry on through the others, no edit is lost', async () => {
    const { instances } = topology;
    const victim = instances[aliceAt]!;
    const survivors = instances.filter((i) => i !== victim);
    const pushedBefore = await pushedPerInstance(survivors);
    const EDITS = 30;
    const KILL_AFTER = 10;
    let pushes = 0;
    let killing: Promise<void> | undefined;
    let pushesWhenKilled = -1;
    const failures: string[] = [];

    /** One device writing: new stops and edits of its own stops, every answer checked. */
    const writer = async (who: string, session: Session) => {
      const sync = syncClient(api, session.accessToken);
      let last: Doc | undefined;
      for (let n = 0; n < EDITS; n++) {
        const edit = n % 3 === 2 && last !== undefined;
        const next: Doc = edit
          ? { ...last!, note: `${who} edit ${n}` }
          : stopDoc(tripId, { note: `${who} ${n}` });
        const res = await sync.push('stops', [
          edit ? { newDocumentState: next, assumedMasterState: last! } : { newDocumentState: next },
        ]);
        if (res.status !== 200 || JSON.stringify(res.body) !== '[]')
          failures.push(`${who} ${n}: ${res.status} ${res.text}`);
        pushedIds.add(next.id);
        last = next;
        pushes += 1;
        if (pushes === KILL_AFTER)
          killing = victim.kill('SIGKILL').then(() => {
            pushesWhenKilled = pushes;
          });
      }
      return last!;
    };
    // The kill is awaited even when a writer fails, so its outcome never goes unhandled.
    const [aliceLast, bobLast] = await Promise.all([writer('alice', alice), writer('bob', bob)]).finally(
      () => killing,
    );

    expect(victim.exit).toEqual({ code: null, signal: 'SIGKILL' });
    // Killed mid-run: both devices were still pushing after the process was gone.
    expect(pushesWhenKilled).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(pushesWhenKilled).toBeLessThan(2 * EDITS - 10);
    // Failover was invisible: every push through Nginx was answered 200 without a conflict.
    expect(failures).toEqual([]);
    // The survivors took over the pushes.
    const pushedAfter = await pushedPerInstance(survivors);
    expect(pushedAfter.reduce((a, b) => a + b) - pushedBefore.reduce((a, b) => a + b)).toBeGreaterThan(0);

    // Alice's stream died with its instance; her device reconnected through Nginx to a survivor.
    await eventually('Alice reconnects', () => aliceDevice.connects >= 2);
    // Nginx sent the reconnect past the dead instance: no attempt failed.
    expect(aliceDevice.failedConnects).toBe(0);
    const open = await openStreamsPerInstance(survivors);
    expect(open.reduce((a, b) => a + b)).toBe(2);
    // …and is live again: Bob's next edit reaches her new stream.
    const after = stopDoc(tripId, { note: 'after the kill' });
    await syncClient(api, bob.accessToken).create('stops', [after]);
    pushedIds.add(after.id);
    await eventually('Alice sees the edit after the kill live', () =>
      Boolean(aliceDevice.stream()?.events.some(hasDoc(after.id))),
    );

    // No edit lost: each device holds every stop with its last state, and so does the database.
    for (const [name, d] of [
      ['alice', aliceDevice],
      ['bob', bobDevice],
    ] as const) {
      await eventually(`${name} holds every stop`, () => [...pushedIds].every((id) => d.seen.has(id)));
      expect(d.seen.get(aliceLast.id)?.note, name).toBe(aliceLast.note);
      expect(d.seen.get(bobLast.id)?.note, name).toBe(bobLast.note);
    }
    const [row] = await topology.database.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM sync_documents WHERE collection = 'stops' AND deleted = 0",
    );
    expect(Number(row?.n)).toBe(pushedIds.size);
    const pulled = await syncClient(api, alice.accessToken).pullAll('stops');
    expect(new Set(pulled.documents.map((d) => d.id))).toEqual(pushedIds);
  }, 60_000);

  it('answers through Nginx carry the security headers; /api/metrics is hidden; a body over the limit gets 413', async () => {
    const { baseURL } = topology;
    for (const url of [`${baseURL}/api/healthz`, `${baseURL}/`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy'), url).toContain('camera=()');
      // HSTS only over TLS.
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
      await res.body?.cancel();
    }
    // JSON answers are compressed; live streams never are (each event must go out at once).
    const pull = await fetch(`${baseURL}/api/sync/stops/pull?limit=50`, {
      headers: {
        authorization: `Bearer ${alice.accessToken}`,
        'accept-encoding': 'gzip',
        ...schemaHeaders('stops'),
      },
    });
    expect(pull.status).toBe(200);
    expect(pull.headers.get('content-encoding')).toBe('gzip');
    expect(((await pull.json()) as { documents: Doc[] }).documents.length).toBeGreaterThan(10);
    const live = await openStream(baseURL, 'stops', alice.accessToken, {
      'accept-encoding': 'gzip',
      ...schemaHeaders('stops'),
    });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-encoding')).toBeNull();
    live.close();

    // Any spelling Express would route to the metrics is refused by Nginx.
    for (const variant of [
      '/metrics',
      '/METRICS',
      '//metrics/',
      '/./metrics',
      '/x/../metrics',
      '/%6detrics',
    ]) {
      const hidden = await api.get(variant);
      expect(hidden.status, variant).toBe(404);
      expect(hidden.text, variant).not.toContain('hamgaja_');
    }
    expectProblem(await api.get('/metrics'), 404, 'not_found');
    // …while each instance still answers Prometheus directly.
    const direct = await fetch(`${topology.instances.find((i) => i.running)!.url}/api/metrics`);
    expect(direct.status).toBe(200);
    await direct.body?.cancel();

    // 13 MB is over Nginx's limit (10 MB images plus multipart overhead): refused before any instance.
    const tooLarge = await api.request('POST', '/posts', {
      raw: 'x'.repeat(13 * 1024 * 1024),
      token: alice.accessToken,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expectProblem(tooLarge, 413, 'payload_too_large');
    expect(tooLarge.headers.get('x-content-type-options')).toBe('nosniff');
    // Nginx logs a request once it is done with it (after reading the refused body away).
    await eventually('the refused upload is logged, with no upstream', () =>
      /"POST \/api\/posts HTTP\/1\.1" 413 .* upstream=- /.test(topology.accessLog()),
    );
    // 11 MB passes Nginx: whatever the instance answers, it is the instance that answers.
    const underLimit = await api.request('POST', '/posts', {
      raw: 'x'.repeat(11 * 1024 * 1024),
      token: alice.accessToken,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(underLimit.status).not.toBe(502);
    await eventually('the upload under the limit reached an instance', () =>
      /"POST \/api\/posts HTTP\/1\.1" \d+ .* upstream=127\.0\.0\.1:\d+ /.test(topology.accessLog()),
    );
  });
});
