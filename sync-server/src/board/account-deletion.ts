import { createHash } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { BoardDeletionChoice } from '@hamgaja/shared';
import { bindList, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';

/** How much board content a user has: their posts, their comments, and the images of their posts and uploads. */
export async function countBoardContent(
  db: Database,
  userId: string,
): Promise<{ posts: number; comments: number; images: number }> {
  const rows = await db.sequelize.query<{ kind: string; n: number | string }>(
    `SELECT 'p' AS kind, COUNT(*) AS n FROM board_posts WHERE author_id = $userId
     UNION ALL SELECT 'c', COUNT(*) FROM board_comments WHERE author_id = $userId
     UNION ALL SELECT 'i', COUNT(*) FROM board_images WHERE owner_id = $userId
       OR post_id IN (SELECT id FROM board_posts WHERE author_id = $userId)`,
    { type: QueryTypes.SELECT, bind: { userId } },
  );
  const count = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return { posts: count('p'), comments: count('c'), images: count('i') };
}

/** The key a signed-in user's views are counted under: hashed, so the table never holds who read what. */
export const userViewerKey = (userId: string) =>
  createHash('sha256').update(`user:${userId}`).digest('base64url');

/**
 * Ends a deleted account's presence on the board, in the caller's transaction; idempotent.
 *
 * - `delete`: their comments go (the comment counts of other people's posts follow), their
 *   posts go with everything on them (other people's comments, views, images);
 * - `anonymize`: their posts and comments stay without an author (shown as a deleted user),
 *   with the images of those posts.
 *
 * Either way their unused uploads and their view records go. Answers the keys of the images
 * whose rows were deleted: the caller removes the files once the transaction has committed.
 */
export async function endBoardPresence(
  db: Database,
  userId: string,
  choice: BoardDeletionChoice,
  transaction: Transaction,
): Promise<string[]> {
  const run = (sql: string, bind: Bind = { userId }) => db.sequelize.query(sql, { bind, transaction });
  const select = <T extends object>(sql: string) =>
    db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, bind: { userId }, transaction });
  let images: { image_key: string }[];
  if (choice === 'delete') {
    await run(
      `UPDATE board_posts SET comment_count = comment_count -
         (SELECT COUNT(*) FROM board_comments c WHERE c.post_id = board_posts.id AND c.author_id = $userId)
       WHERE id IN (SELECT post_id FROM board_comments WHERE author_id = $userId)`,
    );
    await run('DELETE FROM board_comments WHERE author_id = $userId');
    images = await select(
      `SELECT image_key FROM board_images WHERE owner_id = $userId
       OR post_id IN (SELECT id FROM board_posts WHERE author_id = $userId)`,
    );
    const posts = 'SELECT id FROM board_posts WHERE author_id = $userId';
    await run(`DELETE FROM board_comments WHERE post_id IN (${posts})`);
    await run(`DELETE FROM board_post_views WHERE post_id IN (${posts})`);
  } else {
    await run('UPDATE board_posts SET author_id = NULL WHERE author_id = $userId');
    await run('UPDATE board_comments SET author_id = NULL WHERE author_id = $userId');
    // The images of kept posts are the posts' now; only unused uploads go.
    await run('UPDATE board_images SET owner_id = NULL WHERE owner_id = $userId AND post_id IS NOT NULL');
    images = await select('SELECT image_key FROM board_images WHERE owner_id = $userId');
  }
  const keys = images.map((r) => r.image_key);
  if (keys.length > 0) {
    const bind: Bind = {};
    await run(`DELETE FROM board_images WHERE image_key IN (${bindList(bind, 'k', keys)})`, bind);
  }
  if (choice === 'delete') await run('DELETE FROM board_posts WHERE author_id = $userId');
  await run('DELETE FROM board_post_views WHERE viewer = $viewer', { viewer: userViewerKey(userId) });
  return keys;
}
