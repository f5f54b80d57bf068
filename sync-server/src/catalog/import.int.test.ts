import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { importFile } from './file-import.js';
import { main } from './import-cli.js';
import { KTO_ATTRIBUTION } from './records.js';
import { importFromTourApi, TourApiError } from './tourapi.js';

/** A stand-in for apis.data.go.kr/B551011/KorService2 answering in TourAPI's real JSON envelope. */
type Item = Record<string, string>;
function item(id: number, area: number, title: string, extra: Item = {}): Item {
  return {
    addr1: `${area === 39 ? '제주특별자치도 제주시' : '부산광역시 해운대구'} 테스트로 ${id}`,
    addr2: '',
    areacode: String(area),
    cat1: 'A01',
    cat2: 'A0101',
    cat3: 'A01011200',
    contentid: String(id),
    contenttypeid: '12',
    createdtime: '20240101090000',
    firstimage: `http://tong.visitkorea.or.kr/cms/resource/${id}_image2_1.jpg`,
    firstimage2: `http://tong.visitkorea.or.kr/cms/resource/${id}_image3_1.jpg`,
    cpyrhtDivCd: 'Type3',
    mapx: area === 39 ? '126.5312' : '129.1604',
    mapy: area === 39 ? '33.4996' : '35.1587',
    mlevel: '6',
    modifiedtime: '20250301120000',
    sigungucode: area === 39 ? '4' : '16',
    tel: '',
    title,
    zipcode: '63000',
    ...extra,
  };
}
const ok = (items: Item[] | Item, page: number, total: number, rows: number) => ({
  response: {
    header: { resultCode: '0000', resultMsg: 'OK' },
    body: {
      items: Array.isArray(items) && items.length === 0 ? '' : { item: items },
      numOfRows: rows,
      pageNo: page,
      totalCount: total,
    },
  },
});
const failure = (code: string, msg: string) => ({
  response: { header: { resultCode: code, resultMsg: msg } },
});

type Fake = {
  url: string;
  requests: URL[];
  /** Answers to give before the normal one, per "operation:page" or "operation:contentId" key. */
  queued: Map<string, { status: number; body: string }[]>;
  close(): Promise<void>;
};

