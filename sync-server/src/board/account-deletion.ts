import { QueryTypes, type Transaction } from 'sequelize';
import { bindList, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';
import type { ImageFiles } from './image-files.js';

type BulkDestroyOptions = {
  model?: { tableName?: string };
  where?: { id?: unknown };
  transaction?: Transaction | null;
};

/**
 * When an account is deleted (auth destroys its users row), its board content goes in the
 * same transaction: comment counts of other people's posts are corrected (the cascade alone
 * would leave them stale) and its images are deleted, files after the commit.
 */
export function deleteBoardContentWithAccounts(db: Database, files: ImageFiles): void {
  db.sequelize.addHook('beforeBulkDestroy', async (raw) => {
    const options = raw as BulkDestroyOptions;
    const userId = options.where?.id;
    if (options.model?.tableName !== 'users' || typeof userId !== 'string') return;
    const transaction = options.transaction ?? undefined;
    const run = (sql: string) => db.sequelize.query(sql, { bind: { userId }, transaction });
    await run(
      `UPDATE board_posts SET comment_count = comment_count -
         (SELECT COUNT(*) FROM board_comments c WHERE c.post_id = board_posts.id AND c.author_id = $userId)
       WHERE id IN (SELECT post_id FROM board_comments WHERE author_id = $userId)`,
    );
    await run('DELETE FROM board_comments WHERE author_id = $userId');
    const images = await db.sequelize.query<{ image_key: string }>(
      `SELECT image_key FROM board_images WHERE owner_id = $userId
       OR post_id IN (SELECT id FROM board_posts WHERE author_id = $userId)`,
      { type: QueryTypes.SELECT, bind: { userId }, transaction },
    );
    const keys = images.map((r) => r.image_key);
    if (keys.length) {
      const bind: Bind = {};
      await db.sequelize.query(`DELETE FROM board_images WHERE image_key IN (${bindList(bind, 'k', keys)})`, {
        bind,
        transaction,
      });
      const removeFiles = () => void files.remove(keys).catch(() => undefined);
      if (transaction) transaction.afterCommit(removeFiles);
      else removeFiles();
    }
  });
}
