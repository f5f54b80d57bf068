import { QueryTypes } from 'sequelize';
import { stopCategoryOf, type ContentType, type Region } from '@hamgaja/shared';
import type { Database } from '../db/database.js';

type NamedRow = { code: number | string; name_ko: string; name_en: string };

/** Every sido with its gugun and how many attractions it holds, in KTO code order. */
export async function listRegions(db: Database): Promise<Region[]> {
  const select = <T extends object>(sql: string) => db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  const [sido, gugun, counts] = await Promise.all([
    select<NamedRow>('SELECT code, name_ko, name_en FROM catalog_sido ORDER BY code'),
    select<NamedRow & { sido_code: number | string }>(
      'SELECT sido_code, code, name_ko, name_en FROM catalog_gugun ORDER BY sido_code, code',
    ),
    select<{ sido_code: number | string; n: number | string }>(
      'SELECT sido_code, COUNT(*) AS n FROM attractions GROUP BY sido_code',
    ),
  ]);
  const count = new Map(counts.map((c) => [Number(c.sido_code), Number(c.n)]));
  return sido.map((s) => ({
    code: Number(s.code),
    name: { ko: s.name_ko, en: s.name_en },
    gugun: gugun
      .filter((g) => Number(g.sido_code) === Number(s.code))
      .map((g) => ({ code: Number(g.code), name: { ko: g.name_ko, en: g.name_en } })),
    attractionCount: count.get(Number(s.code)) ?? 0,
  }));
}

export async function listContentTypes(db: Database): Promise<ContentType[]> {
  const rows = await db.sequelize.query<{ id: number | string; name_ko: string; name_en: string }>(
    'SELECT id, name_ko, name_en FROM catalog_content_types ORDER BY id',
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: { ko: r.name_ko, en: r.name_en },
    stopCategory: stopCategoryOf(Number(r.id)),
  }));
}
