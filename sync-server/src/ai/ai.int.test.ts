import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { draftEventSchema, routeMetres, type DraftEvent, type DraftStop } from '@hamgaja/shared';
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
import { ktoItemSchema, toAttractionRow } from '../catalog/records.js';
import { upsertAttractions } from '../catalog/store.js';
import { FakeOpenAI } from './fake-openai.js';
import { AiLimits } from './limits.js';
import { CATALOG_DRAFTS_PER_MINUTE } from './routes.js';

/** Real places of Seoul's Jongno-gu and Yongsan-gu (KTO ids), enough to draft a day. */
const places = [
  {
    contentid: 126508,
    contenttypeid: 12,
    title: '경복궁',
    addr1: '서울특별시 종로구 사직로 161',
    mapx: 126.977,
    mapy: 37.5796,
    areacode: 1,
    sigungucode: 23,
    overview: '<p>조선 왕조 제일의 법궁.</p>',
  },
  {
    contentid: 126537,
    contenttypeid: 12,
    title: '북촌한옥마을',
    addr1: '서울특별시 종로구 계동길 37',
    mapx: 126.985,
    mapy: 37.5826,
    areacode: 1,
    sigungucode: 23,
  },
  {
    contentid: 129703,
    contenttypeid: 14,
    title: '국립중앙박물관',
    addr1: '서울특별시 용산구 서빙고로 137',
    mapx: 126.9803,
    mapy: 37.5239,
    areacode: 1,
    sigungucode: 21,
  },
  {
    contentid: 264337,
    contenttypeid: 38,
    title: '광장시장',
    addr1: '서울특별시 종로구 창경궁로 88',
    mapx: 126.9996,
    mapy: 37.5701,
    areacode: 1,
    sigungucode: 23,
  },
  {
    contentid: 2748374,
    contenttypeid: 39,
    title: '토속촌 삼계탕',
    addr1: '서울특별시 종로구 자하문로5길 5',
    mapx: 126.9713,
    mapy: 37.578,
    areacode: 1,
    sigungucode: 23,
  },
];

/** Reads a text/event-stream answer into events (the draft endpoint's wire format). */
async function readEvents(res: Response): Promise<DraftEvent[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = draftEventSchema.parse(JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)));
      expect(data.type).toBe(name);
      return data;
    });
}

const draftAnswer = (stops: object[]) =>
  JSON.stringify({ title: '종로 하루', summary: '궁궐과 시장을 걷는 하루', stops });

