import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

// Image keys and view keys compare byte for byte.
const key = (length: number) => DataTypes.STRING(length).BINARY;

/**
 * The community board (posts, their images, comments, who viewed what when) and the AI
 * assistant's state shared by every instance (cached tips, per-user usage counters).
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  const longText = db.dialect === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;
  const user = (allowNull: boolean, onDelete: 'CASCADE' | 'SET NULL') => ({
    type: DataTypes.STRING(36),
    allowNull,
    references: { model: 'users', key: 'id' },
    onDelete,
  });

  await q.createTable('board_posts', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    author_id: user(false, 'CASCADE'),
    title: { type: DataTypes.STRING(120), allowNull: false },
    body: { type: longText, allowNull: false },
    // The shared trip as JSON (TripSnapshot) and its title for the list.
    trip_snapshot: { type: longText, allowNull: true },
    trip_title: { type: DataTypes.STRING(200), allowNull: true },
    views: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    comment_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // One index per list order (ties broken by id, so pages are stable).
  await q.addIndex('board_posts', ['created_at', 'id'], { name: 'board_posts_latest' });
  await q.addIndex('board_posts', ['views', 'created_at', 'id'], { name: 'board_posts_views' });
  await q.addIndex('board_posts', ['comment_count', 'created_at', 'id'], { name: 'board_posts_comments' });
  await q.addIndex('board_posts', ['author_id', 'created_at'], { name: 'board_posts_author' });

  await q.createTable('board_images', {
    image_key: { type: key(22), primaryKey: true },
    // SET NULL: when an account or post goes away without the service, the image becomes an
    // orphan that the upload sweep deletes together with its files.
    owner_id: user(true, 'SET NULL'),
    post_id: {
      type: DataTypes.STRING(36),
      allowNull: true,
      references: { model: 'board_posts', key: 'id' },
      onDelete: 'SET NULL',
    },
    ordinal: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    width: { type: DataTypes.INTEGER, allowNull: false },
    height: { type: DataTypes.INTEGER, allowNull: false },
    bytes: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('board_images', ['post_id', 'ordinal'], { name: 'board_images_post' });
  await q.addIndex('board_images', ['owner_id'], { name: 'board_images_owner' });
  await q.addIndex('board_images', ['created_at'], { name: 'board_images_created' });

  await q.createTable('board_comments', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    post_id: {
      type: DataTypes.STRING(36),
      allowNull: false,
      references: { model: 'board_posts', key: 'id' },
      onDelete: 'CASCADE',
    },
    author_id: user(false, 'CASCADE'),
    body: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('board_comments', ['post_id', 'created_at', 'id'], { name: 'board_comments_post' });
  await q.addIndex('board_comments', ['author_id'], { name: 'board_comments_author' });

  // Who (user id or hashed client) last counted as a view of a post: refreshes within the window don't count.
  await q.createTable('board_post_views', {
    post_id: {
      type: DataTypes.STRING(36),
      primaryKey: true,
      references: { model: 'board_posts', key: 'id' },
      onDelete: 'CASCADE',
    },
    viewer: { type: key(64), primaryKey: true },
    viewed_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('board_post_views', ['viewed_at'], { name: 'board_post_views_time' });

  await q.createTable('ai_tips', {
    attraction_id: { type: key(64), primaryKey: true },
    lang: { type: DataTypes.STRING(2), primaryKey: true },
    tip: { type: DataTypes.TEXT, allowNull: false },
    model: { type: DataTypes.STRING(100), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });

  // Counters per user and time bucket ("m:2026-11-29T12:05" per minute, "d:2026-11-29" per day).
  await q.createTable('ai_usage', {
    user_id: { type: DataTypes.STRING(36), primaryKey: true },
    bucket: { type: key(20), primaryKey: true },
    uses: { type: DataTypes.INTEGER, allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('ai_usage', ['expires_at'], { name: 'ai_usage_expiry' });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('ai_usage');
  await q.dropTable('ai_tips');
  await q.dropTable('board_post_views');
  await q.dropTable('board_comments');
  await q.dropTable('board_images');
  await q.dropTable('board_posts');
}
