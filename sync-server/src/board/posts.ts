import { randomBytes } from 'node:crypto';
import { ForeignKeyConstraintError, QueryTypes, type Transaction } from 'sequelize';
import {
  toWellFormedText,
  tripSnapshotSchema,
  type Comment,
  type CommentPage,
  type CopyTripResponse,
  type Post,
  type PostImage,
  type PostPage,
  type PostSort,
  type PostSummary,
  type TripSnapshot,
  type Upload,
  type createPostRequestSchema,
  type updatePostRequestSchema,
} from '@hamgaja/shared';
import type { z } from 'zod';
import { bindList, sqlInt, sqlTime, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { AppError, forbidden, notFound } from '../http/problem.js';
import { readDate } from '../trips/membership.js';
import type { ImageFiles } from './image-files.js';

/** A repeat view by the same viewer within this window does not count again. */
export const VIEW_WINDOW_MS = 24 * 3_600_000;
/** Uploads never attached to a post are deleted after this long. */
export const ORPHAN_UPLOAD_MS = 24 * 3_600_000;

type PostRow = {
  id: string;
  /** Null once the author's account was deleted and they kept their posts and comments without their name. */
  author_id: string | null;
  display_name: string | null;
  title: string;
  body: string;
  trip_snapshot: string | null;
  trip_title: string | null;
  views: number | string;
  comment_count: number | string;
  created_at: unknown;
  updated_at: unknown;
};
type ImageRow = {
  image_key: string;
  owner_id: string | null;
  post_id: string | null;
  ordinal: number | string;
  width: number | string;
  height: number | string;
};
type CommentRow = {
  id: string;
  post_id: string;
  author_id: string | null;
  display_name: string | null;
  body: string;
  created_at: unknown;
};

export type ListQuery = { q?: string | undefined; sort: PostSort; page: number; pageSize: number };
type CreatePost = z.output<typeof createPostRequestSchema>;
type UpdatePost = z.output<typeof updatePostRequestSchema>;

const ORDER: Record<PostSort, string> = {
  latest: 'p.created_at DESC, p.id DESC',
  views: 'p.views DESC, p.created_at DESC, p.id DESC',
  comments: 'p.comment_count DESC, p.created_at DESC, p.id DESC',
};

let lastMs = 0;
let sequence = 0;
/** A UUIDv7: ids made in the same millisecond still sort in creation order (the tie-breaker of every list). */
export function timeOrderedId(now = Date.now()): string {
  sequence = now === lastMs ? (sequence + 1) & 0xfff : 0;
  lastMs = now;
  const random = randomBytes(8);
  random[0] = (random[0]! & 0x3f) | 0x80;
  const hex =
    now.toString(16).padStart(12, '0') +
    '7' +
    sequence.toString(16).padStart(3, '0') +
    random.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** LIKE pattern for a word anywhere, with `!` escaping the wildcards (portable across SQLite and MySQL). */
const containsPattern = (word: string) => `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;

export const imageUrls = (key: string) => ({
  url: `/api/images/${key}`,
  thumbnailUrl: `/api/images/${key}?size=thumb`,
});

const postNotFound = () => notFound('Post');
/** The shared trip's title for the list (a text column: a lone surrogate there is stored as U+FFFD; the snapshot itself is JSON and keeps it). */
const tripTitle = (trip: TripSnapshot | null | undefined) =>
  trip ? toWellFormedText(trip.trip.title) : null;
/** A valid token of an account deleted since: its writes fail on the users reference. */
const accountGone = (err: unknown) =>
  err instanceof ForeignKeyConstraintError
    ? new AppError(401, 'unauthenticated', 'This account no longer exists')
    : err;
const invalidImage = (key: string) =>
  new AppError(
    400,
    'invalid_image',
    `Image ${key} is not one of your uploads, or is already used by another post`,
    [{ path: 'imageKeys', message: `unknown image ${key}` }],
  );

/** The author as shown: none for a deleted account whose posts and comments were kept without a name. */
const authorOf = (row: { author_id: string | null; display_name: string | null }) =>
  row.author_id === null ? null : { id: row.author_id, displayName: row.display_name ?? '' };

/** Posts, their images and comments, and view counting. Every change is checked against its author. */
export class Board {
  constructor(
    private readonly db: Database,
    private readonly files: ImageFiles,
  ) {}

  /** A time for SQL, as the text both databases store in DATE(3) columns. */
  private time(date = new Date()): string {
    return sqlTime(this.db.dialect, date);
  }

  // Every value is bound ($name), never written into the SQL: text arrives as sent, NUL included.
  private select<T extends object>(sql: string, bind: Bind, transaction?: Transaction) {
    return this.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  private run(sql: string, bind: Bind, transaction: Transaction) {
    return this.db.sequelize.query(sql, { bind, transaction });
  }

  /** Runs an INSERT or UPDATE and returns how many rows it changed (typed, so SQLite reports changes). */
  private async count(kind: 'insert' | 'update', sql: string, bind: Bind, transaction: Transaction) {
    const type = kind === 'insert' ? QueryTypes.INSERT : QueryTypes.BULKUPDATE;
    const result: unknown = await this.db.sequelize.query(sql, { bind, transaction, type });
    if (typeof result === 'number') return result;
    const second = (result as [unknown, unknown])[1];
    return typeof second === 'number'
      ? second
      : Number((second as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
  }

  // ---- posts ------------------------------------------------------------------------------

  async list(query: ListQuery, authorId?: string): Promise<PostPage> {
    const where: string[] = [];
    const bind: Bind = {};
    if (authorId !== undefined) {
      where.push('p.author_id = $authorId');
      bind.authorId = authorId;
    }
    const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
    words.forEach((word, i) => {
      where.push(
        `(p.title LIKE $w${i} ESCAPE '!' OR p.body LIKE $w${i} ESCAPE '!' OR u.display_name LIKE $w${i} ESCAPE '!')`,
      );
      bind[`w${i}`] = containsPattern(word);
    });
    const from = `FROM board_posts p LEFT JOIN users u ON u.id = p.author_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [count] = await this.select<{ n: number | string }>(`SELECT COUNT(*) AS n ${from}`, bind);
    const rows = await this.select<PostRow>(
      `SELECT p.id, p.author_id, u.display_name, p.title, SUBSTR(p.body, 1, 200) AS body, p.trip_title,
       NULL AS trip_snapshot, p.views, p.comment_count, p.created_at, p.updated_at
       ${from} ORDER BY ${ORDER[query.sort]} LIMIT ${sqlInt(query.pageSize)} OFFSET ${sqlInt((query.page - 1) * query.pageSize)}`,
      bind,
    );
    const images = await this.imagesOf(rows.map((r) => r.id));
    return {
      items: rows.map((row) => this.toSummary(row, images.get(row.id) ?? [])),
      total: Number(count?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** One post; counts a view unless this viewer was counted within the window or wrote it. */
  async get(id: string, viewer: { userId?: string | undefined; key: string }): Promise<Post> {
    const row = await this.postRow(id);
    if (!row) throw postNotFound();
    let views = Number(row.views);
    if (row.author_id !== viewer.userId && (await this.countView(id, viewer.key))) views += 1;
    const images = (await this.imagesOf([id])).get(id) ?? [];
    return this.toPost({ ...row, views }, images, viewer.userId);
  }

  async create(authorId: string, request: CreatePost): Promise<Post> {
    const id = timeOrderedId();
    const now = this.time();
    await this.db
      .write(async (t) => {
        await this.run(
          `INSERT INTO board_posts (id, author_id, title, body, trip_snapshot, trip_title, views, comment_count, created_at, updated_at)
         VALUES ($id, $authorId, $title, $body, $trip, $tripTitle, 0, 0, $now, $now)`,
          {
            id,
            authorId,
            title: request.title,
            body: request.body,
            trip: request.trip ? JSON.stringify(request.trip) : null,
            tripTitle: tripTitle(request.trip),
            now,
          },
          t,
        );
        await this.attachImages(id, authorId, request.imageKeys, [], t);
      })
      .catch((err: unknown) => {
        throw accountGone(err);
      });
    return this.read(id, authorId);
  }

  async update(id: string, userId: string, request: UpdatePost): Promise<Post> {
    const removed = await this.db.write(async (t) => {
      const row = await this.ownPost(id, userId, t);
      const sets: string[] = ['updated_at = $now'];
      const bind: Bind = { id, now: this.time() };
      if (request.title !== undefined) {
        sets.push('title = $title');
        bind.title = request.title;
      }
      if (request.body !== undefined) {
        sets.push('body = $body');
        bind.body = request.body;
      }
      if (request.trip !== undefined) {
        sets.push('trip_snapshot = $trip', 'trip_title = $tripTitle');
        bind.trip = request.trip ? JSON.stringify(request.trip) : null;
        bind.tripTitle = tripTitle(request.trip);
      }
      await this.run(`UPDATE board_posts SET ${sets.join(', ')} WHERE id = $id`, bind, t);
      if (request.imageKeys === undefined) return [];
      const current = await this.select<ImageRow>(
        'SELECT image_key FROM board_images WHERE post_id = $id',
        { id: row.id },
        t,
      );
      const currentKeys = current.map((r) => r.image_key);
      await this.attachImages(id, userId, request.imageKeys, currentKeys, t);
      const gone = currentKeys.filter((k) => !request.imageKeys!.includes(k));
      if (gone.length) {
        const keys: Bind = {};
        await this.run(`DELETE FROM board_images WHERE image_key IN (${bindList(keys, 'k', gone)})`, keys, t);
      }
      return gone;
    });
    await this.files.remove(removed);
    return this.read(id, userId);
  }

  /** Deletes the post with its comments, views and images (rows and files). */
  async delete(id: string, userId: string): Promise<void> {
    const keys = await this.db.write(async (t) => {
      await this.ownPost(id, userId, t);
      const images = await this.select<ImageRow>(
        'SELECT image_key FROM board_images WHERE post_id = $id',
        { id },
        t,
      );
      await this.run('DELETE FROM board_images WHERE post_id = $id', { id }, t);
      await this.run('DELETE FROM board_post_views WHERE post_id = $id', { id }, t);
      await this.run('DELETE FROM board_comments WHERE post_id = $id', { id }, t);
      await this.run('DELETE FROM board_posts WHERE id = $id', { id }, t);
      return images.map((r) => r.image_key);
    });
    await this.files.remove(keys);
  }

  async copyTrip(id: string): Promise<CopyTripResponse> {
    const row = await this.postRow(id);
    if (!row) throw postNotFound();
    const trip = this.snapshot(row.trip_snapshot);
    if (!trip) throw new AppError(404, 'no_trip', 'This post does not share a trip');
    return { postId: id, trip };
  }

  // ---- comments ---------------------------------------------------------------------------

  async comments(postId: string, page: number, pageSize: number, viewerId?: string): Promise<CommentPage> {
    if (!(await this.postRow(postId))) throw postNotFound();
    const [count] = await this.select<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM board_comments WHERE post_id = $postId',
      { postId },
    );
    const rows = await this.select<CommentRow>(
      `SELECT c.id, c.post_id, c.author_id, u.display_name, c.body, c.created_at
       FROM board_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.post_id = $postId
       ORDER BY c.created_at, c.id LIMIT ${sqlInt(pageSize)} OFFSET ${sqlInt((page - 1) * pageSize)}`,
      { postId },
    );
    return {
      items: rows.map((r) => this.toComment(r, viewerId)),
      total: Number(count?.n ?? 0),
      page,
      pageSize,
    };
  }

  async addComment(postId: string, authorId: string, body: string): Promise<Comment> {
    const id = timeOrderedId();
    await this.db
      .write(async (t) => {
        const exists = await this.select<{ id: string }>(
          'SELECT id FROM board_posts WHERE id = $postId',
          { postId },
          t,
        );
        if (!exists.length) throw postNotFound();
        await this.run(
          'INSERT INTO board_comments (id, post_id, author_id, body, created_at) VALUES ($id, $postId, $authorId, $body, $now)',
          { id, postId, authorId, body, now: this.time() },
          t,
        );
        await this.run(
          'UPDATE board_posts SET comment_count = comment_count + 1 WHERE id = $postId',
          { postId },
          t,
        );
      })
      .catch((err: unknown) => {
        throw accountGone(err);
      });
    const [row] = await this.select<CommentRow>(
      `SELECT c.id, c.post_id, c.author_id, u.display_name, c.body, c.created_at
       FROM board_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.id = $id`,
      { id },
    );
    return this.toComment(row!, authorId);
  }

  /** Deletes one's own comment: 404 when there is none, 403 when it is someone else's. */
  async deleteComment(id: string, userId: string): Promise<void> {
    await this.db.write(async (t) => {
      const [row] = await this.select<{ post_id: string; author_id: string }>(
        'SELECT post_id, author_id FROM board_comments WHERE id = $id',
        { id },
        t,
      );
      if (!row) throw notFound('Comment');
      if (row.author_id !== userId) throw forbidden('Only its author can delete this comment');
      await this.run('DELETE FROM board_comments WHERE id = $id', { id }, t);
      await this.run(
        'UPDATE board_posts SET comment_count = comment_count - 1 WHERE id = $postId AND comment_count > 0',
        { postId: row.post_id },
        t,
      );
    });
  }

  // ---- uploads ----------------------------------------------------------------------------

  /** Stores an upload for the caller; it stays the caller's until a post uses it. */
  async upload(ownerId: string, data: Buffer): Promise<Upload> {
    const image = await this.files.store(data);
    try {
      await this.db.write((t) =>
        this.run(
          `INSERT INTO board_images (image_key, owner_id, post_id, ordinal, width, height, bytes, created_at)
           VALUES ($key, $ownerId, NULL, 0, $width, $height, $bytes, $now)`,
          {
            key: image.key,
            width: image.width,
            height: image.height,
            bytes: image.bytes,
            ownerId,
            now: this.time(),
          },
          t,
        ),
      );
    } catch (err) {
      await this.files.remove([image.key]);
      throw accountGone(err);
    }
    await this.sweepOrphans().catch(() => undefined);
    return {
      key: image.key,
      ...imageUrls(image.key),
      width: image.width,
      height: image.height,
      bytes: image.bytes,
      contentType: 'image/webp',
    };
  }

  /** Deletes uploads that no post took within ORPHAN_UPLOAD_MS (also those left by deleted accounts). */
  async sweepOrphans(limit = 50, olderThanMs = ORPHAN_UPLOAD_MS): Promise<number> {
    const cutoff = this.time(new Date(Date.now() - olderThanMs));
    const rows = await this.select<ImageRow>(
      `SELECT image_key FROM board_images WHERE post_id IS NULL AND created_at < $cutoff LIMIT ${sqlInt(limit)}`,
      { cutoff },
    );
    if (!rows.length) return 0;
    const keys = rows.map((r) => r.image_key);
    const bind: Bind = {};
    const list = bindList(bind, 'k', keys);
    await this.db.write((t) =>
      this.run(`DELETE FROM board_images WHERE image_key IN (${list}) AND post_id IS NULL`, bind, t),
    );
    await this.files.remove(keys);
    return keys.length;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async read(id: string, viewerId: string): Promise<Post> {
    const row = await this.postRow(id);
    if (!row) throw postNotFound();
    return this.toPost(row, (await this.imagesOf([id])).get(id) ?? [], viewerId);
  }

  private async postRow(id: string, t?: Transaction): Promise<PostRow | undefined> {
    const [row] = await this.select<PostRow>(
      `SELECT p.*, u.display_name FROM board_posts p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $id`,
      { id },
      t,
    );
    return row;
  }

  /** The post for a change by its author: 404 when it does not exist, 403 when it is someone else's. */
  private async ownPost(id: string, userId: string, t: Transaction): Promise<PostRow> {
    const row = await this.postRow(id, t);
    if (!row) throw postNotFound();
    if (row.author_id !== userId) throw forbidden('Only its author can change this post');
    return row;
  }

  /** Attaches the caller's uploads in order; each must be unattached or already on this post. */
  private async attachImages(
    postId: string,
    userId: string,
    keys: string[],
    allowed: string[],
    t: Transaction,
  ) {
    if (!keys.length) return;
    const unique = [...new Set(keys)];
    if (unique.length !== keys.length) {
      throw new AppError(400, 'validation_failed', 'An image is listed twice', [
        { path: 'imageKeys', message: 'duplicate image' },
      ]);
    }
    const bind: Bind = {};
    const rows = await this.select<ImageRow>(
      `SELECT image_key, owner_id, post_id FROM board_images WHERE image_key IN (${bindList(bind, 'k', keys)})`,
      bind,
      t,
    );
    const byKey = new Map(rows.map((r) => [r.image_key, r]));
    for (const key of keys) {
      const row = byKey.get(key);
      const usable =
        row &&
        row.owner_id === userId &&
        (row.post_id === null || (row.post_id === postId && allowed.includes(key)));
      if (!usable) throw invalidImage(key);
    }
    for (const [ordinal, key] of keys.entries()) {
      await this.run(
        'UPDATE board_images SET post_id = $postId, ordinal = $ordinal WHERE image_key = $key',
        { postId, ordinal, key },
        t,
      );
    }
  }

  private async imagesOf(postIds: string[]): Promise<Map<string, PostImage[]>> {
    const map = new Map<string, PostImage[]>();
    if (!postIds.length) return map;
    const bind: Bind = {};
    const rows = await this.select<ImageRow>(
      `SELECT image_key, post_id, ordinal, width, height FROM board_images WHERE post_id IN (${bindList(bind, 'p', postIds)}) ORDER BY post_id, ordinal`,
      bind,
    );
    for (const row of rows) {
      const list = map.get(row.post_id!) ?? [];
      list.push({
        key: row.image_key,
        ...imageUrls(row.image_key),
        width: Number(row.width),
        height: Number(row.height),
      });
      map.set(row.post_id!, list);
    }
    return map;
  }

  /** True when this view counts: the viewer was not counted within VIEW_WINDOW_MS (atomic per viewer). */
  private async countView(postId: string, viewer: string): Promise<boolean> {
    const at = new Date();
    const now = this.time(at);
    const cutoff = this.time(new Date(at.getTime() - VIEW_WINDOW_MS));
    return this.db.write(async (t) => {
      const ignore = this.db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
      let counted = await this.count(
        'insert',
        `${ignore} INTO board_post_views (post_id, viewer, viewed_at) VALUES ($postId, $viewer, $now)`,
        { postId, viewer, now },
        t,
      );
      if (!counted) {
        counted = await this.count(
          'update',
          'UPDATE board_post_views SET viewed_at = $now WHERE post_id = $postId AND viewer = $viewer AND viewed_at < $cutoff',
          { postId, viewer, now, cutoff },
          t,
        );
      }
      if (counted)
        await this.run('UPDATE board_posts SET views = views + 1 WHERE id = $postId', { postId }, t);
      return counted > 0;
    });
  }

  private snapshot(json: string | null): TripSnapshot | null {
    if (!json) return null;
    const parsed = tripSnapshotSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  }

  private toSummary(row: PostRow, images: PostImage[]): PostSummary {
    const flat = row.body.replace(/\s+/g, ' ').trim();
    return {
      id: row.id,
      title: row.title,
      excerpt: [...flat].slice(0, 160).join(''),
      author: authorOf(row),
      createdAt: readDate(row.created_at).toISOString(),
      updatedAt: readDate(row.updated_at).toISOString(),
      views: Number(row.views),
      commentCount: Number(row.comment_count),
      imageCount: images.length,
      thumbnail: images[0] ?? null,
      tripTitle: row.trip_title,
    };
  }

  private toPost(row: PostRow, images: PostImage[], viewerId: string | undefined): Post {
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      author: authorOf(row),
      createdAt: readDate(row.created_at).toISOString(),
      updatedAt: readDate(row.updated_at).toISOString(),
      views: Number(row.views),
      commentCount: Number(row.comment_count),
      images,
      trip: this.snapshot(row.trip_snapshot),
      mine: viewerId !== undefined && row.author_id === viewerId,
    };
  }

  private toComment(row: CommentRow, viewerId: string | undefined): Comment {
    return {
      id: row.id,
      postId: row.post_id,
      body: row.body,
      author: authorOf(row),
      createdAt: readDate(row.created_at).toISOString(),
      mine: viewerId !== undefined && row.author_id === viewerId,
    };
  }
}
