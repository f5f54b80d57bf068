import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, PostPage, TripSnapshotInput, Upload } from '@hamgaja/shared';
import {
  client,
  createTestDatabase,
  expectProblem,
  signUp,
  startTestServer,
  type Client,
  type TestDb,
  type TestServer,
} from '../../test/harness.js';
import { ImageFiles } from './image-files.js';
import { Board } from './posts.js';

type Session = Awaited<ReturnType<typeof signUp>>;

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .png()
    .toBuffer();

async function upload(
  baseUrl: string,
  token: string | undefined,
  data: Buffer | Uint8Array,
  name = 'photo.png',
  type = 'image/png',
) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  const res = await fetch(`${baseUrl}/api/uploads`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Upload & { code?: string } };
}

const trip: TripSnapshotInput = {
  version: 1,
  trip: {
    title: '제주 3일',
    description: '바다와 오름',
    destination: { regionCode: '39', text: '제주' },
    startDate: '2026-05-01',
    endDate: '2026-05-03',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 500000,
    coverImage: null,
    notes: '',
  },
  stops: [
    {
      day: 0,
      orderKey: 'a0',
      startTime: '10:00',
      durationMinutes: 120,
      place: { attractionId: '126508', name: '성산일출봉', lat: 33.4581, lng: 126.9426 },
      category: 'sightseeing',
      cost: { amount: 5000, currency: 'KRW' },
      note: '',
    },
  ],
};

