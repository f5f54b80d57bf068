import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_BODY_MAX, POST_BODY_MAX, POST_TITLE_MAX, type Comment, type Post } from '@hamgaja/shared';
import { anyText, hasLoneSurrogate } from '../../test/any-text.js';
import {
  client,
  expectProblem,
  signUp,
  startTestServer,
  type ApiResponse,
  type Client,
  type TestServer,
} from '../../test/harness.js';

/**
 * Board text is stored as sent, every code point (NUL, U+10FFFF, quotes, `$1`, `:name`)
 * included, on SQLite and MySQL alike. The one thing a text column cannot hold, a lone
 * surrogate, is refused with 400 validation_failed (both drivers would store U+FFFD instead).
 */
let server: TestServer;
let api: Client;
let alice: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  alice = await signUp(api, 'Alice');
});
afterAll(async () => {
  await server?.stop();
});

const auth = () => ({ token: alice.accessToken });

/** What a field's text becomes, or undefined when the board must refuse it. */
function accepted(text: string, max: number): string | undefined {
  const trimmed = text.trim();
  return hasLoneSurrogate(text) || trimmed.length === 0 || trimmed.length > max ? undefined : trimmed;
}

function expectRefused(res: ApiResponse, field: string) {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
}

const searchIds = async (q: string) => {
  const res = await api.get<{ items: { id: string }[] }>(`/posts?${new URLSearchParams({ q })}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((i) => i.id);
};

describe('board text of any code point', () => {
  it('stores and finds NUL in titles, bodies, comments and edits (each was a 500 on SQLite)', async () => {
    const created = await api.post<Post>('/posts', { title: 'a\u0000b', body: 'x\u0000y' }, auth());
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ title: 'a\u0000b', body: 'x\u0000y' });
    const id = created.body.id;
    expect((await api.get<Post>(`/posts/${id}`)).body).toMatchObject({ title: 'a\u0000b', body: 'x\u0000y' });
    expect(await searchIds('a\u0000b')).toContain(id);
    expect((await api.get('/posts?q=a%00b')).status).toBe(200);

    const edited = await api.patch<Post>(
      `/posts/${id}`,
      { title: "c\u0000'd", body: '\u0000$1 :name' },
      auth(),
    );
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: "c\u0000'd", body: '\u0000$1 :name' });

    const comment = await api.post<Comment>(`/posts/${id}/comments`, { body: 'c\u0000\\' }, auth());
    expect(comment.status, comment.text).toBe(201);
    expect(comment.body.body).toBe('c\u0000\\');
    const comments = await api.get<{ items: Comment[] }>(`/posts/${id}/comments`);
    expect(comments.body.items.map((c) => c.body)).toEqual(['c\u0000\\']);
  });

  it('stores U+10FFFF, emoji and SQL look-alikes as sent', async () => {
    const title = `\u{10FFFF}😀 it's "$1" :name ? %_! \\ ;--`;
    const created = await api.post<Post>('/posts', { title, body: '\uFFFF\uFFFD\u001a' }, auth());
    expect(created.status, created.text).toBe(201);
    expect((await api.get<Post>(`/posts/${created.body.id}`)).body).toMatchObject({
      title,
      body: '\uFFFF\uFFFD\u001a',
    });
    for (const word of ['\u{10FFFF}😀', "it's", '"$1"', ':name', '%_!', '\\']) {
      expect(await searchIds(word), JSON.stringify(word)).toContain(created.body.id);
    }
  });

  it('refuses a lone surrogate with 400 validation_failed naming the field', async () => {
    expectRefused(await api.post('/posts', { title: 'a\uD800', body: 'x' }, auth()), 'title');
    expectRefused(await api.post('/posts', { title: 'a', body: '\uDFFFx' }, auth()), 'body');
    const post = await api.post<Post>('/posts', { title: 'kept', body: 'kept' }, auth());
    expectRefused(await api.patch(`/posts/${post.body.id}`, { title: '\uDBFF' }, auth()), 'title');
    expectRefused(await api.post(`/posts/${post.body.id}/comments`, { body: 'x\uDC00' }, auth()), 'body');
    expect((await api.get<Post>(`/posts/${post.body.id}`)).body).toMatchObject({
      title: 'kept',
      body: 'kept',
      commentCount: 0,
    });
  });

  it('stores any text as sent, or refuses it with 400 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText(40), anyText(80), anyText(40), async (title, body, comment) => {
        const post = await api.post<Post>('/posts', { title, body }, auth());
        const want = { title: accepted(title, POST_TITLE_MAX), body: accepted(body, POST_BODY_MAX) };
        if (want.title === undefined || want.body === undefined) {
          expectProblem(post, 400, 'validation_failed');
          return;
        }
        expect(post.status, post.text).toBe(201);
        expect(post.body).toMatchObject(want);
        expect((await api.get<Post>(`/posts/${post.body.id}`)).body).toMatchObject(want);

        const added = await api.post<Comment>(`/posts/${post.body.id}/comments`, { body: comment }, auth());
        const wantComment = accepted(comment, COMMENT_BODY_MAX);
        if (wantComment === undefined) expectProblem(added, 400, 'validation_failed');
        else expect([added.status, added.body.body]).toEqual([201, wantComment]);

        // Search by a word of the title: never a 500; found unless SQLite's LIKE stops at a NUL.
        const word = want.title.split(/\s+/)[0]!;
        const found = await searchIds(word);
        if (!want.title.includes('\u0000')) expect(found, JSON.stringify(word)).toContain(post.body.id);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a shared trip exactly (JSON); its list title is the well-formed text', async () => {
    const trip = {
      version: 1,
      trip: {
        title: 'Jeju \uD800\u0000 trip',
        description: '',
        destination: { regionCode: '39', text: 'Jeju' },
        startDate: '2026-05-01',
        endDate: '2026-05-02',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        plannedBudget: 0,
        coverImage: null,
        notes: "'\\$1",
      },
      stops: [],
    };
    const created = await api.post<Post>('/posts', { title: 'with a trip', body: 'x', trip }, auth());
    expect(created.status, created.text).toBe(201);
    expect(created.body.trip?.trip).toMatchObject({ title: 'Jeju \uD800\u0000 trip', notes: "'\\$1" });
    const list = await api.get<{ items: { id: string; tripTitle: string | null }[] }>('/posts?q=with');
    expect(list.body.items.find((i) => i.id === created.body.id)?.tripTitle).toBe('Jeju \uFFFD\u0000 trip');
  });
});
