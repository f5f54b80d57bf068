/**
 * The convergence fuzz: real RxDB clients (the app's own replication code, one worker thread
 * per device) against the real server (separate processes) over HTTP, with seeded operations
 * and injected faults; at the end of each seed every device must hold exactly what a fresh pull
 * of its user returns, and no acknowledged write may be lost (checker.ts).
 *
 * A seed: an owner O with three devices (O1-O3), an editor account E (device E1) and a viewer
 * account V (device V1), 30-60 steps drawn from the seed: local writes on any device (creating,
 * editing, deleting, reordering and restoring trips, stops, checklist items and expenses;
 * viewers try writes too, as a demoted editor's pending offline edits would), sharing through
 * the REST API (invites, removals, role changes), offline spells, dropped live streams, server
 * restarts (and with two instances a SIGKILL), plus scenarios that aim at the hard cases: an
 * editor's offline edits to a trip the owner deletes meanwhile, or while the owner removes or
 * demotes them, and an owner's device creating children offline in a trip another of their
 * devices deleted. Faults in every push (per device, from the seed): answers dropped after the
 * server committed, duplicated requests, replays of earlier bodies; some devices pull in pages
 * of 1-3 documents.
 *
 * Determinism: the step kinds and every random choice come from the seed, and each step draws
 * its own child generator (Rng.fork), so the same seed runs the same kinds of steps in the same
 * order. What a step acts on depends on what the device holds at that moment, which depends on
 * the timing of real replication (HTTP, live streams, retries, restarts); a seed is therefore
 * replayed faithfully in kind but not always in every detail. Ids are the seed's own plus a
 * per-run tag, so two runs of a seed never collide on a shared server.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { isCollectionName, syncedCollections } from '@hamgaja/shared';
import { buildServer } from '../../deploy/topology.mjs';
import { bundleDir, bundleWorker } from './bundle.mjs';
import { readDocuments } from './server-state.mjs';
import { check, docHistory, suspects, type PulledState, type Verdict } from './checker.js';
import { DeviceWorker } from './devices.js';
import {
  invalidWrite,
  planWrite,
  World,
  type DeviceSide,
  type Role,
  type UserKey,
  type WriteKind,
} from './ops.js';
import { Rng } from './prng.js';
import {
  COLLECTIONS,
  NO_FAULTS,
  type Collection,
  type Command,
  type DeviceConfig,
  type DeviceEvent,
  type Doc,
  type PushFaults,
  type PushRecord,
  type Results,
  type View,
} from './protocol.js';
import { startServers, type DatabaseKind, type Servers } from './servers.js';

export type Mix = 'full' | 'no-revocation';

export interface FuzzOptions {
  seeds: readonly number[];
  db: DatabaseKind;
  instances: 1 | 2;
  /** Seeds run side by side, each lane with its own server and device workers. Default 1. */
  lanes?: number;
  /**
   * full: everything. no-revocation: no trip deletions, member removals, demotions or viewer
   * writes (a baseline: what is left must converge even before the fixes of rule 11).
   */
  mix?: Mix;
  /** Steps per seed (default 30-60). */
  steps?: { min: number; max: number };
  /** Progress lines (one per seed). */
  log?: (line: string) => void;
  /** Print the step log of every seed. */
  verbose?: boolean;
}

export interface SeedResult {
  seed: number;
  ok: boolean;
  verdict: Verdict;
  /** A failure of the run itself (a device or the server broke), not of the sync. */
  error?: string;
  /** Devices that did not get in sync after healing. */
  unsettled: string[];
  /** SIGTERM restarts where the server did not exit by itself (it was killed). */
  lingeringShutdowns: number;
  ms: number;
  steps: string[];
}

export interface FuzzSummary {
  results: SeedResult[];
  divergent: number;
  lost: number;
  failed: number;
  line: string;
}

const DEVICES: readonly { name: string; user: UserKey }[] = [
  { name: 'O1', user: 'O' },
  { name: 'O2', user: 'O' },
  { name: 'O3', user: 'O' },
  { name: 'E1', user: 'E' },
  { name: 'V1', user: 'V' },
];