/** Posts a draft request and reads its events (the answer must be a stream). */
async function draftEvents(baseUrl: string, token: string, body: object): Promise<DraftEvent[]> {
  const res = await fetch(`${baseUrl}/api/ai/itinerary-drafts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return readEvents(res);
}

const finalDraft = (events: DraftEvent[]) => {
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error(`the draft did not finish: ${JSON.stringify(done)}`);
  return done.draft;
};

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Per day: starts in order, each after the stop before it ends plus the travel between them. */
function expectTimedRoute(stops: DraftStop[]) {
  stops.forEach((stop, i) => {
    const previous = stops[i - 1];
    if (!previous || previous.day !== stop.day) {
      expect(stop.travel).toBeUndefined();
      return;
    }
    expect(stop.travel).toMatchObject({ mode: expect.any(String), minutes: expect.any(Number) });
    expect(minutes(stop.startTime)).toBeGreaterThanOrEqual(
      minutes(previous.startTime) + previous.durationMinutes + stop.travel!.minutes,
    );
  });
}

describe('AI assistant against a fake OpenAI-compatible server', () => {
  let fake: FakeOpenAI;
  let db: TestDb;
  let server: TestServer;
  let tight: TestServer;
  let off: TestServer;
  let api: Client;
  let token: string;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    db = await createTestDatabase();
    const ai = { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'fake-mini' };
    // A long timeout: only the client's cancel can end a stalled stream in the cancel test.
    server = await startTestServer({ ...ai, AI_RATE_LIMIT: '1000', AI_TIMEOUT_MS: '120000' }, db);
    // Short timeouts and small limits for the tests of timeouts, retries and quotas.
    tight = await startTestServer(
      { ...ai, AI_TIMEOUT_MS: '300', AI_MAX_RETRIES: '1', AI_RATE_LIMIT: '3', AI_DAILY_QUOTA: '2' },
      db,
    );
    // AI off, with AI limits that would refuse a second AI call: catalog drafts must not spend them.
    off = await startTestServer({ AI_RATE_LIMIT: '1', AI_DAILY_QUOTA: '1' }, db);
    await upsertAttractions(
      server.ctx.db,
      places.map((p) => toAttractionRow(ktoItemSchema.parse(p), { source: 'dev', attribution: null })),
    );
    api = client(server.url);
    token = (await signUp(api)).accessToken;
  });
  afterAll(async () => {
    await off?.stop();
    await tight?.stop();
    await server?.stop();
    await db?.drop();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  it('answers 503 ai_disabled for tips when no key is configured; drafts then come from the catalog', async () => {
    const offApi = client(off.url);
    const t = (await signUp(offApi)).accessToken;
    expectProblem(
      await offApi.post('/ai/attractions/126508/tip', { lang: 'en' }, { token: t }),
      503,
      'ai_disabled',
    );
    const draft = await offApi.post(
      '/ai/itinerary-drafts',
      { days: 1, region: { sidoCode: 1 } },
      { token: t },
    );
    expect(draft.status).toBe(200);
    expect((await offApi.get('/ai/status')).body).toEqual({
      enabled: false,
      dailyQuota: 1,
      drafts: 'catalog',
    });
    expect((await api.get('/ai/status')).body).toEqual({ enabled: true, dailyQuota: 100, drafts: 'ai' });
    expect(fake.requests).toHaveLength(0);
  });

  it('requires a session', async () => {
    expectProblem(await api.post('/ai/attractions/126508/tip', { lang: 'en' }), 401, 'unauthenticated');
  });

  it('gives a tip through the SDK, caches it per attraction and language, and asks again for "another"', async () => {
    fake.reply(
      { kind: 'answer', content: '  "Come at 9 am for the changing of the guard at Gwanghwamun."  ' },
      { kind: 'answer', content: '경회루는 해 질 무렵 연못에 비친 모습이 가장 아름답습니다.' },
      { kind: 'answer', content: 'Rent a hanbok nearby: entry is then free.' },
    );
    const first = await api.post('/ai/attractions/126508/tip', { lang: 'en' }, { token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      attractionId: '126508',
      lang: 'en',
      cached: false,
      tip: 'Come at 9 am for the changing of the guard at Gwanghwamun.',
    });
    const request = fake.requests[0]!;
    expect(request.authorization).toBe('Bearer sk-test-key');
    expect(request.body.model).toBe('fake-mini');
    expect(JSON.stringify(request.body.messages)).toContain('경복궁');

    const again = await api.post('/ai/attractions/126508/tip', { lang: 'en' }, { token });
    expect(again.body).toMatchObject({ cached: true, tip: first.body.tip });
    expect(fake.requests).toHaveLength(1);

    const korean = await api.post('/ai/attractions/126508/tip', { lang: 'ko' }, { token });
    expect(korean.body).toMatchObject({
      lang: 'ko',
      cached: false,
      tip: '경회루는 해 질 무렵 연못에 비친 모습이 가장 아름답습니다.',
    });

    const another = await api.post('/ai/attractions/126508/tip', { lang: 'en', another: true }, { token });
    expect(another.body).toMatchObject({ cached: false, tip: 'Rent a hanbok nearby: entry is then free.' });
    // The model is told which tip to avoid repeating.
    expect(JSON.stringify(fake.requests[2]!.body.messages)).toContain('changing of the guard');
    expect((await api.post('/ai/attractions/126508/tip', { lang: 'en' }, { token })).body.tip).toBe(
      another.body.tip,
    );
  });

  it('refuses unknown attractions and bad input without calling the model', async () => {
    expectProblem(
      await api.post('/ai/attractions/999999999/tip', { lang: 'en' }, { token }),
      404,
      'not_found',
    );
    expectProblem(await api.post('/ai/attractions/abc/tip', { lang: 'en' }, { token }), 404, 'not_found');
    expectProblem(
      await api.post('/ai/attractions/126508/tip', { lang: 'fr' }, { token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.post('/ai/itinerary-drafts', { days: 0, region: { sidoCode: 1 } }, { token }),
      400,
      'validation_failed',
    );
    expectProblem(await api.post('/ai/itinerary-drafts', { days: 1 }, { token }), 400, 'validation_failed');
    expect(fake.requests).toHaveLength(0);
  });

  it('answers ai_bad_answer when the model returns an empty tip', async () => {
    fake.reply({ kind: 'answer', content: '   ' });
    expectProblem(
      await api.post('/ai/attractions/126537/tip', { lang: 'en' }, { token }),
      502,
      'ai_bad_answer',
    );
  });

  it('streams a draft built only from offered places: an invented id is dropped', async () => {
    fake.reply({
      kind: 'answer',
      chunks: 12,
      content: draftAnswer([
        { day: 1, placeId: '126508', startTime: '09:30', durationMinutes: 120, note: '수문장 교대식' },
        { day: 1, placeId: '999999', startTime: '11:45', durationMinutes: 60, note: '없는 곳' },
        { day: 1, placeId: '2748374', startTime: '12:00', durationMinutes: 60, note: '점심' },
        { day: 1, placeId: '126537', startTime: '12:30', durationMinutes: 90, note: '골목 산책' },
      ]),
    });
    const res = await fetch(`${server.url}/api/ai/itinerary-drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        lang: 'ko',
        days: 1,
        region: { sidoCode: 1 },
        interests: ['궁궐'],
        pace: 'relaxed',
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(res);
    expect(events.map((e) => e.type)).toEqual(['start', 'stop', 'dropped', 'stop', 'stop', 'done']);
    expect(events[0]).toMatchObject({ type: 'start', candidateCount: expect.any(Number) });
    expect(events[2]).toEqual({ type: 'dropped', placeId: '999999', reason: 'unknown_place' });
    const done = events.at(-1) as Extract<DraftEvent, { type: 'done' }>;
    expect(done.dropped).toBe(1);
    expect(done.draft.title).toBe('종로 하루');
    // Sorted by time; the walk that overlapped lunch moves to after it; days count from 0 like stops.day.
    expect(done.draft.stops.map((s) => [s.day, s.place.attractionId, s.startTime, s.category])).toEqual([
      [0, '126508', '09:30', 'sightseeing'],
      [0, '2748374', '12:00', 'food'],
      [0, '126537', '13:00', 'sightseeing'],
    ]);
    expect(done.draft.stops[0]!.place).toMatchObject({ name: '경복궁', lat: 37.5796, lng: 126.977 });

    // The model was offered the catalog's places by id, streamed, with a strict JSON schema.
    const sent = fake.requests[0]!.body;
    expect(sent.stream).toBe(true);
    expect(sent.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'itinerary_draft', strict: true },
    });
    const offered = JSON.parse(sent.messages!.find((m) => m.role === 'user')!.content) as {
      candidates: { id: string }[];
    };
    expect(offered.candidates).toHaveLength((events[0] as { candidateCount: number }).candidateCount);
    expect(offered.candidates.map((c) => c.id)).toEqual(
      expect.arrayContaining(places.map((p) => String(p.contentid))),
    );
  });

  it('ends the stream with an ai_bad_answer problem when the answer is not a draft', async () => {
    fake.reply({ kind: 'answer', content: 'Sure! Day 1: go to the palace, then eat.' });
    const res = await fetch(`${server.url}/api/ai/itinerary-drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'en', days: 1, region: { sidoCode: 1 } }),
    });
    const events = await readEvents(res);
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events[1]).toMatchObject({ type: 'error', problem: { status: 502, code: 'ai_bad_answer' } });
  });

  it('answers ai_no_candidates for a region the catalog does not cover', async () => {
    expectProblem(
      await api.post(
        '/ai/itinerary-drafts',
        { days: 1, near: { lat: 33.0, lng: 131.5, radiusKm: 1 } },
        { token },
      ),
      422,
      'ai_no_candidates',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('cancels the model call when the client goes away', async () => {
    fake.reply({ kind: 'stall', pieces: ['{"title":"종로', '","summary":"', '하루","stops":[{"day":1,'] });
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/ai/itinerary-drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'ko', days: 1, region: { sidoCode: 1 } }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: start');
    // The model is mid-answer (the stall keeps its stream open) when the traveller cancels.
    while (fake.requests.length === 0) await new Promise((r) => setImmediate(r));
    abort.abort();
    await reader.cancel().catch(() => undefined);
    expect(await fake.requests[0]!.ended).toBe(true);
  });

  it('times out a model that does not answer, after one retry', async () => {
    const tightApi = client(tight.url);
    const t = (await signUp(tightApi)).accessToken;
    fake.reply({ kind: 'hang' }, { kind: 'hang' });
    expectProblem(
      await tightApi.post('/ai/attractions/126508/tip', { lang: 'en', another: true }, { token: t }),
      504,
      'ai_timeout',
    );
    expect(fake.requests).toHaveLength(2);
  });

  it('ends a draft with ai_timeout when the model falls silent mid-stream', async () => {
    const tightApi = client(tight.url);
    const t = (await signUp(tightApi)).accessToken;
    fake.reply({ kind: 'stall', pieces: ['{"title":"x","summary":"y","stops":['] });
    const res = await fetch(`${tight.url}/api/ai/itinerary-drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'en', days: 1, region: { sidoCode: 1 } }),
    });
    const events = await readEvents(res);
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events[1]).toMatchObject({ problem: { status: 504, code: 'ai_timeout' } });
    // The silent upstream call was abandoned, not left open.
    expect(await fake.requests[0]!.ended).toBe(true);
  });

  it('retries a failing model service with backoff, then answers', async () => {
    const tightApi = client(tight.url);
    const t = (await signUp(tightApi)).accessToken;
    fake.reply({ kind: 'error', status: 503 }, { kind: 'answer', content: 'Go early on weekdays.' });
    const res = await tightApi.post('/ai/attractions/129703/tip', { lang: 'en' }, { token: t });
    expect(res.body).toMatchObject({ tip: 'Go early on weekdays.', cached: false });
    expect(fake.requests).toHaveLength(2);
  });

  it('answers ai_unavailable when the model service keeps failing', async () => {
    const tightApi = client(tight.url);
    const t = (await signUp(tightApi)).accessToken;
    fake.reply({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    expectProblem(
      await tightApi.post('/ai/attractions/264337/tip', { lang: 'ko' }, { token: t }),
      502,
      'ai_unavailable',
    );
  });

  it('limits model calls per day, per user', async () => {
    const tightApi = client(tight.url);
    const t = (await signUp(tightApi)).accessToken;
    fake.reply({ kind: 'answer', content: 'Tip one.' }, { kind: 'answer', content: 'Tip two.' });
    expect(
      (await tightApi.post('/ai/attractions/126537/tip', { lang: 'en', another: true }, { token: t })).status,
    ).toBe(200);
    expect(
      (await tightApi.post('/ai/attractions/126537/tip', { lang: 'en', another: true }, { token: t })).status,
    ).toBe(200);
    const quota = await tightApi.post(
      '/ai/attractions/126537/tip',
      { lang: 'en', another: true },
      { token: t },
    );
    expectProblem(quota, 429, 'ai_quota_exceeded');
    expect(Number(quota.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(2);
    // Someone else is not affected.
    const other = (await signUp(tightApi)).accessToken;
    expect(
      (await tightApi.post('/ai/attractions/126537/tip', { lang: 'en' }, { token: other })).body,
    ).toMatchObject({ cached: true });
  });

  it('limits requests per minute per user, in the database every instance shares', async () => {
    const userId = (await signUp(api)).user.id;
    const minute = Date.UTC(2026, 0, 1, 12, 0, 0);
    const limits = new AiLimits(server.ctx.db, 2, 100);
    const otherInstance = new AiLimits(tight.ctx.db, 2, 100);
    await limits.request(userId, minute);
    await otherInstance.request(userId, minute + 10_000);
    const refused = await limits.request(userId, minute + 20_000).catch((err: unknown) => err);
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited', headers: { 'Retry-After': '40' } });
    // The next minute starts afresh.
    await expect(limits.request(userId, minute + 60_000)).resolves.toBeUndefined();
  });
  it('with AI off, drafts from the catalog: real places of the region and types, by day, none twice, the same for the same request', async () => {
    const offApi = client(off.url);
    const t = (await signUp(offApi)).accessToken;
    const request = { lang: 'en', days: 2, region: { sidoCode: 1 }, types: [12, 14], pace: 'moderate' };
    const events = await draftEvents(off.url, t, request);
    expect(events[0]).toEqual({ type: 'start', candidateCount: expect.any(Number), source: 'catalog' });
    const draft = finalDraft(events);
    // The same events as an AI draft: a stop each, then done.
    expect(events.filter((e) => e.type === 'stop').map((e) => e.stop)).toEqual(draft.stops);
    expect(draft.title).toBe('Suggested from our catalog');

    const ids = draft.stops.map((s) => s.place.attractionId);
    const region = await off.ctx.db.sequelize.query<{ id: number | string }>(
      'SELECT id FROM attractions WHERE sido_code = 1 AND content_type_id IN (12, 14)',
      { type: QueryTypes.SELECT },
    );
    const allowed = new Set(region.map((r) => String(r.id)));
    expect(ids.length).toBe(8); // moderate: 4 a day without food
    for (const id of ids) expect(allowed).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(draft.stops.map((s) => s.place.contentTypeId))).toEqual(new Set([12, 14]));
    expect(draft.stops.filter((s) => s.day === 0)).toHaveLength(4);
    expect(draft.stops.filter((s) => s.day === 1)).toHaveLength(4);
    for (const day of [0, 1]) expect(draft.stops.find((s) => s.day === day)!.startTime).toBe('10:00');
    expectTimedRoute(draft.stops);

    // Deterministic: the same request, the same draft; "another suggestion" (variant) another one.
    expect(finalDraft(await draftEvents(off.url, t, request))).toEqual(draft);
    const another = finalDraft(await draftEvents(off.url, t, { ...request, variant: 1 }));
    expect(another).not.toEqual(draft);
    for (const stop of another.stops) expect(allowed).toContain(stop.place.attractionId);
    expect(fake.requests).toHaveLength(0);
  });

  it('puts a meal at a food place at lunch when food is chosen', async () => {
    const offApi = client(off.url);
    const t = (await signUp(offApi)).accessToken;
    const draft = finalDraft(
      await draftEvents(off.url, t, { lang: 'ko', days: 1, region: { sidoCode: 1 }, pace: 'relaxed' }),
    );
    expect(draft.title).toBe('카탈로그 추천 일정');
    // Seoul's only restaurant in this catalog; relaxed: two sights and lunch.
    expect(draft.stops.map((s) => s.category)).toContain('food');
    const lunch = draft.stops.find((s) => s.category === 'food')!;
    expect(lunch.place.attractionId).toBe('2748374');
    expect(minutes(lunch.startTime)).toBeGreaterThanOrEqual(minutes('11:30'));
    expect(draft.stops).toHaveLength(3);
    expectTimedRoute(draft.stops);
  });

  it('with AI off: 422 ai_no_candidates where the catalog has nothing, 401 without a session', async () => {
    const offApi = client(off.url);
    const t = (await signUp(offApi)).accessToken;
    expectProblem(
      await offApi.post(
        '/ai/itinerary-drafts',
        { days: 1, near: { lat: 33.0, lng: 131.5, radiusKm: 1 } },
        { token: t },
      ),
      422,
      'ai_no_candidates',
    );
    // Incheon has no restaurant in this catalog.
    expectProblem(
      await offApi.post(
        '/ai/itinerary-drafts',
        { days: 1, region: { sidoCode: 2 }, types: [39] },
        { token: t },
      ),
      422,
      'ai_no_candidates',
    );
    expectProblem(
      await offApi.post(
        '/ai/itinerary-drafts',
        { days: 1, region: { sidoCode: 1 }, types: [32] },
        { token: t },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await offApi.post('/ai/itinerary-drafts', { days: 1, region: { sidoCode: 1 } }),
      401,
      'unauthenticated',
    );
  });

  it('with AI off, the AI limits do not apply to catalog drafts; a per-user request limit does', async () => {
    const offApi = client(off.url);
    const t = (await signUp(offApi)).accessToken;
    const body = { days: 1, region: { sidoCode: 6 } };
    // AI_RATE_LIMIT and AI_DAILY_QUOTA are 1 on this server: well past both.
    for (let i = 0; i < CATALOG_DRAFTS_PER_MINUTE; i++)
      expect((await offApi.post('/ai/itinerary-drafts', body, { token: t })).status).toBe(200);
    const refused = await offApi.post('/ai/itinerary-drafts', body, { token: t });
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Someone else is not affected.
    const other = (await signUp(offApi)).accessToken;
    expect((await offApi.post('/ai/itinerary-drafts', body, { token: other })).status).toBe(200);
  });

  it('with AI on, puts each day of the model’s draft in a shorter order, timed along it with travel estimates', async () => {
    // A zigzag: the palace, the museum across the river, back north to Bukchon, then the market.
    const zigzag = [
      { day: 1, placeId: '126508', startTime: '09:30', durationMinutes: 90, note: '궁궐' },
      { day: 1, placeId: '129703', startTime: '11:30', durationMinutes: 90, note: '박물관' },
      { day: 1, placeId: '126537', startTime: '14:00', durationMinutes: 60, note: '골목' },
      { day: 1, placeId: '264337', startTime: '16:00', durationMinutes: 60, note: '시장' },
    ];
    fake.reply({ kind: 'answer', chunks: 6, content: draftAnswer(zigzag) });
    const events = await draftEvents(server.url, token, { lang: 'ko', days: 1, region: { sidoCode: 1 } });
    expect(events[0]).toMatchObject({ type: 'start', source: 'ai' });
    const draft = finalDraft(events);
    const byId = new Map(places.map((p) => [String(p.contentid), { lat: p.mapy, lng: p.mapx }]));
    const asModel = routeMetres(zigzag.map((s) => byId.get(s.placeId)!));
    const asDrafted = routeMetres(draft.stops.map((s) => ({ lat: s.place.lat, lng: s.place.lng })));
    expect(asDrafted).toBeLessThan(asModel);
    // The museum, far south, is visited last; the day still starts when the model said.
    expect(draft.stops.map((s) => s.place.attractionId)).toEqual(['126508', '126537', '264337', '129703']);
    expect(draft.stops[0]!.startTime).toBe('09:30');
    expectTimedRoute(draft.stops);
  });
});
