// Reads the server's stored documents straight from its database (SQLite file or MariaDB), for
// the fuzz's lost-write and invariant checks: a pull shows only what one user may see.
// Plain Node, kept in place by the fuzz bundle so the database drivers resolve from here.
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';

const require = createRequire(import.meta.url);

/**
 * Every stored document whose id contains `idPart`: `{ collection, id, data }` with `data` the
 * stored JSON text (tombstones included).
 */
export async function readDocuments(databaseUrl, idPart) {
  const sql = 'SELECT collection, id, data FROM sync_documents WHERE id LIKE ? ORDER BY collection, id';
  const pattern = `%${idPart}%`;
  if (databaseUrl.startsWith('sqlite:')) {
    const sqlite3 = require('sqlite3');
    const file = databaseUrl.slice('sqlite:'.length);
    const db = await new Promise((resolve, reject) => {
      const opened = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (error) =>
        error ? reject(error) : resolve(opened),
      );
    });
    try {
      return await new Promise((resolve, reject) =>
        db.all(sql, [pattern], (error, rows) => (error ? reject(error) : resolve(rows))),
      );
    } finally {
      await new Promise((resolve) => db.close(() => resolve(undefined)));
    }
  }
  const connection = await mysql.createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql, [pattern]);
    return rows;
  } finally {
    await connection.end();
  }
}
