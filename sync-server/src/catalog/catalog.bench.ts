/**
 * `npm run bench:catalog [-- --db mariadb|sqlite --rows 50000 --queries 300]`: fills a fresh
 * database with generated attractions, starts the real server and measures keyword search,
 * near-point search and a 5,000-attraction region pack over HTTP. Prints p50/p95/max.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { ktoSido } from '@hamgaja/shared';
// The app's offline-region code in Chromium (the desktop workspace owns the renderer and Playwright).
import { measureRegionPack } from '../../../desktop/bench/region-pack.bench.js';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { ktoItemSchema, toAttractionRow, type AttractionRow } from './records.js';
import { removeDevCatalog, upsertAttractions } from './store.js';
import { devCatalogRows } from './seed.js';

/** mulberry32: the same data on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables =
  '가나다라마바사아자차카타파하강남동서북중산천해운대수영광안송도월미경복창덕불국석굴성일출봉한라백두금강설악지리'.split(
    '',
  );
const suffixes = [
  '해수욕장',
  '공원',
  '박물관',
  '미술관',
  '시장',
  '사',
  '궁',
  '폭포',
  '전망대',
  '수목원',
  '온천',
  '마을',
  '식당',
  '호텔',
  '캠핑장',
  '둘레길',
  '산성',
  '서원',
];
const types = [12, 12, 12, 14, 15, 25, 28, 32, 38, 39];

function generate(count: number, packSido: number, packCount: number): AttractionRow[] {
  const random = prng(20261129);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const anchors = devCatalogRows();
  const others = ktoSido.filter((s) => s.code !== packSido);
  const rows: AttractionRow[] = [];
  for (let i = 0; i < count; i += 1) {
    // The first packCount rows fill one sido, and only they: its pack holds exactly that many.
    const sido = i < packCount ? ktoSido.find((s) => s.code === packSido)! : pick(others);
    const gugun = pick(sido.gugun);
    const anchor = pick(anchors.filter((a) => a.sido_code === sido.code));
    const name =
      Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join('') + pick(suffixes);
    const item = ktoItemSchema.parse({
      contentid: 1_000_000 + i,
      contenttypeid: pick(types),
      title: name,
      addr1: `${anchor.addr1!.split(' ').slice(0, 2).join(' ')} ${gugun.name.ko} ${pick(syllables)}${pick(syllables)}로 ${1 + Math.floor(random() * 300)}`,
      areacode: sido.code,
      sigungucode: gugun.code,
      mapx: anchor.lng! + (random() - 0.5) * 0.4,
      mapy: anchor.lat! + (random() - 0.5) * 0.3,
      overview: `<p>${name}은(는) ${sido.name.ko} ${gugun.name.ko}에 있는 곳입니다. ${'여행자들이 즐겨 찾는 명소로 사계절 풍경이 아름답습니다. '.repeat(4)}</p>`,
      firstimage: `https://tong.visitkorea.or.kr/cms/resource/${i}_image2_1.jpg`,
      firstimage2: `https://tong.visitkorea.or.kr/cms/resource/${i}_image3_1.jpg`,
      modifiedtime: '20250101000000',
    });
    rows.push(toAttractionRow(item, { source: 'file', attribution: 'bench' }));
  }
  return rows;
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms (${ms.length} requests)`;
}

async function timed(url: string): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${body.toString().slice(0, 200)}`);
  return { ms: performance.now() - started, body };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: 'mariadb' },
      rows: { type: 'string', default: '50000' },
      queries: { type: 'string', default: '300' },
      keep: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.rows);
  const queries = Number(values.queries);
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-bench-'));
  let databaseUrl = `sqlite:${path.join(dir, 'bench.sqlite')}`;
  let drop = async () => {};
  if (values.db === 'mariadb') {
    const admin = process.env.TEST_MYSQL_URL ?? 'mysql://hamgaja:hamgaja@127.0.0.1:3306';
    const name = `hamgaja_bench_${randomBytes(4).toString('hex')}`;
    const c = await mysql.createConnection(admin);
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    databaseUrl = `${admin.replace(/\/$/, '')}/${name}`;
    drop = async () => {
      const d = await mysql.createConnection(admin);
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    };
  }
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config);
  try {
    const db = server.ctx.db;
    await removeDevCatalog(db);
    const packSido = 39;
    const rows = generate(count, packSido, 5000);
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      await upsertAttractions(db, rows.slice(i, i + 1000));
      process.stderr.write(`\rimporting ${Math.min(i + 1000, rows.length)}/${rows.length}`);
    }
    const importS = (performance.now() - started) / 1000;
    console.log(
      `\n${values.db}: imported ${rows.length} attractions in ${importS.toFixed(1)} s (${Math.round(rows.length / importS)}/s)`,
    );
    if (db.dialect === 'mysql') await db.sequelize.query('ANALYZE TABLE attractions, attraction_tokens');
    else await db.sequelize.query('ANALYZE');

    const random = prng(7);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const words = () => {
      const title = pick(rows).title;
      const len = 2 + Math.floor(random() * 3);
      const at = Math.floor(random() * Math.max(1, title.length - len));
      return pick([
        title.slice(at, at + len),
        pick(suffixes),
        '해수욕',
        '박물관',
        `${pick(ktoSido).name.ko} ${pick(suffixes)}`,
        title,
      ]);
    };
    // Warm up connections and caches.
    for (let i = 0; i < 20; i += 1)
      await timed(`${server.url}/api/attractions?q=${encodeURIComponent(words())}`);
    const keyword: number[] = [];
    const byKind = new Map<string, number[]>();
    for (let i = 0; i < queries; i += 1) {
      const q = words();
      const ms = (await timed(`${server.url}/api/attractions?q=${encodeURIComponent(q)}`)).ms;
      keyword.push(ms);
      const kind = q.includes(' ')
        ? 'several words'
        : q.length === 1
          ? '1 character'
          : q.length === 2
            ? '2 characters'
            : '3+ characters';
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
    console.log(`keyword search: ${stats(keyword)}`);
    for (const [kind, ms] of byKind) console.log(`  ${kind}: ${stats(ms)}`);
    const near: number[] = [];
    for (let i = 0; i < queries; i += 1) {
      const anchor = pick(rows);
      near.push(
        (
          await timed(
            `${server.url}/api/attractions?near=${anchor.lat!.toFixed(4)},${anchor.lng!.toFixed(4)}&radiusKm=${pick([2, 5, 10, 20])}`,
          )
        ).ms,
      );
    }
    console.log(`near search: ${stats(near)}`);
    const filtered: number[] = [];
    for (let i = 0; i < queries; i += 1) {
      const sido = pick(ktoSido);
      filtered.push(
        (
          await timed(
            `${server.url}/api/attractions?q=${encodeURIComponent(words())}&sido=${sido.code}&type=${pick(types)}&page=${1 + Math.floor(random() * 3)}`,
          )
        ).ms,
      );
    }
    console.log(`keyword + filters: ${stats(filtered)}`);
    // The pack in Chromium first, while the server has not cut it yet (the first download after an import).
    const packCount = rows.filter((r) => r.sido_code === packSido).length;
    const inBrowser = await measureRegionPack(server.url, packSido, '해수욕');
    for (const [label, run] of [
      ['first download (server cuts the pack)', inBrowser.cold],
      ['next download (pack already cut)', inBrowser.warm],
    ] as const) {
      console.log(
        `region pack in Chromium, ${label}: ${packCount} attractions, ${(run.bytes / 1024).toFixed(0)} KiB, ` +
          `downloaded ${run.downloaded.toFixed(0)} ms, stored, checked, indexed and searched ${run.ms.toFixed(0)} ms ` +
          `(${run.found} found, ${run.progressEvents} progress events)`,
      );
    }
    console.log(
      `region pack offline (network off, reopened from IndexedDB): searched in ${inBrowser.offline.ms.toFixed(0)} ms (${inBrowser.offline.found} found)`,
    );
    const cold = await timed(`${server.url}/api/regions/${packSido}/pack`);
    console.log(
      `region pack over HTTP (${packSido}, ${packCount} attractions): ${(cold.body.length / 1024).toFixed(0)} KiB gzip, ${cold.ms.toFixed(0)} ms (cached)`,
    );
    return 0;
  } finally {
    await server.close();
    if (values.keep) console.log(`kept ${databaseUrl}`);
    else await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
