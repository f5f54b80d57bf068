import { QueryTypes } from 'sequelize';
import type { Database } from '../db/database.js';

/**
 * Which text index the catalog uses on this database:
 * - sqlite: FTS5 with the trigram tokenizer (words of 3+ characters), the bigram token table below that;
 * - mysql: InnoDB FULLTEXT with the ngram parser for Hangul/Han/digit words, the token table otherwise;
 * - mariadb: no ngram parser exists there, so the bigram token table serves every word.
 */
export type CatalogEngine = { kind: 'sqlite' | 'mysql' | 'mariadb'; ngramTokenSize: number };

const engines = new WeakMap<Database, Promise<CatalogEngine>>();

export function catalogEngine(db: Database): Promise<CatalogEngine> {
  let engine = engines.get(db);
  if (!engine) {
    engine = detect(db);
    engines.set(db, engine);
    engine.catch(() => engines.delete(db));
  }
  return engine;
}

async function detect(db: Database): Promise<CatalogEngine> {
  if (db.dialect === 'sqlite') return { kind: 'sqlite', ngramTokenSize: 0 };
  const [row] = await db.sequelize.query<{ version: string }>('SELECT VERSION() AS version', {
    type: QueryTypes.SELECT,
  });
  if (/mariadb/i.test(row?.version ?? '')) return { kind: 'mariadb', ngramTokenSize: 0 };
  const [size] = await db.sequelize.query<{ size: number | string }>('SELECT @@ngram_token_size AS size', {
    type: QueryTypes.SELECT,
  });
  return { kind: 'mysql', ngramTokenSize: Number(size?.size ?? 2) };
}
