// The dev catalog in two languages, and a dev catalog loaded by an older server brought up to date.
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attractionDetailSchema } from '@hamgaja/shared';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.js';
import { DEV_ID_BASE, devCatalogItems } from './dev-catalog.js';
import { loadDevCatalogIfEmpty } from './seed.js';
import { catalogVersion } from './store.js';

let server: TestServer;
let api: Client;
beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server?.stop());

const silent = pino({ level: 'silent' });

describe('dev catalog', () => {
  it('has an English overview for every place, beside the Korean one', async () => {
    const items = devCatalogItems();
    expect(items).toHaveLength(129);
    for (const item of items) {
      expect(item.overview, item.title).toMatch(/^<p>[^<>]*[가-힣][^<>]*<\/p>$/);
      expect(item.overview_en, item.title).toMatch(/^<p>[A-Z0-9][^<>가-힣]+[.]<\/p>$/);
    }
    const detail = attractionDetailSchema.parse((await api.get(`/attractions/${DEV_ID_BASE + 38}`)).body);
    expect(detail.title).toBe('해운대해수욕장');
    expect(detail.overviewEn).toBe(
      '<p>Korea’s best-known beach, with 1.5 km of sand; crowded with holidaymakers every summer.</p>',
    );
  });

  it('is brought up to date when an older server loaded it (no English overviews)', async () => {
    const db = server.ctx.db;
    await db.sequelize.query("UPDATE attractions SET overview_en = NULL WHERE source = 'dev'");
    const before = await catalogVersion(db);
    expect((await api.get(`/attractions/${DEV_ID_BASE + 1}`)).body.overviewEn).toBeNull();

    expect(await loadDevCatalogIfEmpty(db, silent)).toBe(129);
    expect((await api.get(`/attractions/${DEV_ID_BASE + 1}`)).body.overviewEn).toMatch(/Joseon/);
    // Region packs are cut anew, so downloaded regions get the English overviews too.
    expect(await catalogVersion(db)).not.toBe(before);
    // Up to date: the next start leaves it alone.
    expect(await loadDevCatalogIfEmpty(db, silent)).toBe(0);
    const [row] = await db.sequelize.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM attractions WHERE source = 'dev' AND overview_en IS NOT NULL",
      { type: QueryTypes.SELECT },
    );
    expect(Number(row?.n)).toBe(129);
  });

  it('is left alone once a real import has replaced it', async () => {
    const db = server.ctx.db;
    await db.sequelize.query("UPDATE attractions SET overview_en = NULL, source = 'kto' WHERE id = $id", {
      bind: { id: DEV_ID_BASE + 1 },
    });
    await db.sequelize.query("DELETE FROM attractions WHERE source = 'dev'");
    expect(await loadDevCatalogIfEmpty(db, silent)).toBe(0);
    expect((await api.get(`/attractions/${DEV_ID_BASE + 2}`)).status).toBe(404);
  });
});