async function fakeTourApi(catalog: Record<number, Item[]>): Promise<Fake> {
  const requests: URL[] = [];
  const queued: Fake['queued'] = new Map();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://fake');
    requests.push(url);
    const op = url.pathname.split('/').pop()!;
    const p = url.searchParams;
    const key =
      op === 'detailCommon2'
        ? `${op}:${p.get('contentId')}`
        : `${op}:${p.get('areaCode')}:${p.get('pageNo')}`;
    const next = queued.get(key)?.shift();
    if (next) {
      res
        .writeHead(next.status, {
          'content-type': next.body.startsWith('<') ? 'text/xml' : 'application/json',
        })
        .end(next.body);
      return;
    }
    if (
      p.get('serviceKey') !== 'secret/key+=' ||
      p.get('_type') !== 'json' ||
      p.get('MobileOS') !== 'ETC' ||
      !p.get('MobileApp')
    ) {
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>',
        );
      return;
    }
    const all = Object.values(catalog).flat();
    if (op === 'areaBasedList2') {
      const area = Number(p.get('areaCode'));
      const items = catalog[area] ?? [];
      const rows = Number(p.get('numOfRows'));
      const page = Number(p.get('pageNo'));
      const slice = items.slice((page - 1) * rows, page * rows);
      // TourAPI sends a lone item as an object, not an array.
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(ok(slice.length === 1 ? slice[0]! : slice, page, items.length, rows)));
      return;
    }
    if (op === 'detailCommon2') {
      const found = all.find((i) => i.contentid === p.get('contentId'));
      const detail = found && {
        ...found,
        overview: `${found.title}은(는) 좋은 곳입니다.<br><script>alert("x")</script>`,
        homepage: `<a href="https://example.org/${found.contentid}" target="_blank" title="새창">https://example.org</a>`,
        telname: '안내센터',
        tel: '064-000-0000',
      };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(ok(detail ? [detail] : [], 1, detail ? 1 : 0, 1)));
      return;
    }
    if (op === 'detailImage2') {
      const id = p.get('contentId')!;
      // The first attraction has two more photos; the others have none (an empty items field).
      const photos =
        id === jeju[0]!.contentid
          ? [1, 2].map((n) => ({
              contentid: id,
              imgname: `사진${n}`,
              originimgurl: `http://tong.visitkorea.or.kr/cms/resource/${id}_image2_${n + 1}.jpg`,
              serialnum: `${id}_${n}`,
              smallimageurl: `http://tong.visitkorea.or.kr/cms/resource/${id}_image3_${n + 1}.jpg`,
              cpyrhtDivCd: 'Type3',
            }))
          : [];
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(ok(photos, 1, photos.length, 50)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/B551011/KorService2`,
    requests,
    queued,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let server: TestServer;
let api: Client;
let fake: Fake;
const jeju = [1, 2, 3, 4, 5].map((n) => item(5_000_000 + n, 39, `테스트오름${n}`));
const busan = [1, 2, 3].map((n) => item(5_100_000 + n, 6, `테스트해변${n}`));
// The data.go.kr "encoded" key form: the importer must decode it once.
const encodedKey = encodeURIComponent('secret/key+=');
const fast = { requestsPerSecond: 1000, backoffMs: 1 };

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  fake = await fakeTourApi({ 39: jeju, 6: busan });
});
afterAll(async () => {
  await fake?.close();
  await server?.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.queued.clear();
});

describe('TourAPI import', () => {
  it('pages through areaBasedList2, fetches detailCommon2, retries a failed page and keeps the KTO attribution', async () => {
    fake.queued.set('areaBasedList2:39:2', [
      { status: 200, body: JSON.stringify(failure('05', 'SERVICETIMEOUT_ERROR')) },
    ]);
    fake.queued.set(`detailCommon2:${jeju[4]!.contentid}`, [{ status: 503, body: 'busy' }]);
    const retries: string[] = [];
    const progress: number[] = [];
    const result = await importFromTourApi(server.ctx.db, {
      serviceKey: encodedKey,
      baseUrl: fake.url,
      areaCode: 39,
      pageSize: 2,
      ...fast,
      onRetry: (r) => retries.push(r.reason),
      onProgress: (p) => progress.push(p.page),
    });
    expect(result).toMatchObject({ imported: 5, totalCount: 5, totalPages: 3, finished: true, rejected: [] });
    expect(retries).toEqual(['05 SERVICETIMEOUT_ERROR', 'HTTP 503']);
    expect(progress).toEqual([1, 2, 3]);
    const lists = fake.requests.filter((u) => u.pathname.endsWith('/areaBasedList2'));
    expect(lists.map((u) => u.searchParams.get('pageNo'))).toEqual(['1', '2', '2', '3']);
    expect(lists[0]!.searchParams.get('numOfRows')).toBe('2');
    expect(fake.requests.filter((u) => u.pathname.endsWith('/detailCommon2'))).toHaveLength(6);

    const detail = (await api.get(`/attractions/${jeju[0]!.contentid}`)).body;
    expect(detail).toMatchObject({
      title: '테스트오름1',
      source: 'kto',
      attribution: KTO_ATTRIBUTION,
      license: 'Type3',
      sido: 39,
      gugun: 4,
      lat: 33.4996,
      lng: 126.5312,
      telName: '안내센터',
      homepage: `https://example.org/${jeju[0]!.contentid}`,
      firstImage: `https://tong.visitkorea.or.kr/cms/resource/${jeju[0]!.contentid}_image2_1.jpg`,
      modifiedAt: '2025-03-01T12:00:00+09:00',
    });
    expect(detail.overview).toBe('테스트오름1은(는) 좋은 곳입니다.<br />');
    const image = (n: string) =>
      `https://tong.visitkorea.or.kr/cms/resource/${jeju[0]!.contentid}_image${n}.jpg`;
    expect(detail.images).toEqual([
      { url: image('2_1'), thumbnailUrl: image('3_1') },
      { url: image('2_2'), thumbnailUrl: image('3_2') },
      { url: image('2_3'), thumbnailUrl: image('3_3') },
    ]);
    expect(fake.requests.filter((u) => u.pathname.endsWith('/detailImage2'))).toHaveLength(5);
    const found = (await api.get(`/attractions?q=${encodeURIComponent('테스트오름')}`)).body;
    expect(found.total).toBe(5);
  });

  it('skips the detail call for attractions that did not change', async () => {
    const result = await importFromTourApi(server.ctx.db, {
      serviceKey: encodedKey,
      baseUrl: fake.url,
      areaCode: 39,
      pageSize: 2,
      restart: true,
      ...fast,
    });
    expect(result).toMatchObject({ finished: true, imported: 0 });
    expect(fake.requests.filter((u) => u.pathname.endsWith('/detailCommon2'))).toHaveLength(0);
  });

  it('stops on an error page it cannot cure, and resumes after the last page written', async () => {
    fake.queued.set('areaBasedList2:6:2', [
      {
        status: 200,
        body: JSON.stringify(failure('22', 'LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR')),
      },
    ]);
    const options = {
      serviceKey: encodedKey,
      baseUrl: fake.url,
      areaCode: 6,
      pageSize: 1,
      details: false,
      ...fast,
    };
    const error = await importFromTourApi(server.ctx.db, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TourApiError);
    expect(error).toMatchObject({ resultCode: '22' });
    expect((await api.get(`/attractions?q=${encodeURIComponent('테스트해변')}`)).body.total).toBe(1);

    fake.requests.length = 0;
    const resumed = await importFromTourApi(server.ctx.db, options);
    expect(resumed).toMatchObject({ finished: true, imported: 3, totalPages: 3 });
    expect(fake.requests.map((u) => u.searchParams.get('pageNo'))).toEqual(['2', '3']);
    expect((await api.get(`/attractions?q=${encodeURIComponent('테스트해변')}`)).body.total).toBe(3);
  });

  it('reports a key the gateway refuses without retrying', async () => {
    const error = await importFromTourApi(server.ctx.db, {
      serviceKey: 'wrong',
      baseUrl: fake.url,
      areaCode: 39,
      restart: true,
      ...fast,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TourApiError);
    expect((error as Error).message).toMatch(/SERVICE_KEY_IS_NOT_REGISTERED_ERROR/);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('file import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports CSV rows and reports bad ones with their line numbers', async () => {
    const file = path.join(dir, 'places.csv');
    writeFileSync(
      file,
      [
        'contentid,contenttypeid,title,title_en,addr1,areacode,sigungucode,mapx,mapy,overview,images',
        '6000001,12,파일공원,File Park,"서울특별시 종로구 어딘가로 1, 2층",1,23,126.98,37.57,<p>설명</p>,https://example.com/a.jpg|https://example.com/b.jpg',
        '6000002,12,위도틀림,,,1,23,126.98,95,,',
        '6000003,12,없는지역,,,77,1,,,,',
        '6000004,12,,,,1,23,,,,',
        '6000005,13,이상한종류,,,1,23,,,,',
        '6000006,39,"여러 줄',
        '설명 식당",,,6,16,129.16,35.16,,',
        'abc,12,아이디틀림,,,1,1,,,,',
      ].join('\n') + '\n',
    );
    const result = await importFile(server.ctx.db, file);
    expect(result.imported).toBe(2);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 9]);
    expect(result.rejected[0]!.message).toMatch(/mapy/);
    expect(result.rejected[1]!.message).toMatch(/unknown areacode 77/);
    expect(result.rejected[2]!.message).toMatch(/title/);
    expect(result.rejected[3]!.message).toMatch(/content type/);
    expect(result.rejected[4]!.message).toMatch(/contentid/);
    const park = (await api.get('/attractions/6000001')).body;
    expect(park).toMatchObject({
      title: '파일공원',
      titleEn: 'File Park',
      addr1: '서울특별시 종로구 어딘가로 1, 2층',
      source: 'file',
      gugun: 23,
    });
    expect(park.images.map((i: { url: string }) => i.url)).toEqual([
      'https://example.com/a.jpg',
      'https://example.com/b.jpg',
    ]);
    expect((await api.get('/attractions/6000006')).body.title).toBe('여러 줄\n설명 식당');
    expect((await api.get('/attractions?q=file%20park')).body.items[0].id).toBe('6000001');
  });

  it('imports NDJSON rows and reports bad ones with their line numbers', async () => {
    const file = path.join(dir, 'places.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({
          contentid: 6100001,
          contenttypeid: 39,
          title: '엔디제이슨식당',
          areacode: 6,
          sigungucode: 16,
          mapx: 129.16,
          mapy: 35.16,
        }),
        '{"contentid": 6100002, "title": ',
        '',
        JSON.stringify({
          contentid: 6100003,
          contenttypeid: 12,
          title: '좌표없음',
          areacode: 8,
          sigungucode: 999,
        }),
        JSON.stringify({ contentid: 6100004, contenttypeid: 12, title: 42, areacode: 1 }),
      ].join('\n'),
    );
    const result = await importFile(server.ctx.db, file);
    expect(result.imported).toBe(2);
    expect(result.rejected).toEqual([
      { line: 2, message: 'not valid JSON' },
      { line: 5, message: expect.stringMatching(/title/) },
    ]);
    // An unknown sigungucode leaves the gugun empty rather than losing the place.
    expect((await api.get('/attractions/6100003')).body).toMatchObject({
      sido: 8,
      gugun: null,
      lat: null,
      lng: null,
    });
  });

  it('runs from the command line: exit 2 with bad rows, 1 without a TourAPI key', async () => {
    const file = path.join(dir, 'cli.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({
          contentid: 6200001,
          contenttypeid: 12,
          title: '명령줄공원',
          areacode: 1,
          sigungucode: 1,
        }),
        JSON.stringify({ contentid: 6200002, contenttypeid: 12, title: '틀린행', areacode: 0 }),
      ].join('\n'),
    );
    const env = { NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: server.db.url, LOG_LEVEL: 'silent' };
    expect(await main(['--from', file], env)).toBe(2);
    expect((await api.get('/attractions/6200001')).body.title).toBe('명령줄공원');
    expect(await main(['--from', 'tourapi'], env)).toBe(1);
    expect(await main(['--from', 'tourapi', '--rows', 'many'], { ...env, TOURAPI_KEY: 'k' })).toBe(1);
  });
});