describe('community board', () => {
  let db: TestDb;
  let uploadDir: string;
  let server: TestServer;
  let second: TestServer;
  let api: Client;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    db = await createTestDatabase();
    uploadDir = mkdtempSync(path.join(tmpdir(), 'hamgaja-uploads-'));
    server = await startTestServer({ UPLOAD_DIR: uploadDir }, db);
    // A second instance on the same database and upload volume, as behind the load balancer.
    second = await startTestServer({ UPLOAD_DIR: uploadDir }, db);
    api = client(server.url);
    alice = await signUp(api, 'Alice Kim');
    bob = await signUp(api, 'Bob Park');
  });
  afterAll(async () => {
    await second?.stop();
    await server?.stop();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const write = (s: Session, body: object) => api.post<Post>('/posts', body, { token: s.accessToken });

  it("limits each author's writes per minute (429 rate_limited with Retry-After); reading and others go on", async () => {
    const limited = await startTestServer(
      {
        UPLOAD_DIR: uploadDir,
        JWT_SECRET: server.ctx.config.jwtSecret,
        BOARD_WRITE_RATE_LIMIT: '3',
      },
      db,
    );
    try {
      const l = client(limited.url);
      const post = await l.post<Post>('/posts', { title: 'Busy', body: 'x' }, { token: alice.accessToken });
      expect(post.status).toBe(201);
      for (const text of ['one', 'two'])
        expect(
          (await l.post(`/posts/${post.body.id}/comments`, { body: text }, { token: alice.accessToken }))
            .status,
        ).toBe(201);
      const refused = await l.post(
        `/posts/${post.body.id}/comments`,
        { body: 'three' },
        { token: alice.accessToken },
      );
      expectProblem(refused, 429, 'rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Nothing was written by the refused request.
      expect((await l.get<Post>(`/posts/${post.body.id}`)).body.commentCount).toBe(2);
      // Another author has their own budget; reading and the author's own list spend none.
      expect(
        (await l.post(`/posts/${post.body.id}/comments`, { body: 'mine' }, { token: bob.accessToken }))
          .status,
      ).toBe(201);
      expect((await l.get('/me/posts', { token: alice.accessToken })).status).toBe(200);
      // Alice's budget there is spent: the clean-up goes through the other instance.
      await api.delete(`/posts/${post.body.id}`, { token: alice.accessToken });
    } finally {
      await limited.stop();
    }
  });

  it('creates, reads, edits and deletes a post; only its author may change it', async () => {
    const created = await write(alice, { title: '  First trip  ', body: 'Seoul in spring' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'First trip',
      body: 'Seoul in spring',
      author: { id: alice.user.id, displayName: 'Alice Kim' },
      views: 0,
      commentCount: 0,
      images: [],
      trip: null,
      mine: true,
    });
    const id = created.body.id;

    const read = await api.get<Post>(`/posts/${id}`, { token: bob.accessToken });
    expect(read.body).toMatchObject({ id, mine: false });

    expectProblem(
      await api.patch(`/posts/${id}`, { title: 'Mine now' }, { token: bob.accessToken }),
      403,
      'forbidden',
    );
    expectProblem(await api.delete(`/posts/${id}`, undefined, { token: bob.accessToken }), 403, 'forbidden');
    expectProblem(await api.patch(`/posts/${id}`, { title: 'x' }), 401, 'unauthenticated');

    const edited = await api.patch<Post>(
      `/posts/${id}`,
      { body: 'Seoul in May' },
      { token: alice.accessToken },
    );
    expect(edited.body).toMatchObject({ title: 'First trip', body: 'Seoul in May' });
    expect(Date.parse(edited.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
    expect((await api.get<Post>(`/posts/${id}`)).body.title).toBe('First trip');

    expect((await api.delete(`/posts/${id}`, undefined, { token: alice.accessToken })).status).toBe(204);
    expectProblem(await api.get(`/posts/${id}`), 404, 'not_found');
    expectProblem(
      await api.patch(`/posts/${id}`, { title: 'x' }, { token: alice.accessToken }),
      404,
      'not_found',
    );
    expectProblem(
      await api.delete(`/posts/${id}`, undefined, { token: alice.accessToken }),
      404,
      'not_found',
    );
  });

  it('refuses bad input with 400 and unknown ids with 404', async () => {
    expectProblem(await api.post('/posts', { title: 'x', body: 'y' }), 401, 'unauthenticated');
    expectProblem(await write(alice, { title: '   ', body: 'y' }), 400, 'validation_failed');
    expectProblem(await write(alice, { title: 'x', body: 'y', admin: true }), 400, 'validation_failed');
    expectProblem(await write(alice, { title: 'x'.repeat(121), body: 'y' }), 400, 'validation_failed');
    expectProblem(
      await api.request('POST', '/posts', { raw: '{"title":', token: alice.accessToken }),
      400,
      'invalid_json',
    );
    expectProblem(await api.get('/posts?sort=random'), 400, 'validation_failed');
    expectProblem(await api.get('/posts?pageSize=500'), 400, 'validation_failed');
    expectProblem(await api.get('/posts/not-an-id'), 404, 'not_found');
    expectProblem(await api.get('/posts/00000000-0000-4000-8000-000000000000/comments'), 404, 'not_found');
    const post = (await write(alice, { title: 'Edit me', body: 'body' })).body;
    expectProblem(
      await api.patch(`/posts/${post.id}`, {}, { token: alice.accessToken }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.patch(`/posts/${post.id}`, { body: '' }, { token: alice.accessToken }),
      400,
      'validation_failed',
    );
  });

  it('comments: add, list oldest first, delete own only, counted on the post', async () => {
    const post = (await write(alice, { title: 'Comment on me', body: 'Please' })).body;
    const c1 = await api.post(`/posts/${post.id}/comments`, { body: 'Nice!' }, { token: bob.accessToken });
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({
      postId: post.id,
      body: 'Nice!',
      author: { displayName: 'Bob Park' },
      mine: true,
    });
    const c2 = await api.post(`/posts/${post.id}/comments`, { body: 'Thanks' }, { token: alice.accessToken });
    expectProblem(
      await api.post(`/posts/${post.id}/comments`, { body: ' ' }, { token: bob.accessToken }),
      400,
      'validation_failed',
    );
    expectProblem(await api.post(`/posts/${post.id}/comments`, { body: 'anon' }), 401, 'unauthenticated');

    const list = await api.get(`/posts/${post.id}/comments`, { token: alice.accessToken });
    expect(list.body).toMatchObject({ total: 2, page: 1 });
    expect(list.body.items.map((c: { body: string; mine: boolean }) => [c.body, c.mine])).toEqual([
      ['Nice!', false],
      ['Thanks', true],
    ]);
    expect((await api.get<Post>(`/posts/${post.id}`)).body.commentCount).toBe(2);

    // Neither the post's author nor anyone else may delete Bob's comment.
    expectProblem(
      await api.delete(`/comments/${c1.body.id}`, undefined, { token: alice.accessToken }),
      403,
      'forbidden',
    );
    expectProblem(await api.delete(`/comments/${c1.body.id}`), 401, 'unauthenticated');
    expect((await api.delete(`/comments/${c1.body.id}`, undefined, { token: bob.accessToken })).status).toBe(
      204,
    );
    expectProblem(
      await api.delete(`/comments/${c1.body.id}`, undefined, { token: bob.accessToken }),
      404,
      'not_found',
    );
    expect((await api.get<Post>(`/posts/${post.id}`)).body.commentCount).toBe(1);
    expect((await api.get(`/posts/${post.id}/comments`)).body.items.map((c: { id: string }) => c.id)).toEqual(
      [c2.body.id],
    );

    // Deleting the post takes its comments along.
    await api.delete(`/posts/${post.id}`, undefined, { token: alice.accessToken });
    expectProblem(
      await api.delete(`/comments/${c2.body.id}`, undefined, { token: alice.accessToken }),
      404,
      'not_found',
    );
  });

  it('counts a view once per viewer per day, never the author, and not on refresh', async () => {
    const post = (await write(alice, { title: 'Count me', body: 'views' })).body;
    const view = (opts: Parameters<Client['get']>[1]) => api.get<Post>(`/posts/${post.id}`, opts);
    expect((await view({ token: alice.accessToken })).body.views).toBe(0);
    expect((await view({ token: bob.accessToken })).body.views).toBe(1);
    expect((await view({ token: bob.accessToken })).body.views).toBe(1);
    await Promise.all([view({ token: bob.accessToken }), view({ token: bob.accessToken })]);
    const anonymous = { headers: { 'x-client-id': 'browser-install-1234' } };
    expect((await view(anonymous)).body.views).toBe(2);
    expect((await view(anonymous)).body.views).toBe(2);
    const carol = await signUp(api, 'Carol');
    expect((await view({ token: carol.accessToken })).body.views).toBe(3);
    expect((await view({})).body.views).toBe(4);
    expect((await view({})).body.views).toBe(4);
  });

  it('searches title, body and author, sorts, and pages stably with a total', async () => {
    const dana = await signUp(api, 'Dana Zephyrine');
    const mk = (title: string, body: string, s: Session = dana) =>
      write(s, { title, body }).then((r) => r.body);
    const a = await mk('Quokkamarker beach day', 'sand');
    const b = await mk('Mountain', 'We saw a quokkamarker on the trail');
    const c = await mk('한라산 등반 quokkamarker', '100%_literal');
    const d = await mk('Nothing here', 'plain', alice);
    const e = await mk('Another', 'plain two');

    const ids = (page: PostPage) => page.items.map((p) => p.id);
    const search = async (q: string, extra = '') =>
      (await api.get<PostPage>(`/posts?q=${encodeURIComponent(q)}${extra}`)).body;

    expect(ids(await search('QUOKKAMARKER'))).toEqual([c.id, b.id, a.id]);
    expect(ids(await search('quokkamarker beach'))).toEqual([a.id]);
    expect(ids(await search('한라산'))).toEqual([c.id]);
    expect(ids(await search('zephyrine', '&pageSize=50')).sort()).toEqual([a.id, b.id, c.id, e.id].sort());
    // Wildcards are literal.
    expect(ids(await search('100%_'))).toEqual([c.id]);
    expect((await search('100%x')).total).toBe(0);

    // Views and comments order the list, newest first among equals.
    await api.get(`/posts/${b.id}`, { token: alice.accessToken });
    await api.get(`/posts/${b.id}`, { token: bob.accessToken });
    await api.get(`/posts/${a.id}`, { token: bob.accessToken });
    await api.post(`/posts/${a.id}/comments`, { body: '1' }, { token: bob.accessToken });
    await api.post(`/posts/${a.id}/comments`, { body: '2' }, { token: bob.accessToken });
    await api.post(`/posts/${c.id}/comments`, { body: '3' }, { token: bob.accessToken });
    expect(ids(await search('quokkamarker', '&sort=views'))).toEqual([b.id, a.id, c.id]);
    expect(ids(await search('quokkamarker', '&sort=comments'))).toEqual([a.id, c.id, b.id]);
    const summary = (await search('quokkamarker beach')).items[0]!;
    expect(summary).toMatchObject({
      views: 1,
      commentCount: 2,
      author: { displayName: 'Dana Zephyrine' },
      excerpt: 'sand',
      imageCount: 0,
      thumbnail: null,
    });

    // Pages of 2 cover everything exactly once, with the same total on each page.
    const all = await api.get<PostPage>('/posts?pageSize=50');
    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      const res = (await api.get<PostPage>(`/posts?page=${page}&pageSize=2&sort=views`)).body;
      expect(res.total).toBe(all.body.total);
      if (!res.items.length) break;
      seen.push(...ids(res));
    }
    expect(seen).toHaveLength(all.body.total);
    expect(new Set(seen).size).toBe(all.body.total);
    expect(seen).toContain(d.id);

    // My posts.
    const mine = (await api.get<PostPage>('/me/posts?pageSize=50', { token: dana.accessToken })).body;
    expect(ids(mine).sort()).toEqual([a.id, b.id, c.id, e.id].sort());
    expect(ids((await api.get<PostPage>('/me/posts?q=beach', { token: dana.accessToken })).body)).toEqual([
      a.id,
    ]);
    expectProblem(await api.get('/me/posts'), 401, 'unauthenticated');
  });

  it('accepts a real image, re-encodes it to a display size and a thumbnail, served by every instance', async () => {
    const res = await upload(server.url, alice.accessToken, await png(2400, 1200));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ width: 1600, height: 800, contentType: 'image/webp' });
    const key = res.body.key;
    for (const [base, size, width, height] of [
      [server.url, '', 1600, 800],
      [second.url, '', 1600, 800],
      [second.url, '?size=thumb', 400, 200],
    ] as const) {
      const image = await fetch(`${base}/api/images/${key}${size}`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/webp');
      expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', width, height]);
    }
    expectProblem(await api.get('/images/not-a-key'), 404, 'not_found');
    expectProblem(await api.get('/images/AAAAAAAAAAAAAAAAAAAAAA'), 404, 'not_found');
  });

  it('refuses uploads that are not images by content, too large, or anonymous', async () => {
    const text = await upload(
      server.url,
      alice.accessToken,
      Buffer.from('hello, I am text wearing a .png name'),
    );
    expect([text.status, text.body.code]).toEqual([415, 'unsupported_media_type']);
    // PNG magic bytes followed by HTML: the content is still not a decodable image.
    const fake = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    expect((await upload(server.url, alice.accessToken, fake)).status).toBe(415);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(server.url, alice.accessToken, svg, 'x.png', 'image/png')).status).toBe(415);
    const big = await upload(server.url, alice.accessToken, Buffer.alloc(20 * 1024 * 1024, 1));
    expect([big.status, big.body.code]).toEqual([413, 'payload_too_large']);
    expect((await upload(server.url, undefined, await png(10, 10))).status).toBe(401);
    const json = await api.post('/uploads', { file: 'x' }, { token: alice.accessToken });
    expectProblem(json, 415, 'unsupported_media_type');
  });

  it('re-encodes a polyglot (a valid image carrying a script) into a clean image', async () => {
    const polyglot = Buffer.concat([await png(64, 64), Buffer.from('<script>alert("owned")</script>')]);
    const res = await upload(server.url, alice.accessToken, polyglot);
    expect(res.status).toBe(201);
    const stored = Buffer.from(await (await fetch(`${server.url}/api/images/${res.body.key}`)).arrayBuffer());
    expect(stored.includes('<script>')).toBe(false);
    expect((await sharp(stored).metadata()).format).toBe('webp');
  });

  it('attaches only your own unused uploads, keeps their order, and deletes images with the post', async () => {
    const [one, two, three] = await Promise.all(
      [png(800, 600), png(300, 300), png(100, 50)].map(
        async (p) => (await upload(server.url, alice.accessToken, await p)).body,
      ),
    );
    const bobs = (await upload(server.url, bob.accessToken, await png(20, 20))).body;

    expectProblem(
      await write(alice, { title: 'Stolen', body: 'x', imageKeys: [bobs.key] }),
      400,
      'invalid_image',
    );
    expectProblem(
      await write(alice, { title: 'Twice', body: 'x', imageKeys: [one!.key, one!.key] }),
      400,
      'validation_failed',
    );

    const post = (
      await write(alice, { title: 'Photos', body: 'two of them', imageKeys: [two!.key, one!.key] })
    ).body;
    expect(post.images.map((i) => [i.key, i.width, i.height])).toEqual([
      [two!.key, 300, 300],
      [one!.key, 800, 600],
    ]);
    expect(post.images[0]!.thumbnailUrl).toBe(`/api/images/${two!.key}?size=thumb`);
    const listed = (await api.get<PostPage>('/posts?q=two%20of%20them')).body.items[0]!;
    expect(listed).toMatchObject({ imageCount: 2, thumbnail: { key: two!.key } });

    // An image already on a post cannot be reused by another post, even by its owner.
    expectProblem(
      await write(alice, { title: 'Reuse', body: 'x', imageKeys: [one!.key] }),
      400,
      'invalid_image',
    );
    // A stranger can neither change the images nor attach theirs.
    expectProblem(
      await api.patch(`/posts/${post.id}`, { imageKeys: [bobs.key] }, { token: bob.accessToken }),
      403,
      'forbidden',
    );

    // Replacing the list deletes the image that left it, rows and files.
    const edited = await api.patch<Post>(
      `/posts/${post.id}`,
      { imageKeys: [one!.key, three!.key] },
      { token: alice.accessToken },
    );
    expect(edited.body.images.map((i) => i.key)).toEqual([one!.key, three!.key]);
    expectProblem(await api.get(`/images/${two!.key}`), 404, 'not_found');
    expect(existsSync(path.join(uploadDir, two!.key.slice(0, 1), `${two!.key}.thumb.webp`))).toBe(false);

    expect((await api.delete(`/posts/${post.id}`, undefined, { token: alice.accessToken })).status).toBe(204);
    for (const key of [one!.key, three!.key]) {
      expectProblem(await client(second.url).get(`/images/${key}`), 404, 'not_found');
      expectProblem(await api.get(`/images/${key}?size=thumb`), 404, 'not_found');
      expect(existsSync(path.join(uploadDir, key.slice(0, 1), `${key}.webp`))).toBe(false);
    }
    // Bob's unused upload is untouched.
    expect((await fetch(`${server.url}/api/images/${bobs.key}`)).status).toBe(200);
  });

  it('shares a trip as a read-only snapshot that another user copies', async () => {
    const post = await write(alice, { title: '제주 여행 공유', body: '따라 해 보세요', trip });
    expect(post.status).toBe(201);
    expect(post.body.trip).toMatchObject({
      version: 1,
      trip: { title: '제주 3일' },
      stops: [{ place: { name: '성산일출봉' } }],
      checklistItems: [],
    });
    const listed = (await api.get<PostPage>(`/posts?q=${encodeURIComponent('제주 여행 공유')}`)).body
      .items[0]!;
    expect(listed.tripTitle).toBe('제주 3일');

    const copy = await api.post(`/posts/${post.body.id}/copy-trip`, undefined, { token: bob.accessToken });
    expect(copy.status).toBe(200);
    expect(copy.body).toEqual({ postId: post.body.id, trip: post.body.trip });
    expectProblem(await api.post(`/posts/${post.body.id}/copy-trip`), 401, 'unauthenticated');

    const plain = (await write(alice, { title: 'No trip', body: 'x' })).body;
    expectProblem(
      await api.post(`/posts/${plain.id}/copy-trip`, undefined, { token: bob.accessToken }),
      404,
      'no_trip',
    );
    // Snapshots carry no ids or owners, and must be valid.
    expectProblem(
      await write(alice, {
        title: 'Bad',
        body: 'x',
        trip: { ...trip, trip: { ...trip.trip, ownerId: bob.user.id } },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await write(alice, {
        title: 'Bad',
        body: 'x',
        trip: { ...trip, trip: { ...trip.trip, endDate: '2026-04-01' } },
      }),
      400,
      'validation_failed',
    );

    // Unsharing removes the snapshot.
    const unshared = await api.patch<Post>(
      `/posts/${post.body.id}`,
      { trip: null },
      { token: alice.accessToken },
    );
    expect(unshared.body.trip).toBeNull();
  });

  it("removes a deleted account's posts, comments and images at once", async () => {
    const erin = await signUp(api, 'Erin');
    const image = (await upload(server.url, erin.accessToken, await png(50, 50))).body;
    const unused = (await upload(server.url, erin.accessToken, await png(40, 40))).body;
    const post = (await write(erin, { title: 'Leaving soon', body: 'bye', imageKeys: [image.key] })).body;
    const bobsPost = (await write(bob, { title: 'Stay', body: 'x' })).body;
    await api.post(`/posts/${bobsPost.id}/comments`, { body: 'from erin' }, { token: erin.accessToken });
    await api.post(`/posts/${bobsPost.id}/comments`, { body: 'from bob' }, { token: bob.accessToken });

    expect(
      (await api.delete('/me', { password: erin.password, board: 'delete' }, { token: erin.accessToken }))
        .status,
    ).toBe(204);
    expectProblem(await api.get(`/posts/${post.id}`), 404, 'not_found');
    const comments = (await api.get(`/posts/${bobsPost.id}/comments`)).body;
    expect(comments.items.map((c: { body: string }) => c.body)).toEqual(['from bob']);
    expect((await api.get<Post>(`/posts/${bobsPost.id}`)).body.commentCount).toBe(1);
    for (const key of [image.key, unused.key]) {
      expectProblem(await api.get(`/images/${key}`), 404, 'not_found');
      expect(existsSync(path.join(uploadDir, key.slice(0, 1), `${key}.webp`))).toBe(false);
    }
    // A token issued before the deletion cannot write any more.
    expect((await write(erin, { title: 'Ghost', body: 'x' })).status).toBe(401);
  });

  it('sweeps uploads that no post took', async () => {
    const unused = (await upload(server.url, bob.accessToken, await png(30, 30))).body;
    const board = new Board(server.ctx.db, new ImageFiles(uploadDir));
    expect(await board.sweepOrphans(50, 3_600_000)).toBe(0);
    expect((await fetch(`${server.url}/api/images/${unused.key}`)).status).toBe(200);
    expect(await board.sweepOrphans(50, 0)).toBeGreaterThanOrEqual(1);
    expectProblem(await api.get(`/images/${unused.key}`), 404, 'not_found');
  });
});
