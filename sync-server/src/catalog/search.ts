import { QueryTypes } from 'sequelize';
import {
  normalizeText,
  queryWords,
  type AttractionSearch,
  type AttractionSearchResult,
} from '@hamgaja/shared';
import type { Database } from '../db/database.js';
import { catalogEngine, type CatalogEngine } from './engine.js';
import { boundingBox, distanceSql } from './geo.js';
import { summaryColumns, toSummary } from './store.js';
import { afterPrefix, charLength, wordBigrams } from './text.js';

export type SearchSql = {
  select: string;
  count: string;
  replacements: unknown[];
  countReplacements: unknown[];
};

/** FTS5 string literal: the trigram tokenizer matches it as a substring. */
const ftsPhrase = (word: string) => `"${word.replace(/"/g, '""')}"`;
/** InnoDB boolean-mode phrase (the ngram parser matches it as a run of ngrams). */
const booleanPhrase = (word: string) => `+"${word.replace(/["\\]/g, ' ')}"`;

/**
 * The candidate ids of a keyword search, from the engine's text index:
 * SQLite FTS5 trigram for words of 3+ characters, MySQL 8 FULLTEXT ngram for words as long
 * as its token size, the bigram token table for everything else (all words on MariaDB).
 * One index lookup (the most selective words) drives the query; every word is then checked
 * exactly on those candidates only.
 */
function candidates(engine: CatalogEngine, words: string[]): { sql: string; replacements: unknown[] } {
  if (engine.kind === 'sqlite') {
    const long = words.filter((w) => charLength(w) >= 3);
    if (long.length > 0) {
      return {
        sql: 'SELECT rowid AS id FROM attractions_fts WHERE attractions_fts MATCH ?',
        replacements: [long.map(ftsPhrase).join(' ')],
      };
    }
  }
  if (engine.kind === 'mysql' && engine.ngramTokenSize > 0) {
    const long = words.filter((w) => charLength(w) >= engine.ngramTokenSize);
    if (long.length > 0) {
      return {
        sql: 'SELECT id FROM attractions WHERE MATCH(search_title, search_address) AGAINST (? IN BOOLEAN MODE)',
        replacements: [long.map(booleanPhrase).join(' ')],
      };
    }
  }
  // The longest word has the most bigrams, so the fewest candidates.
  const word = [...words].sort((a, b) => charLength(b) - charLength(a))[0]!;
  if (charLength(word) === 1) {
    return {
      sql: 'SELECT DISTINCT attraction_id AS id FROM attraction_tokens WHERE token >= ? AND token < ?',
      replacements: [word, afterPrefix(word)],
    };
  }
  // Every bigram of the word, joined on the primary key (token, attraction_id): the planner
  // starts from the bigram with the fewest postings and probes the others.
  const grams = wordBigrams(word);
  const joins = grams
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN attraction_tokens t${i + 1} ON t${i + 1}.token = ? AND t${i + 1}.attraction_id = t0.attraction_id`,
    )
    .join('');
  return {
    sql: `SELECT t0.attraction_id AS id FROM attraction_tokens t0${joins} WHERE t0.token = ?`,
    replacements: [...grams.slice(1), grams[0]],
  };
}

/** Builds the page query and the count query of a search (exposed so tests can EXPLAIN them). */
export function buildSearchSql(engine: CatalogEngine, s: AttractionSearch): SearchSql {
  const dialect = engine.kind === 'sqlite' ? 'sqlite' : 'mysql';
  const words = s.q ? queryWords(s.q) : [];
  const selectParams: unknown[] = [];
  const fromParams: unknown[] = [];
  const where: string[] = [];
  const whereParams: unknown[] = [];
  // The total rides along with the page (one pass instead of a second COUNT query).
  const columns = [summaryColumns, 'COUNT(*) OVER () AS total_count'];

  let from = 'attractions a';
  if (words.length > 0) {
    const c = candidates(engine, words);
    // The index lookup must drive the join: CROSS JOIN (SQLite) and STRAIGHT_JOIN (MySQL) fix the order.
    from = `(${c.sql}) c ${dialect === 'sqlite' ? 'CROSS JOIN' : 'STRAIGHT_JOIN'} attractions a ON a.id = c.id`;
    fromParams.push(...c.replacements);
    for (const w of words) {
      where.push('(INSTR(a.search_title, ?) > 0 OR INSTR(a.search_address, ?) > 0)');
      whereParams.push(w, w);
    }
    const perWord = words.map(
      () =>
        '(CASE WHEN INSTR(a.search_title, ?) = 1 THEN 3 WHEN INSTR(a.search_title, ?) > 0 THEN 2 ELSE 1 END)',
    );
    columns.push(
      `(CASE WHEN INSTR(a.search_title, ?) = 1 THEN 10 ELSE 0 END + ${perWord.join(' + ')}) AS score`,
    );
    selectParams.push(normalizeText(s.q!), ...words.flatMap((w) => [w, w]));
  }
  if (s.sido !== undefined) {
    where.push('a.sido_code = ?');
    whereParams.push(s.sido);
  }
  if (s.gugun !== undefined) {
    where.push('a.gugun_code = ?');
    whereParams.push(s.gugun);
  }
  if (s.type?.length) {
    where.push(`a.content_type_id IN (${s.type.map(() => '?').join(', ')})`);
    whereParams.push(...s.type);
  }
  if (s.near) {
    const radius = s.radiusKm!;
    const box = boundingBox(s.near, radius);
    const distance = distanceSql(dialect);
    const center = [s.near.lat, s.near.lat, s.near.lng];
    columns.push(`${distance} AS distance_km`);
    selectParams.push(...center);
    where.push(
      `a.geo_band IN (${box.bands.join(', ')}) AND a.lng BETWEEN ? AND ? AND a.lat BETWEEN ? AND ? AND ${distance} <= ?`,
    );
    whereParams.push(box.minLng, box.maxLng, box.minLat, box.maxLat, ...center, radius);
  }

  const order =
    s.sort === 'distance' && s.near
      ? ['distance_km', 'a.id']
      : s.sort === 'relevance' && words.length > 0
        ? ['score DESC', ...(s.near ? ['distance_km'] : []), 'a.search_title', 'a.id']
        : ['a.search_title', 'a.id'];
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const offset = (s.page - 1) * s.pageSize;
  return {
    select: `SELECT ${columns.join(', ')} FROM ${from}${whereSql} ORDER BY ${order.join(', ')} LIMIT ${s.pageSize} OFFSET ${offset}`,
    count: `SELECT COUNT(*) AS n FROM ${from}${whereSql}`,
    replacements: [...selectParams, ...fromParams, ...whereParams],
    countReplacements: [...fromParams, ...whereParams],
  };
}

/** Runs a checked search: one page of summaries and the total over all pages. */
export async function searchAttractions(db: Database, s: AttractionSearch): Promise<AttractionSearchResult> {
  const sql = buildSearchSql(await catalogEngine(db), s);
  const rows = await db.sequelize.query<Parameters<typeof toSummary>[0] & { total_count: number | string }>(
    sql.select,
    {
      replacements: sql.replacements,
      type: QueryTypes.SELECT,
    },
  );
  let total = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
  // A page past the end has no row to carry the total.
  if (rows.length === 0 && s.page > 1) {
    const [count] = await db.sequelize.query<{ n: number | string }>(sql.count, {
      replacements: sql.countReplacements,
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
