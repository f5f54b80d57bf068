import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  signUp,
  startTestServer,
  type ApiResponse,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import {
  collectionNames,
  docFor,
  edited,
  latest,
  openStream,
  syncClient,
  syncState,
  tripDoc,
  type CollectionName,
  type Doc,
  type OpenStream,
  type SyncClient,
} from './testing.js';

type Role = 'owner' | 'editor' | 'viewer' | 'stranger';
const roles: Role[] = ['owner', 'editor', 'viewer', 'stranger'];
type Expect = Record<Role, number>;
/** Only the owner may; other members are refused; strangers don't learn the trip exists. */
const OWNER_ONLY: Expect = { owner: 200, editor: 403, viewer: 403, stranger: 404 };
/** Nobody may. */
const NOBODY: Expect = { owner: 403, editor: 403, viewer: 403, stranger: 403 };
/** Any member may; strangers don't even learn the trip exists. */
const MEMBERS: Expect = { owner: 200, editor: 200, viewer: 200, stranger: 404 };

/**
 * What a push does (rules 5 and 11): `write` is accepted (answer []); `master` and `tombstone`
 * are refusals that converge (200, nothing written, the answer carries the target's master state
 * or a tombstone of the row's own document); `conflict` is an ordinary conflict answer (the
 * master); 403 is refused outright (a row that could never have been allowed).
 */
type Outcome = 'write' | 'master' | 'tombstone' | 'conflict' | 403;
type Outcomes = Record<Role, Outcome>;
/** Owner and editors may; viewers get the master back; strangers are refused. */
const WRITERS: Outcomes = { owner: 'write', editor: 'write', viewer: 'master', stranger: 403 };
/** Only the owner may; other members get the master back. */
const OWNER: Outcomes = { owner: 'write', editor: 'master', viewer: 'master', stranger: 403 };
/** No member may; each gets the master back. */
const NO_MEMBER: Outcomes = { owner: 'master', editor: 'master', viewer: 'master', stranger: 403 };

type Ctx = {
  role: Role;
  me: SyncClient;
  myId: string;
  /** A trip the caller may write whatever their role on the target trip. */
  ownTripId: string;
  /** A fresh document of the collection in the target trip (or the target trip itself), written by the owner. */
  target: Doc;
  marker: string;
};
type PushCase = {
  name: string;
  expect: { trips: Outcomes; children: Outcomes };
  /** The rows the caller pushes. */
  rows(c: CollectionName, x: Ctx): { newDocumentState: Doc; assumedMasterState?: Doc }[];
};

/** Every way a push can try to reach a document, with who may do it (rules 5 and 11). */
const pushCases: PushCase[] = [
  {
    name: 'create a document in the trip',
    // For trips: a new trip naming the trip's owner as its owner (a forged owner for anyone else).
    expect: {
      trips: { owner: 'write', editor: 403, viewer: 403, stranger: 403 },
      children: { ...WRITERS, viewer: 'tombstone' },
    },
    rows: (c, x) => [
      {
        newDocumentState:
          c === 'trips' ? tripDoc(String(x.target.ownerId)) : docFor(c, String(x.target.tripId), x.myId),
      },
    ],
  },
  {
    name: 'update a document',
    expect: { trips: WRITERS, children: WRITERS },
    rows: (c, x) => [{ newDocumentState: edited(c, x.target, x.role), assumedMasterState: x.target }],
  },
  {
    name: 'delete a document',
    expect: { trips: OWNER, children: WRITERS },
    rows: (_c, x) => [{ newDocumentState: { ...x.target, _deleted: true }, assumedMasterState: x.target }],
  },
  {
    name: 'push a stale update (conflict answer)',
    expect: {
      trips: { owner: 'conflict', editor: 'conflict', viewer: 'master', stranger: 403 },
      children: { owner: 'conflict', editor: 'conflict', viewer: 'master', stranger: 403 },
    },
    rows: (c, x) => [
      { newDocumentState: edited(c, x.target, 'stale'), assumedMasterState: edited(c, x.target, 'older') },
    ],
  },
  {
    name: 'forge an assumedMasterState from the trip while writing elsewhere',
    // Trips: the trip's own id with the caller as owner, a take-over attempt (the owner just edits).
    // Children: a new document in the caller's own trip: the forged claim reaches nothing.
    expect: {
      trips: OWNER,
      children: { owner: 'write', editor: 'write', viewer: 'write', stranger: 403 },
    },
    rows: (c, x) => {
      if (c === 'trips') {
        return [
          {
            newDocumentState: { ...x.target, ownerId: x.myId, title: 'mine now' },
            assumedMasterState: x.target,
          },
        ];
      }
      const mine = docFor(c, x.ownTripId, x.myId);
      return [{ newDocumentState: mine, assumedMasterState: { ...x.target, id: mine.id } }];
    },
  },
  {
    name: "take a document's id into another trip",
    // For the owner of a trip this is a blind write to it: a conflict, answered with the master.
    expect: { trips: { ...NO_MEMBER, owner: 'conflict' }, children: NO_MEMBER },
    rows: (c, x) =>
      c === 'trips'
        ? [{ newDocumentState: { ...x.target, ownerId: x.myId, title: 'taken' } }]
        : [{ newDocumentState: { ...x.target, tripId: x.ownTripId } }],
  },
];