const SETTLE_TIMEOUT_MS = 9_000;
const STEP_SYNC_TIMEOUT_MS = 3_000;
/** After everything reports in sync, live events still in flight land within this. */
const QUIET_MS = 150;
/** A divergence is confirmed this many times (RESYNC, in sync, quiet) before it counts. */
const CONFIRMATIONS = 1;
const MAX_RESTARTS_PER_SEED = 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type StepKind =
  | 'write'
  | 'invite'
  | 'remove'
  | 'role'
  | 'offline'
  | 'dropStreams'
  | 'sync'
  | 'pause'
  | 'restart'
  | 'kill'
  | 'scenario';

type Scenario = 'staleEditDelete' | 'staleEditRemove' | 'staleEditDemote' | 'ownerStaleChild' | 'viewerWrite';

function stepWeights(mix: Mix, instances: number): Record<StepKind, number> {
  return {
    write: 50,
    invite: 6,
    remove: mix === 'full' ? 3 : 0,
    role: 3,
    offline: 7,
    dropStreams: 3,
    sync: 6,
    pause: 4,
    // A restart costs a second or more (the server starts again): about one seed in four has one.
    restart: 0.6,
    kill: instances > 1 ? 0.6 : 0,
    scenario: mix === 'full' ? 8 : 0,
  };
}

const SCENARIOS: Record<Scenario, number> = {
  staleEditDelete: 3,
  staleEditRemove: 2,
  staleEditDemote: 2,
  ownerStaleChild: 2,
  viewerWrite: 1,
};

/** Writes the no-revocation mix leaves out. */
const REVOKING_WRITES: readonly WriteKind[] = ['deleteTrip'];

interface Device extends DeviceSide {
  worker: DeviceWorker;
  offline: boolean;
}

class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

/** One lane: a server (one or two instances) and five device workers, running seeds one after another. */
class Lane {
  workers: DeviceWorker[];

  constructor(
    readonly servers: Servers,
    private readonly workerBundle: string,
  ) {
    this.workers = DEVICES.map(() => new DeviceWorker(workerBundle));
  }

  /** Workers that broke (timed out, crashed) are replaced before the next seed. */
  async renew(): Promise<void> {
    for (let i = 0; i < this.workers.length; i += 1) {
      const worker = this.workers[i]!;
      if (!worker.broken) continue;
      await worker.terminate().catch(() => undefined);
      this.workers[i] = new DeviceWorker(this.workerBundle);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
    await this.servers.stop();
  }
}

interface Account {
  id: string;
  token: string;
}

/** The REST side of the fuzz: sign-up, sharing, fresh pulls (always on a running instance). */
class Api {
  constructor(private readonly servers: Servers) {}

