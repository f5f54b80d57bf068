/**
 * "Download my data" (GET /me/export) end to end: a user with rows in every covered table gets
 * them all in the zip (every row the database holds, image bytes included), no withheld secret
 * anywhere in it, and nothing private of anyone else.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import sharp from 'sharp';
import { QueryTypes } from 'sequelize';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_EXPORT_DOCUMENT, dataExportSchema, type DataExport, type Upload } from '@hamgaja/shared';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestServer,
} from '../../test/harness.js';
import { accountDeletionsOf } from '../auth/account-deletion.js';
import { FakeOpenAI } from '../ai/fake-openai.js';
import { ImageFiles } from '../board/image-files.js';
import { ktoItemSchema, toAttractionRow } from '../catalog/records.js';
import { upsertAttractions } from '../catalog/store.js';
import {
  checklistItemDoc,
  expenseDoc,
  reservationDoc,
  documentDoc,
  stopDoc,
  syncClient,
  tripDoc,
  type SyncClient,
} from '../sync/testing.js';
import { readDate } from '../trips/membership.js';
import { coveredTables } from './coverage.js';
import { bindFor, fieldOf } from './archive.js';
import { EXPORTS_PER_HOUR } from './routes.js';

type Person = Awaited<ReturnType<typeof signUp>> & { id: string; sync: SyncClient };
type Row = Record<string, unknown>;

const png = (r: number) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 90, b: 30 } } })
    .png()
    .toBuffer();

/** An export as the client receives it: the answer, the zip's bytes, its files and the parsed document. */
async function download(baseUrl: string, token: string) {
  const res = await fetch(`${baseUrl}/api/me/export`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const zip = new Uint8Array(await res.arrayBuffer());
  const files = unzipSync(zip);
  const json = strFromU8(files[DATA_EXPORT_DOCUMENT]!);
  const document: DataExport = dataExportSchema.parse(JSON.parse(json));
  return { res, zip, files, json, document };
}

/** A database row as the archive must hold it, converted here without the export's code. */
function archived(table: string, row: Row): Row {
  const spec = coveredTables[table]!;
  return Object.fromEntries(
    Object.entries(spec.columns).map(([column, s]) => {
      const kind = typeof s === 'string' ? s : s.kind;
      const value = row[column];
      if (value === null) return [fieldOf(column, s), null];
      const converted =
        kind === 'time'
          ? readDate(value).toISOString()
          : kind === 'integer'
            ? Number(value)
            : kind === 'boolean'
              ? Number(value) === 1
              : kind === 'json'
                ? JSON.parse(String(value))
                : String(value);
      return [fieldOf(column, s), converted];
    }),
  );
}

describe('download my data', () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  let api: Client;
  let files: ImageFiles;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: 'fake-mini',
    });
    api = client(server.url);
    files = new ImageFiles(server.ctx.config.uploadDir);
    const place = { contentid: 126508, contenttypeid: 12, title: '경복궁', areacode: 1, sigungucode: 23 };
    await upsertAttractions(server.ctx.db, [
      toAttractionRow(ktoItemSchema.parse(place), { source: 'dev', attribution: null }),
    ]);
  });
  afterAll(async () => {
    accountDeletionsOf(server.ctx).afterStep = undefined;
    await server?.stop();
    await fake?.stop();
  });

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

  async function upload(token: string, red: number): Promise<Upload> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(red))], { type: 'image/png' }), 'photo.png');
    const res = await fetch(`${server.url}/api/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Upload;
  }

  const select = (sql: string, bind: Row = {}) =>
    server.ctx.db.sequelize.query<Row>(sql, { type: QueryTypes.SELECT, bind });

  it('answers 401 problem+json without a valid token', async () => {
    expectProblem(await api.get('/me/export'), 401, 'unauthenticated');
    expectProblem(await api.get('/me/export', { token: 'not-a-token' }), 401, 'invalid_token');
  });

  it('holds every row of every covered table about the user, the image bytes, no secret and nobody else’s data', async () => {
    const una = await person('Una');
    const eun = await person('Eun');
    const oscar = await person('Oscar');
    const marker = Math.random().toString(36).slice(2, 8);
    for (const [p, who] of [
      [eun, 'EUN'],
      [oscar, 'OSCAR'],
    ] as const) {
      const res = await api.patch(
        '/me',
        { phone: `010-${who.length}-${marker}`, address: `${who}-ADDRESS-${marker}` },
        { token: p.accessToken },
      );
      expect(res.status).toBe(200);
    }
    await api.patch('/me', { phone: '010-0000-0000', address: '서울 종로구' }, { token: una.accessToken });
    // A second session (another device) and a password reset request.
    const secondLogin = await api.post('/auth/login', { email: una.email, password: una.password });
    expect(secondLogin.status).toBe(200);
    expect((await api.post('/auth/password-reset/request', { email: una.email })).status).toBe(202);
    await expect
      .poll(
        async () =>
          (await select('SELECT id FROM password_reset_tokens WHERE user_id = $u', { u: una.id })).length,
      )
      .toBe(1);

    // Trips: her own (with a stop, a deleted stop, an item, an expense), one she shares with Eun,
    // Eun's she was invited to, Eun's she left, and Oscar's she never saw.
    const mine = tripDoc(una.id, { title: `Una alone ${marker}` });
    const shared = tripDoc(una.id, { title: `Una shares ${marker}` });
    await una.sync.create('trips', [mine, shared]);
    const [kept, gone] = await una.sync.create('stops', [
      stopDoc(mine.id, { place: { name: `Una stop ${marker}` } }),
      stopDoc(mine.id, { place: { name: `Una deleted stop ${marker}` } }),
    ]);
    await una.sync.update('stops', gone!, { ...gone!, _deleted: true });
    await una.sync.create('checklistItems', [checklistItemDoc(mine.id, { text: `Passport ${marker}` })]);
    await una.sync.create('expenses', [expenseDoc(shared.id, una.id, { note: `Dinner ${marker}` })]);
    const [flight] = await una.sync.create('reservations', [
      reservationDoc(mine.id, { confirmationCode: `PNR-${marker.slice(0, 8)}` }),
    ]);
    await join(una, shared.id, 'editor', eun);
    await eun.sync.create('stops', [stopDoc(shared.id, { place: { name: `Eun adds ${marker}` } })]);
    const unusedInvite = await api.post(
      `/trips/${shared.id}/invites`,
      { role: 'viewer' },
      { token: una.accessToken },
    );
    expect(unusedInvite.status).toBe(201);
    const feed = await api.post(`/trips/${mine.id}/calendar-feed`, undefined, { token: una.accessToken });
    expect(feed.status).toBe(201);
    // A travel document: its metadata is a synced document, its file a document_files row.
    const ticket = Buffer.from(`%PDF-1.4\n% ${marker}\ntrailer << >>\n%%EOF\n`, 'latin1');
    const ticketHash = createHash('sha256').update(ticket).digest('hex');
    await una.sync.create('documents', [
      documentDoc(mine.id, una.id, { size: ticket.length, sha256: ticketHash }),
    ]);
    const stored = await fetch(`${server.url}/api/trips/${mine.id}/files/${ticketHash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${una.accessToken}` },
      body: ticket,
    });
    expect(stored.status).toBe(201);
    const euns = tripDoc(eun.id, { title: `Eun invites ${marker}` });
    const left = tripDoc(eun.id, { title: `LEFT-TRIP-${marker}` });
    await eun.sync.create('trips', [euns, left]);
    await join(eun, euns.id, 'viewer', una);
    await join(eun, left.id, 'editor', una);
    expect(
      (await api.delete(`/trips/${left.id}/members/${una.id}`, undefined, { token: una.accessToken })).status,
    ).toBe(204);
    await eun.sync.create('stops', [stopDoc(left.id, { place: { name: `LEFT-STOP-${marker}` } })]);
    const oscars = tripDoc(oscar.id, { title: `OSCAR-PRIVATE-${marker}` });
    await oscar.sync.create('trips', [oscars]);
    await oscar.sync.create('stops', [stopDoc(oscars.id, { place: { name: `OSCAR-STOP-${marker}` } })]);

    // Board: a post with a photo and the trip, an unused upload, comments both ways, a view; Oscar's post.
    const photo = await upload(una.accessToken, 200);
    const unused = await upload(una.accessToken, 20);
    const { id: _id, ownerId: _ownerId, _deleted: _gone, ...tripFields } = mine;
    const snapshot = { version: 1, trip: tripFields, stops: [] };
    const post = await api.post(
      '/posts',
      { title: `Una's post ${marker}`, body: 'Canola fields', imageKeys: [photo.key], trip: snapshot },
      { token: una.accessToken },
    );
    expect(post.status, post.text).toBe(201);
    const eunsPost = await api.post('/posts', { title: 'Busan', body: 'Fish' }, { token: eun.accessToken });
    const oscarsPost = await api.post('/posts', { title: 'Oscar', body: 'Hi' }, { token: oscar.accessToken });
    await api.post(
      `/posts/${eunsPost.body.id}/comments`,
      { body: `Una says ${marker}` },
      { token: una.accessToken },
    );
    await api.post(
      `/posts/${post.body.id}/comments`,
      { body: `EUN-COMMENT-${marker}` },
      { token: eun.accessToken },
    );
    await api.post(
      `/posts/${oscarsPost.body.id}/comments`,
      { body: 'OSCAR-COMMENT' },
      { token: oscar.accessToken },
    );
    expect((await api.get(`/posts/${eunsPost.body.id}`, { token: una.accessToken })).status).toBe(200);
    expect((await api.get(`/posts/${oscarsPost.body.id}`, { token: oscar.accessToken })).status).toBe(200);

    // AI use, and an account deletion that was recorded and then interrupted (still under way).
    fake.reply({ kind: 'answer', content: 'Come early.' });
    expect(
      (await api.post('/ai/attractions/126508/tip', { lang: 'en' }, { token: una.accessToken })).status,
    ).toBe(200);
    accountDeletionsOf(server.ctx).afterStep = () => {
      throw new Error('crash after recording the deletion');
    };
    expectProblem(
      await api.delete('/me', { password: una.password, board: 'anonymize' }, { token: una.accessToken }),
      500,
      'internal_error',
    );
    accountDeletionsOf(server.ctx).afterStep = undefined;

    const { res, zip, files: entries, json, document } = await download(server.url, una.accessToken);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hamgaja-data-\d{4}-\d\d-\d\d\.zip"$/,
    );
    expect(res.headers.get('content-disposition')).toContain(document.exportedAt.slice(0, 10));
    expect(Number(res.headers.get('content-length'))).toBe(zip.length);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(document).toMatchObject({
      format: 'hamgaja-data',
      version: 1,
      user: { id: una.id, email: una.email },
    });

    // Every covered table: the user's rows (as the database holds them) are all in their section.
    for (const [table, spec] of Object.entries(coveredTables)) {
      const rows = await select(`SELECT * FROM ${table} WHERE ${spec.where}`, bindFor(spec.where, una.id));
      expect(rows.length, `the scenario gives the user rows in ${table}`).toBeGreaterThan(0);
      const section = spec.section === 'user' ? [document.user] : (document[spec.section] as Row[]);
      expect(section, `${spec.section} (${table})`).toHaveLength(rows.length);
      for (const row of rows) expect(section).toContainEqual(expect.objectContaining(archived(table, row)));
      expect(document.sources).toContainEqual({ section: spec.section, table, rows: spec.rows });
    }

    // Chosen independently of the export's own conditions: what the user's rows must be.
    const expectedDocs = await select(
      'SELECT id FROM sync_documents WHERE trip_id IN ($a, $b, $c) ORDER BY id',
      { a: mine.id, b: shared.id, c: euns.id },
    );
    expect(document.documents.map((d) => d.id).sort()).toEqual(expectedDocs.map((r) => r.id).sort());
    expect(document.documents).toContainEqual(
      expect.objectContaining({
        id: gone!.id,
        deleted: true,
        document: expect.objectContaining({ _deleted: true }),
      }),
    );
    expect(document.documents).toContainEqual(
      expect.objectContaining({
        id: kept!.id,
        deleted: false,
        document: expect.objectContaining({ note: '' }),
      }),
    );
    expect(document.documents).toContainEqual(
      expect.objectContaining({
        collection: 'reservations',
        id: flight!.id,
        document: expect.objectContaining({ confirmationCode: `PNR-${marker.slice(0, 8)}` }),
      }),
    );
    expect(new Set(document.documents.map((d) => d.tripId))).toEqual(new Set([mine.id, shared.id, euns.id]));
    expect(document.tripMembers.map((m) => `${m.tripId}:${m.userId}:${m.role}`).sort()).toEqual(
      [
        `${mine.id}:${una.id}:owner`,
        `${shared.id}:${una.id}:owner`,
        `${shared.id}:${eun.id}:editor`,
        `${euns.id}:${eun.id}:owner`,
        `${euns.id}:${una.id}:viewer`,
      ].sort(),
    );
    expect(document.tripAccessLog.filter((e) => e.tripId === left.id).map((e) => e.gained)).toEqual([
      true,
      false,
    ]);
    expect(document.sessions.map((s) => s.id).sort()).toEqual(
      (await select('SELECT id FROM refresh_tokens WHERE user_id = $u', { u: una.id }))
        .map((r) => r.id)
        .sort(),
    );
    expect(document.sessions).toHaveLength(2);
    expect(document.passwordResetRequests).toHaveLength(1);
    expect(document.invites.map((i) => i.role).sort()).toEqual(['editor', 'viewer']);
    expect(document.invites.every((i) => i.createdBy === una.id)).toBe(true);
    expect(document.calendarFeeds).toEqual([
      { tripId: mine.id, createdBy: una.id, createdAt: expect.any(String), rotatedAt: null },
    ]);
    expect(document.posts.map((p) => p.id)).toEqual([post.body.id]);
    expect(document.posts[0]!.tripSnapshot).toMatchObject({ trip: { title: mine.title } });
    expect(document.comments.map((c) => c.body)).toEqual([`Una says ${marker}`]);
    expect(document.postViews.map((v) => v.postId)).toEqual([eunsPost.body.id]);
    expect(document.aiUsage.length).toBeGreaterThan(0);
    expect(document.accountDeletion).toEqual([
      expect.objectContaining({ userId: una.id, choices: expect.objectContaining({ board: 'anonymize' }) }),
    ]);

    // The images: both of hers, byte for byte as the server serves them, and named in the document.
    expect(Object.keys(entries).sort()).toEqual(
      [DATA_EXPORT_DOCUMENT, `images/${photo.key}.webp`, `images/${unused.key}.webp`].sort(),
    );
    for (const image of [photo, unused]) {
      const onDisk = await readFile(files.pathOf(image.key, 'display'));
      expect(Buffer.from(entries[`images/${image.key}.webp`]!).equals(onDisk)).toBe(true);
      const served = Buffer.from(await (await fetch(`${server.url}/api/images/${image.key}`)).arrayBuffer());
      expect(served.equals(onDisk)).toBe(true);
      expect(document.images).toContainEqual(
        expect.objectContaining({
          imageKey: image.key,
          file: `images/${image.key}.webp`,
          bytes: onDisk.length,
        }),
      );
    }

    // Withheld: listed with their reasons, and no secret of anyone anywhere in the zip.
    expect(document.withheld.map((w) => `${w.table}.${w.column}`).sort()).toEqual(
      [
        'password_reset_tokens.token_hash',
        'refresh_tokens.token_hash',
        'trip_calendar_feeds.token_hash',
        'trip_invites.code',
        'users.password_hash',
      ].sort(),
    );
    const secrets = [
      ...(await select('SELECT password_hash AS s FROM users')),
      ...(await select('SELECT token_hash AS s FROM refresh_tokens')),
      ...(await select('SELECT token_hash AS s FROM password_reset_tokens')),
      ...(await select('SELECT code AS s FROM trip_invites')),
      ...(await select('SELECT token_hash AS s FROM trip_calendar_feeds')),
    ].map((r) => String(r.s));
    secrets.push(
      una.refreshToken,
      una.accessToken,
      secondLogin.body.refreshToken,
      una.password,
      feed.body.token,
    );
    expect(secrets.length).toBeGreaterThan(8);
    const everything = [
      Buffer.from(zip).toString('latin1'),
      ...Object.values(entries).map((f) => Buffer.from(f).toString('latin1')),
    ].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), 'a secret in the archive').toBe(false);
    expect(json).not.toMatch(/argon2/);

    // Nobody else's private data: Oscar's account and trip, Eun's profile, the trip Una left.
    for (const other of [
      oscar.id,
      oscar.email,
      `OSCAR-PRIVATE-${marker}`,
      `OSCAR-STOP-${marker}`,
      `OSCAR-ADDRESS-${marker}`,
      'OSCAR-COMMENT',
      oscarsPost.body.id,
      eun.email,
      `EUN-ADDRESS-${marker}`,
      `010-3-${marker}`,
      `EUN-COMMENT-${marker}`,
      `LEFT-TRIP-${marker}`,
      `LEFT-STOP-${marker}`,
    ])
      expect(json.includes(other), `${other} in the archive`).toBe(false);
  });

  it('leaves out an image whose file is gone, keeping the announced length', async () => {
    const ada = await person('Ada');
    const kept = await upload(ada.accessToken, 120);
    const lost = await upload(ada.accessToken, 60);
    await rm(files.pathOf(lost.key, 'display'));
    const { res, zip, files: entries, document } = await download(server.url, ada.accessToken);
    expect(Number(res.headers.get('content-length'))).toBe(zip.length);
    expect(Object.keys(entries).sort()).toEqual([DATA_EXPORT_DOCUMENT, `images/${kept.key}.webp`].sort());
    expect(document.images.find((i) => i.imageKey === lost.key)?.file).toBeNull();
    expect(document.documents).toEqual([]);
  });

  it('limits each user to a few exports an hour', async () => {
    const busy = await person('Busy');
    const other = await person('Other');
    for (let i = 0; i < EXPORTS_PER_HOUR; i++)
      expect((await api.get('/me/export', { token: busy.accessToken })).status).toBe(200);
    const refused = await api.get('/me/export', { token: busy.accessToken });
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.get('/me/export', { token: other.accessToken })).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await api.get('/docs/openapi.json');
    expect(doc.body.paths['/api/me/export'].get.security).toEqual([{ bearer: [] }]);
  });
});
