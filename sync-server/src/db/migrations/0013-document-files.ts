import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/**
 * Travel-document files (documents/files.ts): which trip holds which file (by SHA-256), how big
 * it is and who uploaded it, for the per-user quota and the garbage collection of files no live
 * `documents` metadata references any more. The bytes live under UPLOAD_DIR/documents/, one file
 * per hash, shared by every trip that holds the same content.
 */
export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.createTable('document_files', {
    // Trip ids compare byte for byte (0003): case-sensitive.
    trip_id: { type: DataTypes.STRING(64).BINARY, primaryKey: true },
    sha256: { type: DataTypes.STRING(64).BINARY, primaryKey: true },
    size: { type: DataTypes.INTEGER, allowNull: false },
    mime_type: { type: DataTypes.STRING(40), allowNull: false },
    // No foreign key: the quota of an account being deleted still counts until its trips go.
    uploaded_by: { type: DataTypes.STRING(36), allowNull: false },
    uploaded_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('document_files', ['uploaded_by'], { name: 'document_files_uploader' });
  await q.addIndex('document_files', ['sha256'], { name: 'document_files_sha256' });
  await q.addIndex('document_files', ['uploaded_at'], { name: 'document_files_uploaded' });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('document_files');
}