  async request(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    let lastError: unknown;
    for (const instance of this.servers.instances) {
      if (!instance.running) continue;
      try {
        const res = await fetch(`${instance.url}/api${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            'x-hamgaja-schema-version': schemaVersionOf(path),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      } catch (error) {
        lastError = error;
      }
    }
    throw new FuzzFailure(`no server instance answered ${method} ${path}: ${String(lastError)}`);
  }

  async signUp(email: string, name: string): Promise<Account> {
    const res = await this.request('POST', '/auth/signup', undefined, {
      email,
      password: `pw-${randomBytes(8).toString('hex')}`,
      displayName: name,
    });
    if (res.status !== 201)
      throw new FuzzFailure(`sign-up of ${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as { user: { id: string }; accessToken: string };
    return { id: body.user.id, token: body.accessToken };
  }

  /** Everything the user may see now: a pull from an empty checkpoint, paged until an empty page. */
  async freshPull(token: string, pageSize: number): Promise<PulledState> {
    const state = {} as PulledState;
    for (const collection of COLLECTIONS) {
      const docs = new Map<string, Doc>();
      let checkpoint: string | undefined;
      for (let page = 0; ; page += 1) {
        if (page > 10_000) throw new FuzzFailure(`fresh pull of ${collection} does not end`);
        const query = `limit=${pageSize}${checkpoint !== undefined ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`;
        const res = await this.request('GET', `/sync/${collection}/pull?${query}`, token);
        if (res.status !== 200)
          throw new FuzzFailure(
            `fresh pull of ${collection}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
          );
        const body = res.body as { documents: Doc[]; checkpoint: string | null };
        for (const doc of body.documents) docs.set(doc.id, doc);
        if (body.documents.length === 0) break;
        if (body.checkpoint !== null) checkpoint = body.checkpoint;
      }
      state[collection] = docs;
    }
    return state;
  }
}

/** The schema version a request sends: its collection's (`/sync/{collection}/…`), else 0. */
function schemaVersionOf(path: string): string {
  const collection = /^\/sync\/([^/]+)\//.exec(path)?.[1];
  return String(collection && isCollectionName(collection) ? syncedCollections[collection].version : 0);
}

/** Everything one seed needs while it runs. */
class SeedRun {
  readonly rng: Rng;
  readonly log: string[] = [];
  readonly devices: Device[] = [];
  world!: World;
  accounts!: Record<UserKey, Account>;
  private restarts = 0;
  /** Graceful stops that did not end within the stop timeout (a shutdown problem of the server). */
  lingeringShutdowns = 0;
  private readonly api: Api;

  constructor(
    readonly seed: number,
    readonly lane: Lane,
    readonly options: Required<Pick<FuzzOptions, 'mix' | 'instances' | 'steps'>>,
    readonly runTag: string,
  ) {
    this.rng = new Rng(seed);
    this.api = new Api(lane.servers);
  }

  readonly started = Date.now();

  note(line: string): void {
    this.log.push(`${String(this.log.length).padStart(3)} +${Date.now() - this.started}ms ${line}`);
  }

  call<C extends Command>(device: Device, command: C, timeoutMs?: number): Promise<Results[C['type']]> {
    return device.worker.call(command, timeoutMs);
  }

  device(name: string): Device {
    return this.devices.find((d) => d.name === name)!;
  }

  ofUser(user: UserKey): Device[] {
    return this.devices.filter((d) => d.user === user);
  }

  async setup(): Promise<void> {
    const tag = `${this.runTag}-${this.seed}`;
    const [O, E, V] = await Promise.all(
      (['O', 'E', 'V'] as const).map((k) =>
        this.api.signUp(`fuzz-${tag}-${k.toLowerCase()}@example.com`, `Fuzz ${k}`),
      ),
    );
    this.note('signed up');
    this.accounts = { O: O!, E: E!, V: V! };
    this.world = new World(this.seed, this.runTag, { O: O!.id, E: E!.id, V: V!.id });
    const urls = [...this.lane.servers.urls];
    const configs: DeviceConfig[] = DEVICES.map((d, index) => {
      const r = this.rng.fork();
      const tiny = r.chance(0.35);
      const faults: PushFaults = {
        dropAnswer: r.pick([0, 0.1, 0.25])!,
        duplicate: r.pick([0, 0.1, 0.2])!,
        replay: r.pick([0, 0.1, 0.2])!,
      };
      return {
        name: d.name,
        userId: this.accounts[d.user].id,
        accessToken: this.accounts[d.user].token,
        instanceUrls: urls,
        preferred: index % urls.length,
        pullBatchSize: tiny ? r.int(1, 3) : r.pick([20, 1000])!,
        faults,
        seed: r.uint32(),
        dbName: `fuzz${this.runTag}s${this.seed}${d.name.toLowerCase()}`,
      };
    });
    configs.forEach((config, index) => {
      this.devices.push({
        name: config.name,
        user: DEVICES[index]!.user,
        worker: this.lane.workers[index]!,
        offline: false,
        removed: [],
      });
      const f = config.faults;
      this.note(
        `${config.name} pull ${config.pullBatchSize}/page, faults drop ${f.dropAnswer} dup ${f.duplicate} replay ${f.replay}, instance #${config.preferred + 1}`,
      );
    });
    await Promise.all(this.devices.map((d, i) => this.call(d, { type: 'open', config: configs[i]! })));
    this.note('devices open');
  }

  // ---- steps ---------------------------------------------------------------------------

  async view(device: Device): Promise<View> {
    return this.call(device, { type: 'view' });
  }

  async write(device: Device, only?: string, kind?: WriteKind, rng = this.rng.fork()): Promise<boolean> {
    const view = await this.view(device);
    let planned = planWrite(rng, this.world, device, view, only, kind);
    // A device with nothing to act on adds something instead (a random step keeps its kind).
    if (!planned && kind === undefined)
      planned = planWrite(rng, this.world, device, view, only, 'createChild');
    if (!planned && kind === undefined && device.user === 'O')
      planned = planWrite(rng, this.world, device, view, only, 'createTrip');
    if (planned && this.options.mix !== 'full' && REVOKING_WRITES.includes(planned.kind)) planned = undefined;
    if (!planned) {
      this.note(`${device.name} ${kind ?? 'write'}: nothing to act on`);
      return false;
    }
    for (const w of planned.writes) {
      const problem = invalidWrite(w, view);
      if (problem)
        throw new FuzzFailure(`fuzz bug: ${device.name} would write an invalid document: ${problem}`);
    }
    const outcomes: string[] = [];
    for (const w of planned.writes) outcomes.push(await this.call(device, { type: 'write', write: w }));
    const target = planned.writes.map(
      (w) => `${w.collection}/${w.kind === 'insert' ? String(w.doc.id) : w.id}`,
    );
    this.note(
      `${device.name}${device.offline ? ' (offline)' : ''} ${planned.kind} ${target.join(' ')} -> ${outcomes.join(',')}`,
    );
    if (planned.createdTrip)
      this.world.trips.set(planned.createdTrip, {
        id: planned.createdTrip,
        deleted: false,
        roles: {},
        ever: new Set([this.world.userIds.O]),
      });
    if (planned.deletedTrip && device.user === 'O' && outcomes[0] === 'applied') {
      const trip = this.world.trips.get(planned.deletedTrip);
      if (trip) trip.deleted = true;
    }
    if (planned.removed && outcomes[0] === 'applied') device.removed.push(planned.removed);
    return outcomes.includes('applied');
  }

  async setOffline(device: Device, offline: boolean): Promise<void> {
    if (device.offline === offline) return;
    device.offline = offline;
    await this.call(device, { type: 'offline', offline });
    if (!offline) await this.call(device, { type: 'reSync' });
    this.note(`${device.name} ${offline ? 'goes offline' : 'back online'}`);
  }

  async sync(device: Device): Promise<boolean> {
    if (device.offline) return false;
    const ok = await this.call(device, { type: 'sync', timeoutMs: STEP_SYNC_TIMEOUT_MS });
    this.note(`${device.name} sync ${ok ? 'done' : 'timed out'}`);
    return ok;
  }

  /** An owner device that is online (one is brought back online if none is). */
  async onlineOwnerDevice(rng: Rng, except?: Device): Promise<Device> {
    const candidates = this.ofUser('O').filter((d) => d !== except);
    const online = candidates.filter((d) => !d.offline);
    const device = rng.pick(online) ?? rng.pick(candidates)!;
    await this.setOffline(device, false);
    return device;
  }

  /** Shares a trip with E or V through an invite; resolves with the role the server gave, if any. */
  async invite(who: 'E' | 'V', tripId: string, role: Role): Promise<Role | undefined> {
    let created = await this.api.request('POST', `/trips/${tripId}/invites`, this.accounts.O.token, { role });
    if (created.status === 404) {
      // The trip may not have reached the server yet: let the owner's online devices push.
      await Promise.all(this.ofUser('O').map((d) => this.sync(d)));
      created = await this.api.request('POST', `/trips/${tripId}/invites`, this.accounts.O.token, { role });
    }
    if (created.status !== 201) {
      this.note(`invite ${who} to ${tripId} as ${role}: HTTP ${created.status}`);
      return undefined;
    }
    const code = (created.body as { code: string }).code;
    const accepted = await this.api.request('POST', `/invites/${code}/accept`, this.accounts[who].token);
    if (accepted.status !== 200) {
      this.note(`${who} accepts invite to ${tripId}: HTTP ${accepted.status}`);
      return undefined;
    }
    const given = (accepted.body as { role: string }).role as Role;
    const trip = this.world.trips.get(tripId);
    if (trip) {
      trip.roles[who] = given;
      trip.ever.add(this.world.userIds[who]);
    }
    this.note(`${who} joins ${tripId} as ${given} (invited as ${role})`);
    return given;
  }

  async removeMember(who: 'E' | 'V', tripId: string): Promise<void> {
    const res = await this.api.request(
      'DELETE',
      `/trips/${tripId}/members/${this.world.userIds[who]}`,
      this.accounts.O.token,
    );
    const trip = this.world.trips.get(tripId);
    if (trip && (res.status === 204 || res.status === 404)) delete trip.roles[who];
    this.note(`O removes ${who} from ${tripId}: HTTP ${res.status}`);
  }

  async changeRole(who: 'E' | 'V', tripId: string, role: Role): Promise<void> {
    const res = await this.api.request(
      'PATCH',
      `/trips/${tripId}/members/${this.world.userIds[who]}`,
      this.accounts.O.token,
      {
        role,
      },
    );
    const trip = this.world.trips.get(tripId);
    if (trip && res.status === 200) trip.roles[who] = role;
    this.note(`O makes ${who} ${role} on ${tripId}: HTTP ${res.status}`);
  }

  /** A live trip shared with `who` in `role` whose documents `who`'s device holds; shared now if needed. */
  async sharedTrip(rng: Rng, who: 'E' | 'V', role: Role): Promise<string | undefined> {
    const device = this.ofUser(who)[0]!;
    let tripId = rng.pick(this.world.sharedWith(who, role))?.id;
    if (!tripId) {
      tripId = rng.pick(this.world.liveTrips())?.id;
      if (!tripId) {
        const owner = await this.onlineOwnerDevice(rng);
        if (!(await this.write(owner, undefined, 'createTrip', rng))) return undefined;
        tripId = [...this.world.trips.keys()].at(-1)!;
      }
      if ((await this.invite(who, tripId, role)) !== role) {
        if (this.world.trips.get(tripId)?.roles[who] === undefined) return undefined;
        await this.changeRole(who, tripId, role);
      }
    }
    await this.setOffline(device, false);
    await this.sync(device);
    return tripId;
  }

  /**
   * The hard cases of rule 11: a device's offline edits to a trip that meanwhile was deleted,
   * or that its user lost (removed) or may no longer write (demoted), pushed when it returns.
   */
  async scenario(rng: Rng): Promise<void> {
    const kind = rng.weighted(SCENARIOS);
    this.note(`scenario ${kind}`);
    if (kind === 'viewerWrite') {
      const tripId = await this.sharedTrip(rng, 'V', 'viewer');
      const viewer = this.device('V1');
      if (!tripId) return;
      if (rng.chance(0.5)) await this.setOffline(viewer, true);
      await this.write(viewer, tripId, undefined, rng);
      if (rng.chance(0.5)) await this.setOffline(viewer, false);
      return;
    }
    if (kind === 'ownerStaleChild') {
      // One of the owner's devices adds to a trip offline while another deletes the trip.
      const stale = rng.pick(this.ofUser('O'))!;
      const tripId = rng.pick((await this.view(stale)).trips)?.id;
      if (!tripId) return;
      await this.setOffline(stale, true);
      for (let i = rng.int(1, 2); i > 0; i -= 1)
        await this.write(stale, tripId, rng.pick(['createChild', 'editChild', 'editTrip'] as const), rng);
      const deleter = await this.onlineOwnerDevice(rng, stale);
      await this.sync(deleter);
      await this.write(deleter, tripId, 'deleteTrip', rng);
      await this.sync(deleter);
      await this.setOffline(stale, false);
      return;
    }
    const tripId = await this.sharedTrip(rng, 'E', 'editor');
    if (!tripId) return;
    const editor = this.device('E1');
    await this.setOffline(editor, true);
    for (let i = rng.int(1, 3); i > 0; i -= 1)
      await this.write(
        editor,
        tripId,
        rng.pick(['editTrip', 'createChild', 'editChild', 'deleteChild', 'reorder'] as const),
        rng,
      );
    if (kind === 'staleEditDelete') {
      const owner = await this.onlineOwnerDevice(rng);
      await this.sync(owner);
      await this.write(owner, tripId, 'deleteTrip', rng);
      await this.sync(owner);
    } else if (kind === 'staleEditRemove') {
      await this.removeMember('E', tripId);
    } else {
      await this.changeRole('E', tripId, 'viewer');
    }
    if (rng.chance(0.3)) await sleep(rng.int(10, 80));
    await this.setOffline(editor, false);
  }

  async step(kind: StepKind, rng: Rng): Promise<void> {
    switch (kind) {
      case 'write': {
        // Viewers' devices write rarely: the app would not offer it (stale state would).
        const device = rng.pick(this.devices.filter((d) => d.user !== 'V' || this.options.mix === 'full'))!;
        if (device.user === 'V' && rng.chance(0.7)) return this.step('pause', rng);
        await this.write(device, undefined, undefined, rng);
        return;
      }
      case 'invite': {
        const who = rng.pick(['E', 'V'] as const)!;
        const trip = rng.pick(this.world.liveTrips());
        if (!trip) return this.step('write', rng);
        // Without revocations nobody writes where they may not: E joins as an editor only.
        const editor = who === 'E' ? this.options.mix !== 'full' || rng.chance(0.8) : rng.chance(0.3);
        await this.invite(who, trip.id, editor ? 'editor' : 'viewer');
        return;
      }
      case 'remove': {
        const who = rng.pick(['E', 'V'] as const)!;
        const trip = rng.pick(this.world.sharedWith(who));
        if (trip) await this.removeMember(who, trip.id);
        return;
      }
      case 'role': {
        const who = rng.pick(['E', 'V'] as const)!;
        const trip = rng.pick(this.world.sharedWith(who));
        if (!trip) return;
        const role: Role = trip.roles[who] === 'editor' ? 'viewer' : 'editor';
        if (role === 'viewer' && this.options.mix !== 'full') return;
        await this.changeRole(who, trip.id, role);
        return;
      }
      case 'offline': {
        const device = rng.pick(this.devices)!;
        await this.setOffline(device, !device.offline);
        return;
      }
      case 'dropStreams': {
        const device = rng.pick(this.devices)!;
        await this.call(device, { type: 'dropStreams' });
        this.note(`${device.name} live streams cut`);
        return;
      }
      case 'sync': {
        await this.sync(rng.pick(this.devices)!);
        return;
      }
      case 'pause': {
        await sleep(rng.int(10, 60));
        return;
      }
      case 'restart': {
        if (this.restarts >= MAX_RESTARTS_PER_SEED) return;
        this.restarts += 1;
        const index = rng.int(0, this.lane.servers.instances.length - 1);
        this.note(`server #${index + 1} restarts (SIGTERM)`);
        const { stoppedMs, killed, startedMs } = await this.lane.servers.restart(index);
        this.note(
          `server #${index + 1} ${killed ? `did not exit within ${stoppedMs} ms of SIGTERM: killed` : `exited in ${stoppedMs} ms`}, ready again in ${startedMs} ms`,
        );
        if (killed) this.lingeringShutdowns += 1;
        return;
      }
      case 'kill': {
        if (this.restarts >= MAX_RESTARTS_PER_SEED) return;
        this.restarts += 1;
        const index = rng.int(0, this.lane.servers.instances.length - 1);
        this.note(`server #${index + 1} SIGKILL, restarted`);
        await this.lane.servers.kill(index);
        await sleep(rng.int(20, 200));
        await this.lane.servers.restart(index);
        return;
      }
      case 'scenario':
        await this.scenario(rng);
        return;
    }
  }

  // ---- the end of a seed ---------------------------------------------------------------

  /** Heals every fault and waits until every device is in sync and nothing moves. */
  async settle(): Promise<string[]> {
    await this.lane.servers.ensureRunning();
    for (const device of this.devices) {
      await this.call(device, { type: 'setFaults', faults: NO_FAULTS });
      await this.setOffline(device, false);
    }
    // Everything that was pending goes out and comes in; then, after a quiet moment, once more
    // (quickly, unless something still moves): a device not in sync by then never will be.
    await Promise.all(this.devices.map((d) => this.call(d, { type: 'sync', timeoutMs: SETTLE_TIMEOUT_MS })));
    await sleep(QUIET_MS);
    const results = await Promise.all(
      this.devices.map((d) => this.call(d, { type: 'sync', timeoutMs: SETTLE_TIMEOUT_MS / 3 })),
    );
    await sleep(QUIET_MS);
    return this.devices.filter((_, i) => !results[i]).map((d) => d.name);
  }

  /** Push records and device events of the last verdict (for the histories of failing documents). */
  private pushes: PushRecord[] = [];
  private events: DeviceEvent[] = [];

  /** The history of every document a failure line names. */
  histories(verdict: Verdict): string[] {
    const lines: string[] = [];
    for (const key of suspects([...verdict.lost, ...verdict.divergent, ...verdict.invariants]).slice(0, 6)) {
      lines.push(
        `history of ${key}:`,
        ...docHistory(this.pushes, this.events, key, this.started).map((l) => `  ${l}`),
      );
    }
    return lines;
  }

  async verdict(): Promise<Verdict> {
    const pageSize = this.rng.pick([5, 100])!;
    const [views, reports, O, E, V] = await Promise.all([
      Promise.all(this.devices.map((d) => this.view(d))),
      Promise.all(this.devices.map((d) => this.call(d, { type: 'report' }))),
      this.api.freshPull(this.accounts.O.token, pageSize),
      this.api.freshPull(this.accounts.E.token, pageSize),
      this.api.freshPull(this.accounts.V.token, pageSize),
    ]);
    const pushes: PushRecord[] = reports.flatMap((r) => r.pushes);
    this.pushes = pushes;
    this.events = reports.flatMap((r) => r.events);
    const stored = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map<string, Doc>()])) as PulledState;
    for (const row of await readDocuments(this.lane.servers.databaseUrl, this.world.idTag)) {
      if (COLLECTIONS.includes(row.collection as Collection))
        stored[row.collection as Collection].set(row.id, JSON.parse(row.data) as Doc);
    }
    return check({
      world: this.world,
      devices: this.devices.map((d, i) => ({ name: d.name, user: d.user, view: views[i]! })),
      pulls: { O, E, V },
      stored,
      pushes,
    });
  }

  async run(): Promise<Omit<SeedResult, 'ms'>> {
    await this.setup();
    const weights = stepWeights(this.options.mix, this.options.instances);
    const { min, max } = this.options.steps;
    const count = this.rng.int(min, max);
    for (let i = 0; i < count; i += 1) {
      const kind = this.rng.weighted(weights);
      const rng = this.rng.fork();
      await this.step(kind, rng);
      await sleep(rng.int(0, 12));
    }
    this.note('heal every fault, settle');
    let unsettled = await this.settle();
    this.note('settled');
    let verdict = await this.verdict();
    this.note('checked');
    // A difference must survive a RESYNC of every device and a new settle to count.
    for (let i = 0; i < CONFIRMATIONS && failed(verdict, unsettled); i += 1) {
      for (const device of this.devices) await this.call(device, { type: 'reSync' });
      unsettled = await this.settle();
      verdict = await this.verdict();
    }
    const ok = !failed(verdict, unsettled);
    return {
      seed: this.seed,
      ok,
      verdict,
      unsettled,
      lingeringShutdowns: this.lingeringShutdowns,
      steps: ok ? this.log : [...this.log, ...this.histories(verdict)],
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.devices.map((d) => this.call(d, { type: 'close' }, 10_000).catch(() => undefined)),
    );
  }
}

const failed = (v: Verdict, unsettled: readonly string[]) =>
  v.divergent.length + v.lost.length + v.invariants.length + unsettled.length > 0;

/** The one-line reason of a failing seed. */
export function reason(result: SeedResult): string {
  if (result.error) return `error: ${result.error.split('\n')[0]}`;
  const { divergent, lost, invariants } = result.verdict;
  const parts: string[] = [];
  const first = (label: string, list: string[]) => {
    if (list.length > 0)
      parts.push(`${label}: ${list[0]}${list.length > 1 ? ` (+${list.length - 1} more)` : ''}`);
  };
  first('lost write', lost);
  first('divergent', divergent);
  first('invariant', invariants);
  if (result.unsettled.length > 0) parts.push(`not in sync after healing: ${result.unsettled.join(', ')}`);
  return parts.join('; ');
}

async function runSeed(
  seed: number,
  lane: Lane,
  options: Required<Pick<FuzzOptions, 'mix' | 'instances' | 'steps'>>,
  runTag: string,
): Promise<SeedResult> {
  const started = Date.now();
  await lane.renew();
  const run = new SeedRun(seed, lane, options, runTag);
  try {
    const result = await run.run();
    return { ...result, ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      seed,
      ok: false,
      verdict: { divergent: [], lost: [], invariants: [] },
      error: message,
      unsettled: [],
      lingeringShutdowns: run.lingeringShutdowns,
      ms: Date.now() - started,
      steps: run.log,
    };
  } finally {
    await run.close();
  }
}

/** Runs the seeds and prints one line per seed; the summary's `line` says it all. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const log = options.log ?? (() => undefined);
  const settings = {
    mix: options.mix ?? 'full',
    instances: options.instances,
    steps: options.steps ?? { min: 30, max: 60 },
  };
  const runTag = randomBytes(3).toString('hex');
  const dir = bundleDir();
  const lanes: Lane[] = [];
  const results: SeedResult[] = [];
  const server = await buildServer();
  try {
    const workerBundle = await bundleWorker(dir);
    const laneCount = Math.max(1, Math.min(options.lanes ?? 1, options.seeds.length));
    for (let i = 0; i < laneCount; i += 1) {
      const servers = await startServers({
        db: options.db,
        instances: options.instances,
        serverMain: server.main,
      });
      lanes.push(new Lane(servers, workerBundle));
    }
    const queue = [...options.seeds];
    await Promise.all(
      lanes.map(async (lane) => {
        for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
          const result = await runSeed(seed, lane, settings, runTag);
          results.push(result);
          const where = `--seed ${seed} --db ${options.db} --instances ${options.instances}${settings.mix !== 'full' ? ` --mix ${settings.mix}` : ''}`;
          log(
            result.ok
              ? `seed ${seed}: ok (${result.steps.length} steps, ${result.ms} ms)`
              : `seed ${seed}: FAIL ${reason(result)}\n  replay: npm run fuzz -- ${where}`,
          );
          if (options.verbose) {
            log(`  step log of seed ${seed}:\n${result.steps.map((s) => `    ${s}`).join('\n')}`);
            const v = result.verdict;
            for (const line of [...v.lost, ...v.divergent, ...v.invariants]) log(`    ! ${line}`);
            if (result.error) log(result.error);
          }
        }
      }),
    );
  } finally {
    await Promise.all(lanes.map((lane) => lane.stop()));
    server.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  results.sort((a, b) => a.seed - b.seed);
  const divergent = results.filter((r) => r.verdict.divergent.length > 0 || r.unsettled.length > 0).length;
  const lost = results.filter((r) => r.verdict.lost.length > 0).length;
  const failedCount = results.filter((r) => !r.ok).length;
  const broken = results.filter((r) => r.error).length;
  const invariants = results.filter((r) => r.verdict.invariants.length > 0).length;
  const lingering = results.reduce((sum, r) => sum + r.lingeringShutdowns, 0);
  const extra = [
    invariants > 0 ? `${invariants} breaking rule 11/12 invariants` : '',
    broken > 0 ? `${broken} errored` : '',
    lingering > 0 ? `${lingering} SIGTERM restarts needed SIGKILL` : '',
  ].filter(Boolean);
  const line = `fuzz: ${results.length} seeds, ${divergent} divergent, ${lost} lost writes${extra.length > 0 ? `, ${extra.join(', ')}` : ''} (${options.db}, ${options.instances} instance${options.instances > 1 ? 's' : ''})`;
  return { results, divergent, lost, failed: failedCount, line };
}
