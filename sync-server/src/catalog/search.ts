import { QueryTypes } from 'sequelize';
import {
  normalizeText,
  queryWords,
  RELEVANCE_TITLE_KEY,
  type AttractionSearch,
  type AttractionSearchResult,
} from '@hamgaja/shared';
import { bindList, sqlInt, sqlInts, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { catalogEngine, type CatalogEngine } from './engine.js';
import { boundingBox, distanceSql, doubleLiteral } from './geo.js';
import { catalogVersion, summaryColumns, toSummary } from './store.js';
import { charLength, prefixUpperBound, wordBigrams } from './text.js';

export type SearchSql = {
  select: string;
  /** Whether the page carries the total (a keyword or near search); otherwise run `count` too. */
  windowed: boolean;
  count: string;
  /** The bound values of `select` (every piece of user text is bound, never written into the SQL). */
  bind: Bind;
  /** The bound values of `count`. */
  countBind: Bind;
};

/** FTS5 string literal: the trigram tokenizer matches it as a substring. */
const ftsPhrase = (word: string) => `"${word.replace(/"/g, '""')}"`;
/** InnoDB boolean-mode phrase (the ngram parser matches it as a run of ngrams). */
const booleanPhrase = (word: string) => `+"${word.replace(/["\\]/g, ' ')}"`;

/**
 * How many postings each bigram has in the token table: a planning hint only (which bigram
 * drives a keyword search), so a stale count costs speed, never a result. Cached per process
 * for a few minutes; an import on another instance is picked up when the entry expires.
 */
export type TokenCounts = ReadonlyMap<string, number>;
const COUNT_TTL_MS = 5 * 60_000;
const COUNT_CACHE_MAX = 20_000;
const tokenCountCache = new WeakMap<Database, Map<string, { n: number; at: number }>>();

export async function tokenCounts(db: Database, tokens: string[]): Promise<TokenCounts> {
  let cache = tokenCountCache.get(db);
  if (!cache) tokenCountCache.set(db, (cache = new Map()));
  const now = Date.now();
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const token of new Set(tokens)) {
    const hit = cache.get(token);
    if (hit && now - hit.at < COUNT_TTL_MS) counts.set(token, hit.n);
    else missing.push(token);
  }
  if (missing.length > 0) {
    const bind: Bind = {};
    const rows = await db.sequelize.query<{ token: string; n: number | string }>(
      `SELECT token, COUNT(*) AS n FROM attraction_tokens WHERE token IN (${bindList(bind, 't', missing)}) GROUP BY token`,
      { bind, type: QueryTypes.SELECT },
    );
    const found = new Map(rows.map((r) => [r.token, Number(r.n)]));
    if (cache.size + missing.length > COUNT_CACHE_MAX) cache.clear();
    for (const token of missing) {
      const n = found.get(token) ?? 0;
      cache.set(token, { n, at: now });
      counts.set(token, n);
    }
  }
  return counts;
}

/** The bigrams the token-table path may drive a search with (empty when it is not used). */
export function drivingBigrams(engine: CatalogEngine, words: string[]): string[] {
  if (engine.kind === 'sqlite' && words.some((w) => charLength(w) >= 3)) return [];
  if (
    engine.kind === 'mysql' &&
    engine.ngramTokenSize > 0 &&
    words.some((w) => charLength(w) >= engine.ngramTokenSize)
  )
    return [];
  return words.flatMap((w) => (charLength(w) >= 2 ? wordBigrams(w) : []));
}

/**
 * The candidate-id subquery of a keyword search (its values bound into `bind`), from the engine's text index:
 * SQLite FTS5 trigram for words of 3+ characters, MySQL 8 FULLTEXT ngram for words as long
 * as its token size, the bigram token table for everything else (all words on MariaDB).
 * One index lookup drives the query; every word is then checked exactly on those candidates.
 * On the token table that lookup joins the postings of one bigram per word.
 */
