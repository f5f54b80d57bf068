import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';
import { catalogEngine } from '../../catalog/engine.js';
import { ktoContentTypes, ktoSido } from '@hamgaja/shared';

// Normalized search text and index tokens compare code point by code point (utf8mb4_bin on MySQL).
const binary = (length: number) => DataTypes.STRING(length).BINARY;

/**
 * The attractions catalog in the KTO TourAPI layout: sido, gugun (unique per sido), content
 * types, attractions, the bigram token index, the text index of the engine (FTS5 trigram on
 * SQLite, FULLTEXT ngram on MySQL 8), importer progress and the catalog version.
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  const engine = await catalogEngine(db);
  const mysql = db.dialect === 'mysql';

  await q.createTable('catalog_sido', {
    code: { type: DataTypes.INTEGER, primaryKey: true },
    name_ko: { type: DataTypes.STRING(60), allowNull: false },
    name_en: { type: DataTypes.STRING(80), allowNull: false },
  });
  await q.createTable('catalog_gugun', {
    sido_code: {
      type: DataTypes.INTEGER,
      primaryKey: true,
      references: { model: 'catalog_sido', key: 'code' },
      onDelete: 'CASCADE',
    },
    code: { type: DataTypes.INTEGER, primaryKey: true },
    name_ko: { type: DataTypes.STRING(60), allowNull: false },
    name_en: { type: DataTypes.STRING(80), allowNull: false },
  });
  await q.createTable('catalog_content_types', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    name_ko: { type: DataTypes.STRING(60), allowNull: false },
    name_en: { type: DataTypes.STRING(80), allowNull: false },
  });

  await q.createTable('attractions', {
    // KTO contentid. On SQLite an INTEGER PRIMARY KEY is the rowid, which FTS5 external content needs.
    id: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true },
    content_type_id: { type: DataTypes.INTEGER, allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    // Not a KTO field: an English name (dev catalog, files) so English keywords find the place.
    title_en: { type: DataTypes.STRING(200), allowNull: true },
    sido_code: { type: DataTypes.INTEGER, allowNull: false },
    gugun_code: { type: DataTypes.INTEGER, allowNull: true },
    addr1: { type: DataTypes.STRING(300), allowNull: true },
    addr2: { type: DataTypes.STRING(200), allowNull: true },
    zipcode: { type: DataTypes.STRING(10), allowNull: true },
    tel: { type: DataTypes.STRING(200), allowNull: true },
    tel_name: { type: DataTypes.STRING(100), allowNull: true },
    homepage: { type: DataTypes.STRING(500), allowNull: true },
    lat: { type: DataTypes.DOUBLE, allowNull: true },
    lng: { type: DataTypes.DOUBLE, allowNull: true },
    geo_band: { type: DataTypes.SMALLINT, allowNull: true },
    first_image: { type: DataTypes.STRING(500), allowNull: true },
    first_image2: { type: DataTypes.STRING(500), allowNull: true },
    // JSON array of {url, thumbnail, caption}.
    images: { type: DataTypes.TEXT, allowNull: true },
    // Sanitized HTML.
    overview: { type: mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: true },
    cat1: { type: DataTypes.STRING(10), allowNull: true },
    cat2: { type: DataTypes.STRING(10), allowNull: true },
    cat3: { type: DataTypes.STRING(10), allowNull: true },
    // KTO copyright type (cpyrhtDivCd: Type1 = attribution, Type3 = attribution + no changes).
    license: { type: DataTypes.STRING(10), allowNull: true },
    kto_created: { type: DataTypes.STRING(14), allowNull: true },
    kto_modified: { type: DataTypes.STRING(14), allowNull: true },
    // kto (TourAPI), file (CSV/NDJSON import) or dev (the bundled dev catalog).
    source: { type: DataTypes.STRING(8), allowNull: false },
    attribution: { type: DataTypes.STRING(300), allowNull: true },
    // normalizeText(title + title_en) and of the address lines plus the region's Korean and English names.
    search_title: { type: binary(400), allowNull: false },
    search_address: { type: binary(600), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('attractions', ['sido_code', 'gugun_code', 'content_type_id'], {
    name: 'attractions_region',
  });
  await q.addIndex('attractions', ['content_type_id'], { name: 'attractions_type' });
  await q.addIndex('attractions', ['search_title'], { name: 'attractions_name' });
  // lat rides in the index so the box is checked before any row is read.
  await q.addIndex('attractions', ['geo_band', 'lng', 'lat'], { name: 'attractions_geo' });
  await q.addIndex('attractions', ['source'], { name: 'attractions_source' });

  if (db.dialect === 'sqlite') {
    await db.sequelize.query(
      'CREATE TABLE attraction_tokens (token TEXT NOT NULL, attraction_id INTEGER NOT NULL, ' +
        'PRIMARY KEY (token, attraction_id)) WITHOUT ROWID',
    );
  } else {
    await q.createTable('attraction_tokens', {
      token: { type: binary(2), primaryKey: true },
      attraction_id: { type: DataTypes.BIGINT, primaryKey: true },
    });
  }
  await q.addIndex('attraction_tokens', ['attraction_id'], { name: 'attraction_tokens_attraction' });

  if (engine.kind === 'sqlite') {
    // External-content FTS5 index kept in step with attractions by triggers.
    await db.sequelize.query(
      "CREATE VIRTUAL TABLE attractions_fts USING fts5(search_title, search_address, content='attractions', " +
        "content_rowid='id', tokenize='trigram')",
    );
    await db.sequelize.query(
      'CREATE TRIGGER attractions_fts_insert AFTER INSERT ON attractions BEGIN ' +
        'INSERT INTO attractions_fts(rowid, search_title, search_address) VALUES (new.id, new.search_title, new.search_address); END',
    );
    await db.sequelize.query(
      'CREATE TRIGGER attractions_fts_delete AFTER DELETE ON attractions BEGIN ' +
        "INSERT INTO attractions_fts(attractions_fts, rowid, search_title, search_address) VALUES ('delete', old.id, old.search_title, old.search_address); END",
    );
    await db.sequelize.query(
      'CREATE TRIGGER attractions_fts_update AFTER UPDATE OF search_title, search_address ON attractions BEGIN ' +
        "INSERT INTO attractions_fts(attractions_fts, rowid, search_title, search_address) VALUES ('delete', old.id, old.search_title, old.search_address); " +
        'INSERT INTO attractions_fts(rowid, search_title, search_address) VALUES (new.id, new.search_title, new.search_address); END',
    );
  } else if (engine.kind === 'mysql') {
    // The default stopword list would drop every ngram holding one (e.g. any bigram with "a"); one connection keeps the setting.
    await db.sequelize.transaction(async (transaction) => {
      await db.sequelize.query('SET SESSION innodb_ft_enable_stopword = OFF', { transaction });
      await db.sequelize.query(
        'ALTER TABLE attractions ADD FULLTEXT INDEX attractions_fulltext (search_title, search_address) WITH PARSER ngram',
        { transaction },
      );
      await db.sequelize.query('SET SESSION innodb_ft_enable_stopword = DEFAULT', { transaction });
    });
  }

  await q.createTable('catalog_import_jobs', {
    job: { type: DataTypes.STRING(200), primaryKey: true },
    next_page: { type: DataTypes.INTEGER, allowNull: false },
    total_pages: { type: DataTypes.INTEGER, allowNull: true },
    total_count: { type: DataTypes.INTEGER, allowNull: true },
    imported: { type: DataTypes.INTEGER, allowNull: false },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.createTable('catalog_meta', {
    name: { type: DataTypes.STRING(40), primaryKey: true },
    value: { type: DataTypes.STRING(200), allowNull: false },
  });

  await q.bulkInsert(
    'catalog_sido',
    ktoSido.map((s) => ({ code: s.code, name_ko: s.name.ko, name_en: s.name.en })),
  );
  await q.bulkInsert(
    'catalog_gugun',
    ktoSido.flatMap((s) =>
      s.gugun.map((g) => ({ sido_code: s.code, code: g.code, name_ko: g.name.ko, name_en: g.name.en })),
    ),
  );
  await q.bulkInsert(
    'catalog_content_types',
    ktoContentTypes.map((t) => ({ id: t.id, name_ko: t.name.ko, name_en: t.name.en })),
  );
  await q.bulkInsert('catalog_meta', [{ name: 'version', value: 'initial' }]);
}

export async function down({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  if (db.dialect === 'sqlite') {
    for (const trigger of ['attractions_fts_insert', 'attractions_fts_delete', 'attractions_fts_update']) {
      await db.sequelize.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
    await db.sequelize.query('DROP TABLE IF EXISTS attractions_fts');
  }
  await q.dropTable('catalog_meta');
  await q.dropTable('catalog_import_jobs');
  await q.dropTable('attraction_tokens');
  await q.dropTable('attractions');
  await q.dropTable('catalog_content_types');
  await q.dropTable('catalog_gugun');
  await q.dropTable('catalog_sido');
}
