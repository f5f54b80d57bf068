/**
 * Account deletion through the sync engine (auth/account-deletion.ts): trips deleted or handed
 * over with tombstones and access events every device receives, board content deleted or kept
 * without a name, tokens revoked, and a deletion interrupted anywhere resuming to the same end.
 */
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountDeletionPreviewSchema, type Upload } from '@hamgaja/shared';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { rows } from '../../test/db-state.js';
import { closeAllDevices, openDevice, stopOf, tripOf, uid, waitFor } from '../../test/devices.js';
import {
  V,
  checklistItemDoc,
  expenseDoc,
  openStream,
  stopDoc,
  syncClient,
  syncState,
  tripDoc,
  type SyncClient,
} from '../sync/testing.js';
import { accountDeletionsOf, type DeletionStep } from './account-deletion.js';

type Person = Awaited<ReturnType<typeof signUp>> & { id: string; sync: SyncClient };

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 90, b: 30 } } })
    .png()
    .toBuffer();

async function upload(baseUrl: string, token: string): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${baseUrl}/api/uploads`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Upload;
}

describe('account deletion through the sync engine', () => {
  let server: TestServer;
  let api: Client;

  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url);
  });
  afterEach(async () => {
    accountDeletionsOf(server.ctx).afterStep = undefined;
    await closeAllDevices();
  });
  afterAll(() => server.stop());

  async function person(name: string): Promise<Person> {
    const s = await signUp(api, name);
    return { ...s, id: s.user.id, sync: syncClient(api, s.accessToken) };
  }

  async function join(owner: Person, tripId: string, role: 'editor' | 'viewer', member: Person) {
    const invite = await api.post(`/trips/${tripId}/invites`, { role }, { token: owner.accessToken });
    expect(invite.status).toBe(201);
    const accepted = await api.post(`/invites/${invite.body.code}/accept`, undefined, {
      token: member.accessToken,
    });
    expect(accepted.status).toBe(200);
  }

  /**
   * Una's account: a trip of her own (with a stop, an item and an expense); a shared trip with
   * an editor (Eun) and a viewer (Vin); two shared trips with only viewers (one to hand to Woo,
   * one to delete); Eun's trip she edits; a post with a photo, a comment, an unused upload.
   */
  async function scenario() {
    const [u, e, v, w] = [await person('Una'), await person('Eun'), await person('Vin'), await person('Woo')];
    const alone = tripDoc(u.id, { title: 'Only mine' });
    const withEditor = tripDoc(u.id, { title: 'With an editor' });
    const toWoo = tripDoc(u.id, { title: 'For Woo' });
    const toDelete = tripDoc(u.id, { title: 'Delete it' });
    await u.sync.create('trips', [alone, withEditor, toWoo, toDelete]);
    await u.sync.create('stops', [stopDoc(alone.id), stopDoc(withEditor.id), stopDoc(toDelete.id)]);
    await u.sync.create('checklistItems', [checklistItemDoc(alone.id)]);
    await u.sync.create('expenses', [expenseDoc(alone.id, u.id), expenseDoc(withEditor.id, u.id)]);
    await join(u, withEditor.id, 'editor', e);
    await join(u, withEditor.id, 'viewer', v);
    await join(u, toWoo.id, 'viewer', v);
    await join(u, toWoo.id, 'viewer', w);
    await join(u, toDelete.id, 'viewer', v);
    const eunsTrip = tripDoc(e.id, { title: "Eun's trip" });
    await e.sync.create('trips', [eunsTrip]);
    await join(e, eunsTrip.id, 'editor', u);
    // An invite of Una's that nobody used yet.
    await api.post(`/trips/${withEditor.id}/invites`, { role: 'viewer' }, { token: u.accessToken });

    const photo = await upload(server.url, u.accessToken);
    const unused = await upload(server.url, u.accessToken);
    const post = (
      await api.post(
        '/posts',
        { title: 'Jeju', body: 'Lovely', imageKeys: [photo.key] },
        { token: u.accessToken },
      )
    ).body as { id: string };
    const eunsPost = (await api.post('/posts', { title: 'Busan', body: 'Fish' }, { token: e.accessToken }))
      .body as { id: string };
    await api.post(`/posts/${eunsPost.id}/comments`, { body: 'from Una' }, { token: u.accessToken });
    await api.post(`/posts/${post.id}/comments`, { body: 'from Eun' }, { token: e.accessToken });
    return {
      u,
      e,
      v,
      w,
      trips: { alone, withEditor, toWoo, toDelete, eunsTrip },
      posts: { post: post.id, eunsPost: eunsPost.id },
      images: { photo: photo.key, unused: unused.key },
    };
  }
  type Scenario = Awaited<ReturnType<typeof scenario>>;

  const choicesOf = (s: Scenario) => ({
    password: s.u.password,
    board: 'anonymize',
    trips: { [s.trips.toWoo.id]: `transfer:${s.w.id}`, [s.trips.toDelete.id]: 'delete' },
  });

  /** Everything the deletion touches, with people named by their part (so two scenarios compare). */
  async function endState(s: Scenario) {
    const names = new Map([
      [s.u.id, 'U'],
      [s.e.id, 'E'],
      [s.v.id, 'V'],
      [s.w.id, 'W'],
    ]);
    const who = (id: unknown) => (id === null || id === undefined ? null : (names.get(String(id)) ?? '?'));
    const count = async (sql: string, args: unknown[]) => (await rows(server, sql, args)).length;
    const trips: Record<string, unknown> = {};
    for (const [part, trip] of Object.entries(s.trips)) {
      const docs = await rows(
        server,
        'SELECT collection, deleted, data FROM sync_documents WHERE trip_id = ? ORDER BY collection, id',
        [trip.id],
      );
      const tripRow = docs.find((d) => d.collection === 'trips');
      trips[part] = {
        documents: docs.map((d) => `${String(d.collection)}:${Number(d.deleted) ? 'deleted' : 'live'}`),
        ownerId: who((JSON.parse(String(tripRow?.data)) as { ownerId: string }).ownerId),
        members: (await rows(server, 'SELECT user_id, role FROM trip_members WHERE trip_id = ?', [trip.id]))
          .map((m) => `${who(m.user_id)}:${String(m.role)}`)
          .sort(),
        unasAccess: (
          await rows(
            server,
            'SELECT gained FROM trip_access_log WHERE trip_id = ? AND user_id = ? ORDER BY change_seq',
            [trip.id, s.u.id],
          )
        ).map((r) => (Number(r.gained) ? 'gained' : 'lost')),
        keys: Number(
          (await rows(server, 'SELECT value FROM sync_trip_sequences WHERE trip_id = ?', [trip.id]))[0]
            ?.value,
        ),
        openInvites: await count('SELECT code FROM trip_invites WHERE trip_id = ? AND revoked_at IS NULL', [
          trip.id,
        ]),
      };
    }
    const postIds = [s.posts.post, s.posts.eunsPost];
    return {
      account: {
        users: await count('SELECT id FROM users WHERE id = ?', [s.u.id]),
        pending: await count('SELECT user_id FROM account_deletions WHERE user_id = ?', [s.u.id]),
        refreshTokens: await count('SELECT id FROM refresh_tokens WHERE user_id = ?', [s.u.id]),
      },
      trips,
      posts: (
        await rows(server, 'SELECT id, author_id, comment_count FROM board_posts WHERE id IN (?, ?)', postIds)
      )
        .map(
          (p) =>
            `${p.id === s.posts.post ? 'post' : 'eunsPost'} by ${who(p.author_id)}, ${Number(p.comment_count)} comments`,
        )
        .sort(),
      comments: (
        await rows(server, 'SELECT post_id, author_id FROM board_comments WHERE post_id IN (?, ?)', postIds)
      )
        .map((c) => `on ${c.post_id === s.posts.post ? 'post' : 'eunsPost'} by ${who(c.author_id)}`)
        .sort(),
      images: (
        await rows(
          server,
          'SELECT image_key, owner_id, post_id FROM board_images WHERE image_key IN (?, ?)',
          [s.images.photo, s.images.unused],
        )
      ).map(
        (i) =>
          `${i.image_key === s.images.photo ? 'photo' : 'unused'} of ${who(i.owner_id)} on ${i.post_id ? 'a post' : 'nothing'}`,
      ),
    };
  }

  /** The end state of one deletion that ran without interruption (computed once). */
  let clean: Promise<Awaited<ReturnType<typeof endState>>> | undefined;
  const cleanEndState = () =>
    (clean ??= (async () => {
      const s = await scenario();
      expect((await api.delete('/me', choicesOf(s), { token: s.u.accessToken })).status).toBe(204);
      return endState(s);
    })());

  it('deletes own trips, hands shared ones over, leaves the rest, and keeps posts without a name', async () => {
    const state = await cleanEndState();
    const deleted = (docs: string[]) => docs.every((d) => d.endsWith(':deleted'));
    const live = (docs: string[]) => docs.every((d) => d.endsWith(':live'));
    const trips = state.trips as Record<
      string,
      { documents: string[]; ownerId: string; members: string[]; unasAccess: string[]; openInvites: number }
    >;
    expect(state.account).toEqual({ users: 0, pending: 0, refreshTokens: 0 });
    // Only Una's: the trip and everything in it are tombstones; nobody is left in it.
    expect(trips.alone).toMatchObject({ ownerId: 'U', members: [], unasAccess: ['gained', 'lost'] });
    expect(trips.alone!.documents).toHaveLength(4);
    expect(deleted(trips.alone!.documents)).toBe(true);
    // Shared with an editor: the editor owns it now, the trip document says so, and it stays live.
    expect(trips.withEditor).toMatchObject({
      ownerId: 'E',
      members: ['E:owner', 'V:viewer'],
      openInvites: 0,
    });
    expect(live(trips.withEditor!.documents)).toBe(true);
    // Only viewers: handed to the chosen one, or deleted for everyone as chosen.
    expect(trips.toWoo).toMatchObject({ ownerId: 'W', members: ['V:viewer', 'W:owner'] });
    expect(live(trips.toWoo!.documents)).toBe(true);
    expect(trips.toDelete).toMatchObject({ members: ['V:viewer'], unasAccess: ['gained', 'lost'] });
    expect(deleted(trips.toDelete!.documents)).toBe(true);
    // Someone else's trip: Una just leaves.
    expect(trips.eunsTrip).toMatchObject({
      ownerId: 'E',
      members: ['E:owner'],
      unasAccess: ['gained', 'lost'],
    });
    expect(live(trips.eunsTrip!.documents)).toBe(true);
    // The board keeps Una's post and comment without her name; her unused upload is gone.
    expect(state.posts).toEqual(['eunsPost by E, 1 comments', 'post by null, 1 comments']);
    expect(state.comments).toEqual(['on eunsPost by null', 'on post by E']);
    expect(state.images).toEqual(['photo of null on a post']);
  });

  it('shows the kept post and comment with no author, and their photo', async () => {
    const s = await scenario();
    expect((await api.delete('/me', choicesOf(s), { token: s.u.accessToken })).status).toBe(204);
    const post = await api.get(`/posts/${s.posts.post}`);
    expect(post.body).toMatchObject({ author: null, mine: false, images: [{ key: s.images.photo }] });
    const comments = await api.get(`/posts/${s.posts.eunsPost}/comments`);
    expect(comments.body.items).toMatchObject([{ body: 'from Una', author: null, mine: false }]);
    const list = await api.get(`/posts?q=${encodeURIComponent('Lovely')}`);
    expect(list.body.items.find((p: { id: string }) => p.id === s.posts.post)).toMatchObject({
      author: null,
    });
    expect((await fetch(`${server.url}/api/images/${s.images.photo}`)).status).toBe(200);
    expectProblem(await api.get(`/images/${s.images.unused}`), 404, 'not_found');
    // Nobody can change what is left behind.
    expectProblem(
      await api.patch(`/posts/${s.posts.post}`, { title: 'mine now' }, { token: s.e.accessToken }),
      403,
      'forbidden',
    );
  });

  it('previews what will happen, and refuses (writing nothing) until every trip without an editor has a choice', async () => {
    const s = await scenario();
    const preview = await api.get('/me/deletion-preview', { token: s.u.accessToken });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    const body = accountDeletionPreviewSchema.strict().parse(preview.body);
    const byTitle = <T extends { title: string }>(list: T[]) =>
      [...list].sort((a, b) => a.title.localeCompare(b.title));
    expect(body).toEqual({
      trips: {
        deleted: [{ tripId: s.trips.alone.id, title: 'Only mine' }],
        handedOver: [
          {
            tripId: s.trips.withEditor.id,
            title: 'With an editor',
            to: { userId: s.e.id, displayName: 'Eun' },
          },
        ],
        choiceRequired: expect.any(Array),
        left: [{ tripId: s.trips.eunsTrip.id, title: "Eun's trip" }],
      },
      board: { posts: 1, comments: 1, images: 2 },
    });
    expect(byTitle(body.trips.choiceRequired)).toEqual([
      {
        tripId: s.trips.toDelete.id,
        title: 'Delete it',
        members: [{ userId: s.v.id, displayName: 'Vin', role: 'viewer' }],
      },
      {
        tripId: s.trips.toWoo.id,
        title: 'For Woo',
        members: [
          { userId: s.v.id, displayName: 'Vin', role: 'viewer' },
          { userId: s.w.id, displayName: 'Woo', role: 'viewer' },
        ],
      },
    ]);

    const before = {
      sync: await syncState(server),
      board: await rows(server, 'SELECT * FROM board_posts ORDER BY id'),
    };
    const attempt = (trips?: Record<string, string>) =>
      api.delete(
        '/me',
        { password: s.u.password, board: 'delete', ...(trips ? { trips } : {}) },
        { token: s.u.accessToken },
      );
    const refused = await attempt();
    expectProblem(refused, 409, 'account_deletion_choice_required');
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [`trips.${s.trips.toDelete.id}`, `trips.${s.trips.toWoo.id}`].sort(),
    );
    const halfway = await attempt({ [s.trips.toWoo.id]: 'delete' });
    expectProblem(halfway, 409, 'account_deletion_choice_required');
    expect(halfway.body.errors).toMatchObject([{ path: `trips.${s.trips.toDelete.id}` }]);
    // Only a member of the trip can take it: not Eun (not in it), not Una herself.
    for (const target of [s.e.id, s.u.id, 'nobody']) {
      const wrong = await attempt({
        [s.trips.toWoo.id]: `transfer:${target}`,
        [s.trips.toDelete.id]: 'delete',
      });
      expectProblem(wrong, 422, 'invalid_choice');
      expect(wrong.body.errors).toMatchObject([{ path: `trips.${s.trips.toWoo.id}` }]);
    }
    expect({
      sync: await syncState(server),
      board: await rows(server, 'SELECT * FROM board_posts ORDER BY id'),
    }).toEqual(before);
    expect(await rows(server, 'SELECT user_id FROM account_deletions')).toEqual([]);
    expect((await api.get('/me', { token: s.u.accessToken })).status).toBe(200);

    // A choice for a trip that needs none is ignored: the editor still gets the trip.
    const ok = await attempt({
      [s.trips.toWoo.id]: `transfer:${s.v.id}`,
      [s.trips.toDelete.id]: 'delete',
      [s.trips.withEditor.id]: 'delete',
    });
    expect(ok.status).toBe(204);
    const owners = await rows(
      server,
      "SELECT trip_id, user_id FROM trip_members WHERE role = 'owner' AND trip_id IN (?, ?)",
      [s.trips.withEditor.id, s.trips.toWoo.id],
    );
    expect(new Map(owners.map((o) => [o.trip_id, o.user_id]))).toEqual(
      new Map([
        [s.trips.withEditor.id, s.e.id],
        [s.trips.toWoo.id, s.v.id],
      ]),
    );
  });

  it('hands a trip to the editor with the earliest membership, even one promoted later', async () => {
    const [u, early, editor, promoted] = [
      await person('Una'),
      await person('Early'),
      await person('Ed'),
      await person('Pro'),
    ];
    const trip = tripDoc(u.id);
    await u.sync.create('trips', [trip]);
    await join(u, trip.id, 'viewer', early); // the longest-standing member, but a viewer
    await join(u, trip.id, 'viewer', promoted); // joined before Ed, made an editor after him
    await join(u, trip.id, 'editor', editor);
    expect(
      (
        await api.patch(
          `/trips/${trip.id}/members/${promoted.id}`,
          { role: 'editor' },
          { token: u.accessToken },
        )
      ).status,
    ).toBe(200);
    const preview = await api.get('/me/deletion-preview', { token: u.accessToken });
    expect(preview.body.trips.handedOver).toMatchObject([{ tripId: trip.id, to: { userId: promoted.id } }]);
    expect(
      (await api.delete('/me', { password: u.password, board: 'delete' }, { token: u.accessToken })).status,
    ).toBe(204);
    const members = await api.get(`/trips/${trip.id}/members`, { token: promoted.accessToken });
    expect(members.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [promoted.id, 'owner'],
      [editor.id, 'editor'],
      [early.id, 'viewer'],
    ]);
  });

  it('with real RxDB devices: the own trip disappears from the other device, the shared one passes to the editor, who can delete it; the co-traveller keeps it until then; every token of the account fails', async () => {
    const [u, e, v] = [await person('Una'), await person('Eun'), await person('Vin')];
    const accountOf = (p: Person) => ({ id: p.id, email: p.email, password: p.password });
    const phone = await openDevice(server.url, accountOf(u), 'una-phone');
    const eunsPhone = await openDevice(server.url, accountOf(e), 'eun-phone');
    const vinsPhone = await openDevice(server.url, accountOf(v), 'vin-phone');
    for (const device of [phone, eunsPhone, vinsPhone]) device.connect();

    // Made on Una's phone: a trip of her own, and one she shares with Eun (editor) and Vin (viewer).
    const own = uid('trip');
    const shared = uid('trip');
    await phone.db.trips.bulkInsert([tripOf(own, u.id, { title: 'Private notes' }), tripOf(shared, u.id)]);
    await phone.db.stops.bulkInsert([
      stopOf('own-stop', own, { note: 'secret' }),
      stopOf('shared-stop', shared),
    ]);
    await phone.sync!.awaitInSync();
    await join(u, shared, 'editor', e);
    await join(u, shared, 'viewer', v);
    await waitFor('the shared stop on Eun’s phone', () => eunsPhone.stop('shared-stop'));
    await waitFor('the shared stop on Vin’s phone', () => vinsPhone.stop('shared-stop'));
    const stream = await openStream(server.url, 'trips', u.accessToken);

    // Una deletes her account from her laptop.
    const laptop = await api.post('/auth/login', { email: u.email, password: u.password });
    expect(
      (await api.delete('/me', { password: u.password, board: 'delete' }, { token: laptop.body.accessToken }))
        .status,
    ).toBe(204);

    // Her phone was told: the trip only she had, and its stop, are gone there too.
    await waitFor('the own trip gone from Una’s phone', async () => (await phone.trip(own)) === undefined);
    await waitFor(
      'the own stop gone from Una’s phone',
      async () => (await phone.stop('own-stop')) === undefined,
    );
    // And on the server: tombstones only.
    const ownOnServer = await rows(
      server,
      'SELECT collection, deleted FROM sync_documents WHERE trip_id = ?',
      [own],
    );
    expect(ownOnServer).toHaveLength(2);
    expect(ownOnServer.every((d) => Number(d.deleted) === 1)).toBe(true);

    // Eun owns the shared trip now, on his phone too; Vin's phone keeps the trip and its stop.
    await waitFor(
      'Eun named the owner on his phone',
      async () => (await eunsPhone.trip(shared))?.ownerId === e.id,
    );
    await waitFor(
      'Eun named the owner on Vin’s phone',
      async () => (await vinsPhone.trip(shared))?.ownerId === e.id,
    );
    expect(await vinsPhone.stop('shared-stop')).toMatchObject({ tripId: shared });
    expect(await eunsPhone.stop('shared-stop')).toMatchObject({ tripId: shared });

    // Every token of Una's fails: access (REST, pull, stream) and refresh.
    await stream.waitForEnd();
    expectProblem(await api.get('/me', { token: u.accessToken }), 401, 'invalid_token');
    expectProblem(
      await api.get('/sync/trips/pull', { token: u.accessToken, headers: V }),
      401,
      'invalid_token',
    );
    expectProblem(
      await api.get('/me/deletion-preview', { token: laptop.body.accessToken }),
      401,
      'invalid_token',
    );
    // A device that comes back later is told the account is gone (it removes its local copy),
    // but only with the real token: a forged secret for the same token id is just not valid.
    for (const refreshToken of [u.refreshToken, laptop.body.refreshToken, phone.session.refreshToken]) {
      expectProblem(await api.post('/auth/refresh', { refreshToken }), 401, 'account_deleted');
      const [id] = refreshToken.split('.');
      expectProblem(
        await api.post('/auth/refresh', { refreshToken: `${id}.forged-secret` }),
        401,
        'invalid_token',
      );
    }
    const remembered = await rows(server, 'SELECT * FROM deleted_account_tokens');
    expect(JSON.stringify(remembered)).not.toContain(u.id);
    expectProblem(
      await api.post('/auth/login', { email: u.email, password: u.password }),
      401,
      'invalid_credentials',
    );

    // Eun, the owner now, deletes the trip on his phone: it goes from Vin's phone as well.
    await (await eunsPhone.db.trips.findOne(shared).exec())!.remove();
    await waitFor(
      'the shared trip gone from Vin’s phone',
      async () => (await vinsPhone.trip(shared)) === undefined,
    );
    await waitFor(
      'the shared stop gone from Vin’s phone',
      async () => (await vinsPhone.stop('shared-stop')) === undefined,
    );
    const sharedOnServer = await rows(server, 'SELECT deleted FROM sync_documents WHERE trip_id = ?', [
      shared,
    ]);
    expect(sharedOnServer.map((d) => Number(d.deleted))).toEqual([1, 1]);
  });

  // The steps of the scenario: recorded, five trips, the board (the last transaction is step 8).
  const crashPoints = [1, 2, 3, 4, 5, 6, 7];
  it.each(crashPoints)('a crash after step %i resumes to the same end state', async (n) => {
    const expected = await cleanEndState();
    const s = await scenario();
    const deletions = accountDeletionsOf(server.ctx);
    const steps: DeletionStep['kind'][] = [];
    deletions.afterStep = (step) => {
      steps.push(step.kind);
      if (steps.length === n) throw new Error(`crash after step ${n}`);
    };
    expectProblem(await api.delete('/me', choicesOf(s), { token: s.u.accessToken }), 500, 'internal_error');
    expect(steps).toHaveLength(n);
    // Interrupted: the deletion is recorded and the account still there.
    expect(
      await rows(server, 'SELECT user_id FROM account_deletions WHERE user_id = ?', [s.u.id]),
    ).toHaveLength(1);
    expect(await rows(server, 'SELECT id FROM users WHERE id = ?', [s.u.id])).toHaveLength(1);

    deletions.afterStep = undefined;
    expect(await deletions.resumePending()).toBe(1);
    expect(await endState(s)).toEqual(expected);
    // A second resume finds nothing to do.
    expect(await deletions.resumePending()).toBe(0);
    expect(await endState(s)).toEqual(expected);
  });

  it('an interrupted deletion resumes when a server starts, or when the account tries to log in', async () => {
    const expected = await cleanEndState();
    const crashAfter = (n: number) => {
      let steps = 0;
      accountDeletionsOf(server.ctx).afterStep = () => {
        if (++steps === n) throw new Error('crash');
      };
    };
    // A restart: a server starting on the database finishes it.
    const s = await scenario();
    crashAfter(3);
    expect((await api.delete('/me', choicesOf(s), { token: s.u.accessToken })).status).toBe(500);
    const restarted = await startTestServer({}, server.db);
    try {
      await waitFor(
        'the deletion finished by the restarted server',
        async () => (await rows(server, 'SELECT id FROM users WHERE id = ?', [s.u.id])).length === 0,
      );
    } finally {
      await restarted.stop();
    }
    expect(await endState(s)).toEqual(expected);

    // A log-in of the account being deleted carries the deletion on, and is refused.
    const t = await scenario();
    crashAfter(1);
    expect((await api.delete('/me', choicesOf(t), { token: t.u.accessToken })).status).toBe(500);
    accountDeletionsOf(server.ctx).afterStep = undefined;
    expectProblem(
      await api.post('/auth/login', { email: t.u.email, password: t.u.password }),
      401,
      'invalid_credentials',
    );
    expect(await endState(t)).toEqual(expected);

    // So does a refresh, which learns the account is gone.
    const q = await scenario();
    crashAfter(1);
    expect((await api.delete('/me', choicesOf(q), { token: q.u.accessToken })).status).toBe(500);
    accountDeletionsOf(server.ctx).afterStep = undefined;
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: q.u.refreshToken }),
      401,
      'account_deleted',
    );
    expect(await endState(q)).toEqual(expected);

    // So does sending DELETE /me again: it runs with the choices recorded first.
    const r = await scenario();
    crashAfter(2);
    expect((await api.delete('/me', choicesOf(r), { token: r.u.accessToken })).status).toBe(500);
    accountDeletionsOf(server.ctx).afterStep = undefined;
    const again = await api.delete(
      '/me',
      { ...choicesOf(r), board: 'delete', trips: {} },
      { token: r.u.accessToken },
    );
    expect(again.status).toBe(204);
    expect(await endState(r)).toEqual(expected);
  });

  it('is described in the OpenAPI document: the preview, and the deletion with its body and answers', async () => {
    const doc = (await api.get('/docs/openapi.json')).body;
    expect(doc.paths['/api/me/deletion-preview'].get.responses['200']).toBeDefined();
    const deletion = doc.paths['/api/me'].delete;
    expect(Object.keys(deletion.responses)).toEqual(
      expect.arrayContaining(['204', '400', '401', '403', '409', '422']),
    );
    const body = deletion.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['password', 'board']));
    expect(body.properties.board.enum).toEqual(['delete', 'anonymize']);
    expect(deletion.description).toContain('account_deletion_choice_required');
  });

  it('keeps the board tables’ indexes and references through the migration', async () => {
    const indexes = async (table: string) =>
      server.ctx.db.dialect === 'mysql'
        ? (await rows(server, `SHOW INDEX FROM ${table}`)).map((r) => String(r.Key_name))
        : (
            await rows(server, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", [
              table,
            ])
          ).map((r) => String(r.name));
    expect(await indexes('board_posts')).toEqual(
      expect.arrayContaining([
        'board_posts_latest',
        'board_posts_views',
        'board_posts_comments',
        'board_posts_author',
      ]),
    );
    expect(await indexes('board_comments')).toEqual(
      expect.arrayContaining(['board_comments_post', 'board_comments_author']),
    );
    // A post deleted the usual way still takes its comments with it (the references survived).
    const a = await person('Ann');
    const post = (await api.post('/posts', { title: 'x', body: 'y' }, { token: a.accessToken })).body as {
      id: string;
    };
    await api.post(`/posts/${post.id}/comments`, { body: 'c' }, { token: a.accessToken });
    await server.ctx.db.write((t) =>
      server.ctx.db.sequelize.query('DELETE FROM board_posts WHERE id = $id', {
        bind: { id: post.id },
        transaction: t,
      }),
    );
    expect(await rows(server, 'SELECT id FROM board_comments WHERE post_id = ?', [post.id])).toEqual([]);
  });
});