function candidates(engine: CatalogEngine, words: string[], bind: Bind, counts?: TokenCounts): string {
  if (engine.kind === 'sqlite') {
    const long = words.filter((w) => charLength(w) >= 3);
    if (long.length > 0) {
      bind.match = long.map(ftsPhrase).join(' ');
      return 'SELECT rowid AS id FROM attractions_fts WHERE attractions_fts MATCH $match';
    }
  }
  if (engine.kind === 'mysql' && engine.ngramTokenSize > 0) {
    const long = words.filter((w) => charLength(w) >= engine.ngramTokenSize);
    if (long.length > 0) {
      bind.match = long.map(booleanPhrase).join(' ');
      return 'SELECT id FROM attractions WHERE MATCH(search_title, search_address) AGAINST ($match IN BOOLEAN MODE)';
    }
  }
  const grams = drivingBigrams(engine, words);
  if (grams.length === 0) {
    // Only one-character words: a prefix range over the tokens finds the character anywhere.
    // Past U+10FFFF nothing sorts, so that character's range has no upper end.
    const word = words[0]!;
    bind.from = word;
    const upper = prefixUpperBound(word);
    if (upper === undefined)
      return 'SELECT DISTINCT attraction_id AS id FROM attraction_tokens WHERE token >= $from';
    bind.below = upper;
    return 'SELECT DISTINCT attraction_id AS id FROM attraction_tokens WHERE token >= $from AND token < $below';
  }
  // One bigram per word, its rarest (without counts, its first): the bigrams of one word come
  // together, so probing more of them rarely removes a candidate, but different words are
  // independent, so each one's postings cut the candidates of the others. Rarest drives.
  const count = (g: string) => counts?.get(g) ?? 0;
  const perWord = [
    ...new Set(
      words
        .filter((w) => charLength(w) >= 2)
        .map((w) => wordBigrams(w).reduce((best, g) => (count(g) < count(best) ? g : best))),
    ),
  ].sort((a, b) => count(a) - count(b));
  perWord.forEach((gram, i) => (bind[`g${i}`] = gram));
  const joins = perWord
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN attraction_tokens t${i + 1} ON t${i + 1}.token = $g${i + 1} AND t${i + 1}.attraction_id = t0.attraction_id`,
    )
    .join('');
  return `SELECT t0.attraction_id AS id FROM attraction_tokens t0${joins} WHERE t0.token = $g0`;
}

/**
 * Builds the page query and the count query of a search (exposed so tests can EXPLAIN them).
 * The page query works in two steps: the inner one ranks the matches on narrow rows (id, the
 * sort keys and the total) and keeps one page; only that page then reads the summary columns.
 * Carrying the wide summary rows of every match through the window and the sort cost more
 * than the search itself.
 */
export function buildSearchSql(engine: CatalogEngine, s: AttractionSearch, counts?: TokenCounts): SearchSql {
  const dialect = engine.kind === 'sqlite' ? 'sqlite' : 'mysql';
  const straight = dialect === 'sqlite' ? 'CROSS JOIN' : 'STRAIGHT_JOIN';
  const words = s.q ? queryWords(s.q) : [];
  // Named values shared by both queries; `query` (the whole query text) only the page's score uses.
  const bind: Bind = {};
  const where: string[] = [];
  // A keyword or near search ranks all its matches anyway, so the total rides along with the
  // page (one pass instead of a second COUNT query). Browsing by filters alone reads one page
  // in title order off the name index; a window there would read the whole catalog, so its
  // total is a separate index-only COUNT.
  const windowed = words.length > 0 || s.near !== undefined;
  const columns = ['a.id', ...(windowed ? ['COUNT(*) OVER () AS total_count'] : [])];
  const carried = windowed ? ['p.total_count'] : [];

  let from = 'attractions a';
  if (words.length > 0) {
    const c = candidates(engine, words, bind, counts);
    // The index lookup must drive the join: CROSS JOIN (SQLite) and STRAIGHT_JOIN (MySQL) fix the order.
    // Candidates are checked and ranked on the narrow search rows (migration 0006).
    from = `(${c}) c ${straight} attraction_search a ON a.id = c.id`;
    words.forEach((w, i) => {
      bind[`w${i}`] = w;
      where.push(`(INSTR(a.search_title, $w${i}) > 0 OR INSTR(a.search_address, $w${i}) > 0)`);
    });
    // Per word: 3 at the start of the title, 2 inside it, 1 in the address only; 10 more when
    // the title starts with the whole query. One INSTR per term (they run on every candidate).
    const perWord = words.map(
      (_, i) => `(CASE INSTR(a.search_title, $w${i}) WHEN 1 THEN 3 WHEN 0 THEN 1 ELSE 2 END)`,
    );
    columns.push(
      `(CASE WHEN INSTR(a.search_title, $query) = 1 THEN 10 ELSE 0 END + ${perWord.join(' + ')}) AS score`,
    );
    carried.push('p.score');
  }
  // The filters are integers the query schema checked: written as literals, like the page size.
  if (s.sido !== undefined) where.push(`a.sido_code = ${sqlInt(s.sido)}`);
  if (s.gugun !== undefined) where.push(`a.gugun_code = ${sqlInt(s.gugun)}`);
  if (s.type?.length) where.push(`a.content_type_id IN (${sqlInts(s.type)})`);
  if (s.near) {
    const radius = s.radiusKm!;
    const box = boundingBox(s.near, radius);
    // Coordinates are numbers the server checked and computed: DOUBLE literals (see doubleLiteral).
    const distance = distanceSql(dialect, s.near);
    const [minLng, maxLng, minLat, maxLat, within] = [
      box.minLng,
      box.maxLng,
      box.minLat,
      box.maxLat,
      radius,
    ].map(doubleLiteral);
    columns.push(`${distance} AS distance_km`);
    carried.push('p.distance_km');
    where.push(
      `a.geo_band IN (${box.bands.join(', ')}) AND a.lng BETWEEN ${minLng} AND ${maxLng} AND a.lat BETWEEN ${minLat} AND ${maxLat} AND ${distance} <= ${within}`,
    );
  }

  const order =
    s.sort === 'distance' && s.near
      ? ['distance_km', 'id']
      : s.sort === 'relevance' && words.length > 0
        ? ['score DESC', ...(s.near ? ['distance_km'] : []), 'search_title', 'id']
        : ['search_title', 'id'];
  // The title is read (and carried) only when the order needs it: a near search then stays on its index.
  // Ranking keyword matches sorts them all, and carries each one's sort key through the window:
  // its first RELEVANCE_TITLE_KEY characters cost a fraction of the whole title (longer ties go by id).
  // Without a keyword, the whole title is the order of its index.
  const titleKey = words.length > 0 ? `SUBSTR(a.search_title, 1, ${RELEVANCE_TITLE_KEY})` : 'a.search_title';
  if (order.includes('search_title')) columns.push(`${titleKey} AS search_title`);
  const ranked = order.map((key) =>
    key.startsWith('score') || key.startsWith('distance') ? key : key === 'id' ? 'a.id' : titleKey,
  );
  const reordered = order.map((key) => `p.${key}`);
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const offset = (s.page - 1) * s.pageSize;
  const page = `SELECT ${columns.join(', ')} FROM ${from}${whereSql} ORDER BY ${ranked.join(', ')} LIMIT ${sqlInt(s.pageSize)} OFFSET ${sqlInt(offset)}`;
  return {
    windowed,
    select: `SELECT ${[summaryColumns.replace(/\ba\./g, 'o.'), ...carried].join(', ')} FROM (${page}) p ${straight} attractions o ON o.id = p.id ORDER BY ${reordered.join(', ')}`,
    count: `SELECT COUNT(*) AS n FROM ${from}${whereSql}`,
    bind: words.length > 0 ? { ...bind, query: normalizeText(s.q!) } : bind,
    countBind: bind,
  };
}

/** Runs a checked search: one page of summaries and the total over all pages. */
export async function searchAttractions(db: Database, s: AttractionSearch): Promise<AttractionSearchResult> {
  const engine = await catalogEngine(db);
  const grams = s.q ? drivingBigrams(engine, queryWords(s.q)) : [];
  const sql = buildSearchSql(engine, s, grams.length > 1 ? await tokenCounts(db, grams) : undefined);
  const rows = await db.sequelize.query<Parameters<typeof toSummary>[0] & { total_count?: number | string }>(
    sql.select,
    { bind: sql.bind, type: QueryTypes.SELECT },
  );
  let total = rows.length > 0 && sql.windowed ? Number(rows[0]!.total_count) : 0;
  // A page past the end has no row to carry the total.
  if (!sql.windowed || (rows.length === 0 && s.page > 1)) {
    const [count] = await db.sequelize.query<{ n: number | string }>(sql.count, {
      bind: sql.countBind,
      type: QueryTypes.SELECT,
    });
    total = Number(count?.n ?? 0);
  }
  return {
    items: rows.map(toSummary),
    total,
    page: s.page,
    pageSize: s.pageSize,
    totalPages: Math.ceil(total / s.pageSize),
    sort: s.sort,
  };
}

/**
 * Recent search results of this process, keyed by the catalog version and the checked search:
 * a result is served again only while the catalog is the same (any instance's import moves
 * the version on), so it is never stale. Paging through a broad search and popular keywords
 * then cost one small version read. Least recently used entries go first.
 */
export class SearchCache {
  private readonly entries = new Map<string, AttractionSearchResult>();

  constructor(
    private readonly db: Database,
    private readonly capacity: number,
  ) {}

  async search(s: AttractionSearch): Promise<AttractionSearchResult> {
    if (this.capacity === 0) return searchAttractions(this.db, s);
    const key = `${await catalogVersion(this.db)}\u0000${JSON.stringify(s)}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = await searchAttractions(this.db, s);
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return result;
  }
}