describe('authorization matrix: owner, editor, viewer, stranger × every collection × every operation', () => {
  let server: TestServer;
  let api: Client;
  const users = {} as Record<Role, { id: string; sync: SyncClient; ownTripId: string }>;
  let sharedTrip: Doc;
  const fixtures = {} as Record<CollectionName, Doc>;
  const marker = `SECRET${randomBytes(4).toString('hex')}`;
  const streams = {} as Record<Role, Record<CollectionName, OpenStream>>;

  /** A trip of the owner on which editor and viewer have their roles. */
  async function sharedTripWith(extra: Partial<Doc> = {}) {
    const trip = tripDoc(users.owner.id, { title: `Trip ${marker}`, ...extra });
    await users.owner.sync.create('trips', [trip]);
    for (const role of ['editor', 'viewer'] as const) {
      const inv = await api.post(`/trips/${trip.id}/invites`, { role }, { token: users.owner.sync.token });
      expect(
        (await api.post(`/invites/${inv.body.code}/accept`, undefined, { token: users[role].sync.token }))
          .status,
      ).toBe(200);
    }
    return trip;
  }

  async function freshTarget(c: CollectionName): Promise<Doc> {
    if (c === 'trips') return sharedTripWith();
    return (
      await users.owner.sync.create(c, [
        docFor(
          c,
          sharedTrip.id,
          users.owner.id,
          c === 'checklistItems'
            ? { text: marker }
            : c === 'documents'
              ? { name: `${marker}.pdf` }
              : { note: marker },
        ),
      ])
    )[0]!;
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
    for (const role of roles) {
      const s = await signUp(api, role);
      const sync = syncClient(api, s.accessToken);
      const own = tripDoc(s.user.id, { title: `${role}'s own trip` });
      await sync.create('trips', [own]);
      users[role] = { id: s.user.id, sync, ownTripId: own.id };
    }
    sharedTrip = await sharedTripWith();
    for (const c of collectionNames) fixtures[c] = c === 'trips' ? sharedTrip : await freshTarget(c);
    for (const role of roles) {
      streams[role] = {} as Record<CollectionName, OpenStream>;
      for (const c of collectionNames)
        streams[role][c] = await openStream(server.url, c, users[role].sync.token);
    }
  });
  afterAll(async () => {
    for (const role of roles) for (const c of collectionNames) streams[role]?.[c]?.close();
    await server.stop();
  });

  describe.each(collectionNames)('%s', (c) => {
    it.each(roles)('pull as %s: members get the document, strangers nothing', async (role) => {
      const { documents } = await users[role].sync.pullAll(c);
      if (role === 'stranger') {
        expect(JSON.stringify(documents)).not.toContain(marker);
        expect(documents.every((d) => d.id !== fixtures[c].id)).toBe(true);
      } else {
        expect(latest(documents).get(fixtures[c].id)).toMatchObject({ id: fixtures[c].id, _deleted: false });
      }
    });

    const table = pushCases.flatMap((pc) =>
      roles.map((role) => ({ pc, role, outcome: pc.expect[c === 'trips' ? 'trips' : 'children'][role] })),
    );
    it.each(table)('push as $role: $pc.name → $outcome', async ({ pc, role, outcome }) => {
      const me = users[role];
      const target = await freshTarget(c);
      const x: Ctx = { role, me: me.sync, myId: me.id, ownTripId: me.ownTripId, target, marker };
      const rows = pc.rows(c, x);
      const before = await syncState(server);
      const res: ApiResponse = await me.sync.push(c, rows);
      expect(res.status, res.text).toBe(outcome === 403 ? 403 : 200);
      if (outcome === 'write') {
        expect(res.body).toEqual([]);
        return;
      }
      // Everything else writes nothing.
      expect(await syncState(server)).toEqual(before);
      if (outcome === 'master' || outcome === 'conflict') expect(res.body).toEqual([target]);
      else if (outcome === 'tombstone')
        expect(res.body).toEqual([{ ...rows[0]!.newDocumentState, _deleted: true }]);
      else {
        // Refused: the whole batch, nothing of the trip in the answer.
        expect(res.body.code).toBe('forbidden');
        expect(res.text).not.toContain(marker);
        expect(res.text).not.toContain(target.id);
      }
    });

    it("a row refused outright refuses the rows around it, even the caller's own", async () => {
      const stranger = users.stranger;
      const own = docFor(c, stranger.ownTripId, stranger.id);
      const target = await freshTarget(c);
      const before = await syncState(server);
      const res = await stranger.sync.push(c, [
        { newDocumentState: own },
        { newDocumentState: edited(c, target, 'stranger'), assumedMasterState: target },
      ]);
      expect(res.status).toBe(403);
      expect(await syncState(server)).toEqual(before);
    });

    it("a viewer's refused row is answered with the master, and the rows around it are written", async () => {
      const viewer = users.viewer;
      // A new trip of the viewer's, or a new document in their own trip.
      const own = c === 'trips' ? tripDoc(viewer.id) : docFor(c, viewer.ownTripId, viewer.id);
      const target = await freshTarget(c);
      const res = await viewer.sync.push(c, [
        { newDocumentState: own },
        { newDocumentState: edited(c, target, 'viewer'), assumedMasterState: target },
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([target]);
      expect(latest((await viewer.sync.pullAll(c)).documents).get(own.id)).toEqual(own);
    });

    it.each(roles)("stream as %s: members see the trip's changes live, strangers never", async (role) => {
      const stream = streams[role][c];
      expect(stream.status).toBe(200);
      const target = await freshTarget(c);
      const changed = await users.owner.sync.update(c, target, edited(c, target, `live ${role}`));
      if (role === 'stranger') {
        await new Promise((r) => setTimeout(r, 300));
        expect(JSON.stringify(stream.events)).not.toContain(marker);
        expect(JSON.stringify(stream.events)).not.toContain(target.id);
      } else {
        await stream.waitFor((e) => e !== 'RESYNC' && e.documents.some((d) => isDeepStrictEqual(d, changed)));
      }
    });
  });

  describe('sharing endpoints', () => {
    type SharingCase = { name: string; expect: Expect; run(role: Role, trip: Doc): Promise<ApiResponse> };
    const token = (role: Role) => users[role].sync.token;
    const inviteOf = async (trip: Doc) =>
      (await api.post(`/trips/${trip.id}/invites`, { role: 'viewer' }, { token: token('owner') })).body
        .code as string;
    const memberOf = async (trip: Doc) => {
      const extra = await signUp(api, 'Extra');
      const code = await inviteOf(trip);
      await api.post(`/invites/${code}/accept`, undefined, { token: extra.accessToken });
      return extra.user.id;
    };
    /** Uploads a small PDF (its text varies with `text`) to the trip's files as `role`. */
    const putDocumentFile = (trip: Doc, role: Role, text: string) => {
      const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      return api.request('PUT', `/trips/${trip.id}/files/${sha256}`, {
        raw: pdf,
        token: token(role),
        headers: { 'content-type': 'application/pdf' },
      });
    };
    const sharingCases: SharingCase[] = [
      {
        name: 'create an invite',
        expect: { ...OWNER_ONLY, owner: 201 },
        run: (r, t) => api.post(`/trips/${t.id}/invites`, { role: 'editor' }, { token: token(r) }),
      },
      {
        name: 'list invites',
        expect: OWNER_ONLY,
        run: (r, t) => api.get(`/trips/${t.id}/invites`, { token: token(r) }),
      },
      {
        name: 'revoke an invite',
        expect: { ...OWNER_ONLY, owner: 204 },
        run: async (r, t) =>
          api.delete(`/trips/${t.id}/invites/${await inviteOf(t)}`, undefined, { token: token(r) }),
      },
      // An invite code is the key: anyone holding one may look at it and join (a higher role is kept).
      {
        name: 'preview an invite',
        expect: { owner: 200, editor: 200, viewer: 200, stranger: 200 },
        run: async (r, t) => api.get(`/invites/${await inviteOf(t)}`, { token: token(r) }),
      },
      {
        name: 'accept an invite',
        expect: { owner: 200, editor: 200, viewer: 200, stranger: 200 },
        run: async (r, t) => api.post(`/invites/${await inviteOf(t)}/accept`, undefined, { token: token(r) }),
      },
      {
        name: 'list members',
        expect: MEMBERS,
        run: (r, t) => api.get(`/trips/${t.id}/members`, { token: token(r) }),
      },
      {
        name: "change someone's role",
        expect: OWNER_ONLY,
        run: async (r, t) =>
          api.patch(`/trips/${t.id}/members/${await memberOf(t)}`, { role: 'editor' }, { token: token(r) }),
      },
      {
        name: 'remove someone',
        expect: { ...OWNER_ONLY, owner: 204 },
        run: async (r, t) =>
          api.delete(`/trips/${t.id}/members/${await memberOf(t)}`, undefined, { token: token(r) }),
      },
      {
        name: "change the owner's role",
        expect: { ...NOBODY, stranger: 404 },
        run: (r, t) =>
          api.patch(`/trips/${t.id}/members/${users.owner.id}`, { role: 'viewer' }, { token: token(r) }),
      },
      {
        name: 'remove the owner',
        expect: { ...NOBODY, stranger: 404 },
        run: (r, t) => api.delete(`/trips/${t.id}/members/${users.owner.id}`, undefined, { token: token(r) }),
      },
      {
        name: 'see the calendar feed',
        expect: OWNER_ONLY,
        run: (r, t) => api.get(`/trips/${t.id}/calendar-feed`, { token: token(r) }),
      },
      {
        name: 'create or rotate the calendar feed',
        expect: { ...OWNER_ONLY, owner: 201 },
        run: (r, t) => api.post(`/trips/${t.id}/calendar-feed`, undefined, { token: token(r) }),
      },
      {
        name: 'revoke the calendar feed',
        expect: { ...OWNER_ONLY, owner: 204 },
        run: async (r, t) => {
          await api.post(`/trips/${t.id}/calendar-feed`, undefined, { token: token('owner') });
          return api.delete(`/trips/${t.id}/calendar-feed`, undefined, { token: token(r) });
        },
      },
      {
        name: 'upload a document file',
        expect: { owner: 201, editor: 201, viewer: 403, stranger: 404 },
        run: (r, t) => putDocumentFile(t, r, `${r} ${t.id}`),
      },
      {
        name: 'download a document file',
        expect: MEMBERS,
        run: async (r, t) => {
          const sha256 = await putDocumentFile(t, 'owner', `download ${t.id}`).then((res) => res.body.sha256);
          return api.get(`/trips/${t.id}/files/${sha256}`, { token: token(r) });
        },
      },
      {
        name: 'leave',
        expect: { owner: 403, editor: 204, viewer: 204, stranger: 404 },
        run: (r, t) => api.delete(`/trips/${t.id}/members/${users[r].id}`, undefined, { token: token(r) }),
      },
    ];
    const table = sharingCases.flatMap((sc) => roles.map((role) => ({ sc, role, status: sc.expect[role] })));

    it.each(table)('$sc.name as $role → $status', async ({ sc, role, status }) => {
      const trip = await sharedTripWith();
      const res = await sc.run(role, trip);
      expect(res.status, res.text).toBe(status);
      if (sc.name === 'accept an invite') {
        // A viewer invite never lowers a role; the stranger joins as a viewer.
        expect(res.body).toEqual({ tripId: trip.id, role: role === 'stranger' ? 'viewer' : role });
      }
      if (status >= 400) {
        expect(res.text).not.toContain(marker);
        expect(res.body.code).toBe(status === 404 ? 'not_found' : 'forbidden');
      }
    });

    it('refused sharing requests write nothing', async () => {
      const trip = await sharedTripWith();
      const extra = await memberOf(trip);
      const before = await syncState(server);
      const allowedToAll = [
        'revoke an invite',
        'revoke the calendar feed',
        "change someone's role",
        'remove someone',
        'preview an invite',
        'accept an invite',
        // Its setup uploads a file as the owner.
        'download a document file',
      ];
      for (const sc of sharingCases.filter((s) => !allowedToAll.includes(s.name))) {
        for (const role of ['viewer', 'stranger'] as const) await sc.run(role, trip);
      }
      await api.patch(`/trips/${trip.id}/members/${extra}`, { role: 'editor' }, { token: token('editor') });
      await api.delete(`/trips/${trip.id}/members/${extra}`, undefined, { token: token('viewer') });
      const after = await syncState(server);
      // Leaving is the one allowed act here: only the viewer's own membership may have gone.
      const viewerRow = (m: unknown) =>
        (m as { user_id: string; trip_id: string }).user_id === users.viewer.id &&
        (m as { trip_id: string }).trip_id === trip.id;
      expect(after.members).toEqual(before.members.filter((m) => !viewerRow(m)));
      expect(after.documents).toEqual(before.documents);
      expect(after.invites).toEqual(before.invites);
      expect(after.calendarFeeds).toEqual(before.calendarFeeds);
    });

    it('members lists carry names and roles, never e-mail addresses', async () => {
      const trip = await sharedTripWith();
      const res = await api.get(`/trips/${trip.id}/members`, { token: token('viewer') });
      expect(res.body.map((m: { role: string }) => m.role)).toEqual(['owner', 'editor', 'viewer']);
      expect(res.text).not.toMatch(/@example\.com/);
      for (const m of res.body)
        expect(Object.keys(m).sort()).toEqual(['displayName', 'joinedAt', 'role', 'userId']);
    });
  });

  describe('account deletion endpoints', () => {
    const deletion = (password: string) => ({ password, board: 'delete' });

    it('unauthenticated or with a bad token: 401 for the preview and the deletion', async () => {
      for (const token of [undefined, 'garbage']) {
        const opts = token ? { token } : {};
        const preview = await api.get('/me/deletion-preview', opts);
        const deleted = await api.delete('/me', deletion('whatever-1'), opts);
        for (const res of [preview, deleted]) {
          expect(res.status).toBe(401);
          expect(res.body.code).toBe(token ? 'invalid_token' : 'unauthenticated');
        }
      }
    });

    it("nobody previews or deletes someone else's account", async () => {
      const victim = await signUp(api, 'Victim');
      const attacker = await signUp(api, 'Attacker');
      const victims = tripDoc(victim.user.id, { title: `Trip ${marker}` });
      await syncClient(api, victim.accessToken).create('trips', [victims]);
      // The preview is always the caller's own: nothing names another account.
      for (const path of ['/me/deletion-preview', `/me/deletion-preview?userId=${victim.user.id}`]) {
        const preview = await api.get(path, { token: attacker.accessToken });
        expect(preview.status).toBe(200);
        expect(preview.text).not.toContain(marker);
        expect(preview.text).not.toContain(victims.id);
      }
      const before = await syncState(server);
      // The password checked is the caller's: the victim's opens nothing.
      const withTheirPassword = await api.delete('/me', deletion(victim.password), {
        token: attacker.accessToken,
      });
      expect(withTheirPassword.status).toBe(403);
      expect(withTheirPassword.body.code).toBe('invalid_credentials');
      const naming = await api.delete(
        '/me',
        { ...deletion(attacker.password), userId: victim.user.id },
        { token: attacker.accessToken },
      );
      expect(naming.status).toBe(400);
      expect(await syncState(server)).toEqual(before);
      for (const s of [victim, attacker])
        expect((await api.get('/me', { token: s.accessToken })).status).toBe(200);
    });

    it.each(['editor', 'viewer', 'stranger'] as const)(
      'a deleted %s account cannot delete or take the trip, whatever it asks',
      async (role) => {
        const trip = await sharedTripWith();
        const leaving = await signUp(api, `Leaving ${role}`);
        if (role !== 'stranger') {
          const inv = await api.post(
            `/trips/${trip.id}/invites`,
            { role },
            { token: users.owner.sync.token },
          );
          await api.post(`/invites/${inv.body.code}/accept`, undefined, { token: leaving.accessToken });
        }
        for (const choice of ['delete', `transfer:${leaving.user.id}`]) {
          const res = await api.delete(
            '/me',
            { ...deletion(leaving.password), trips: { [trip.id]: choice } },
            { token: leaving.accessToken },
          );
          // A choice for a trip that needs none (or that is not theirs) is ignored; the first call deletes the account.
          expect(res.status).toBe(choice === 'delete' ? 204 : 401);
        }
        const members = await api.get(`/trips/${trip.id}/members`, { token: users.owner.sync.token });
        expect(members.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
          [users.owner.id, 'owner'],
          [users.editor.id, 'editor'],
          [users.viewer.id, 'viewer'],
        ]);
        const { documents } = await users.viewer.sync.pullAll('trips');
        expect(latest(documents).get(trip.id)).toEqual(trip);
      },
    );
  });
});
