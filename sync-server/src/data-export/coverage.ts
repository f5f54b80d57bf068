import type { DataExportSection } from '@hamgaja/shared';
import type { Dialect } from '../db/database.js';

/**
 * Which rows of which table are the user's, for "Download my data". Every table of the migrated
 * database is either here (exported) or in `tablesWithoutUserData` (with the reason), and every
 * column of an exported table is either exported or withheld with a reason: coverage.int.test.ts
 * fails on a table or column that is neither, so a new migration must decide.
 *
 * Decisions:
 * - Trips: every synced document of every trip the user is a member of now, tombstones included
 *   (a stored tombstone keeps the document's last content until it is purged). Trips the user
 *   has left are not: their documents belong to the remaining members, and the server does not
 *   record who wrote which document. The access log still lists every trip gained and lost.
 * - Board: the user's own posts, comments and views, the images they uploaded or that are on
 *   their posts. Other people's comments on the user's posts are those people's data.
 * - Calendar feeds: the ones the user made (whether one exists and since when), never the token's hash.
 * - Secrets are withheld (never selected): the password hash, token hashes, invite codes.
 */

/** How a column is written into the JSON. */
export type ColumnKind = 'text' | 'integer' | 'boolean' | 'time' | 'json';

export interface ExportedColumn {
  kind: ColumnKind;
  /** The field name in the archive when it is not the column name in camelCase. */
  as?: string;
}

export interface CoveredTable {
  /** The archive section holding the rows. */
  section: DataExportSection;
  /** Which rows are the user's, in words (written into the archive's `sources`). */
  rows: string;
  /** The SQL condition choosing them; `$userId` and `$viewer` (the user's view key) are bound. */
  where: string;
  orderBy: string;
  /** Exported columns. */
  columns: Record<string, ColumnKind | ExportedColumn>;
  /** Columns never selected, with the reason (written into the archive's `withheld`). */
  withheld?: Record<string, string>;
}

/** The trips the user is a member of now. */
const MY_TRIPS = 'SELECT trip_id FROM trip_members WHERE user_id = $userId';

const TOKEN_HASH =
  'SHA-256 of a one-time secret: only the server needs it, to recognise the token when it comes back; it is not information about you';

/** Every table holding rows about a user: how that user's rows are chosen and exported. */
export const coveredTables: Record<string, CoveredTable> = {
  users: {
    section: 'user',
    rows: 'your account',
    where: 'id = $userId',
    orderBy: 'id',
    columns: {
      id: 'text',
      email: 'text',
      display_name: 'text',
      phone: 'text',
      address: 'text',
      locale: 'text',
      created_at: 'time',
      updated_at: 'time',
    },
    withheld: {
      password_hash:
        'a one-way hash of your password: it says nothing about you, and a copy of it would let anyone who finds the file try to guess your password',
    },
  },
  refresh_tokens: {
    section: 'sessions',
    rows: 'every session (refresh token) issued to you',
    where: 'user_id = $userId',
    orderBy: 'created_at, id',
    columns: {
      id: 'text',
      family_id: 'text',
      user_id: 'text',
      expires_at: 'time',
      used_at: 'time',
      revoked_at: 'time',
      created_at: 'time',
    },
    withheld: { token_hash: TOKEN_HASH },
  },
  password_reset_tokens: {
    section: 'passwordResetRequests',
    rows: 'every password reset you asked for',
    where: 'user_id = $userId',
    orderBy: 'created_at, id',
    columns: { id: 'text', user_id: 'text', expires_at: 'time', used_at: 'time', created_at: 'time' },
    withheld: { token_hash: TOKEN_HASH },
  },
  trip_members: {
    section: 'tripMembers',
    rows: 'the members (yours and your co-travellers’) of every trip you are a member of',
    where: `trip_id IN (${MY_TRIPS})`,
    orderBy: 'trip_id, joined_at, user_id',
    columns: { trip_id: 'text', user_id: 'text', role: 'text', joined_at: 'time', updated_at: 'time' },
  },
  trip_access_log: {
    section: 'tripAccessLog',
    rows: 'every time you gained or lost a trip',
    where: 'user_id = $userId',
    orderBy: 'change_seq',
    columns: {
      user_id: 'text',
      change_seq: 'integer',
      trip_id: 'text',
      gained: 'boolean',
      trip_seq: 'integer',
    },
  },
  trip_invites: {
    section: 'invites',
    rows: 'every invite you made',
    where: 'created_by = $userId',
    orderBy: 'created_at, trip_id',
    columns: {
      trip_id: 'text',
      role: 'text',
      created_by: 'text',
      created_at: 'time',
      expires_at: 'time',
      max_uses: 'integer',
      uses: 'integer',
      revoked_at: 'time',
    },
    withheld: {
      code: 'a working invite code lets whoever holds it join the trip; the Share dialog of each trip shows its open invites',
    },
  },
  trip_calendar_feeds: {
    section: 'calendarFeeds',
    rows: 'the calendar feed (subscription link) of every trip you made one for',
    where: 'created_by = $userId',
    orderBy: 'created_at, trip_id',
    columns: { trip_id: 'text', created_by: 'text', created_at: 'time', rotated_at: 'time' },
    withheld: {
      token_hash:
        'SHA-256 of the secret in the feed link: only the server needs it, to recognise the link; the link itself is shown once, when made, and never kept',
    },
  },
  sync_documents: {
    section: 'documents',
    rows: 'every synced document (trip, stops, checklist items, expenses, reservations) of every trip you are a member of, deleted ones (tombstones) included',
    where: `trip_id IN (${MY_TRIPS})`,
    orderBy: 'trip_id, collection, id',
    columns: {
      collection: 'text',
      id: 'text',
      trip_id: 'text',
      change_seq: 'integer',
      deleted: 'boolean',
      data: { kind: 'json', as: 'document' },
      updated_at: 'time',
    },
  },
  document_files: {
    section: 'documentFiles',
    rows: 'the travel-document files (which file, how big, who uploaded it when) of every trip you are a member of; the files themselves open in the app',
    where: `trip_id IN (${MY_TRIPS})`,
    orderBy: 'trip_id, uploaded_at, sha256',
    columns: {
      trip_id: 'text',
      sha256: 'text',
      size: 'integer',
      mime_type: 'text',
      uploaded_by: 'text',
      uploaded_at: 'time',
    },
  },
  sync_trip_sequences: {
    section: 'tripSequences',
    rows: 'the change counter of every trip you are a member of',
    where: `trip_id IN (${MY_TRIPS})`,
    orderBy: 'trip_no',
    columns: { trip_no: 'integer', trip_id: 'text', value: 'integer', meta: 'integer' },
  },
  sync_user_sequences: {
    section: 'accessSequence',
    rows: 'the counter of your gains and losses of trips',
    where: 'user_id = $userId',
    orderBy: 'user_id',
    columns: { user_id: 'text', value: 'integer' },
  },
  board_posts: {
    section: 'posts',
    rows: 'every board post you wrote',
    where: 'author_id = $userId',
    orderBy: 'created_at, id',
    columns: {
      id: 'text',
      author_id: 'text',
      title: 'text',
      body: 'text',
      trip_snapshot: 'json',
      trip_title: 'text',
      views: 'integer',
      comment_count: 'integer',
      created_at: 'time',
      updated_at: 'time',
    },
  },
  board_comments: {
    section: 'comments',
    rows: 'every comment you wrote',
    where: 'author_id = $userId',
    orderBy: 'created_at, id',
    columns: { id: 'text', post_id: 'text', author_id: 'text', body: 'text', created_at: 'time' },
  },
  board_images: {
    section: 'images',
    rows: 'every image you uploaded or that is on one of your posts (files under images/)',
    where: 'owner_id = $userId OR post_id IN (SELECT id FROM board_posts WHERE author_id = $userId)',
    orderBy: 'created_at, image_key',
    columns: {
      image_key: 'text',
      owner_id: 'text',
      post_id: 'text',
      ordinal: 'integer',
      width: 'integer',
      height: 'integer',
      bytes: 'integer',
      created_at: 'time',
    },
  },
  board_post_views: {
    section: 'postViews',
    rows: 'the posts you read while logged in, with when your view last counted',
    where: 'viewer = $viewer',
    orderBy: 'viewed_at, post_id',
    columns: { post_id: 'text', viewer: 'text', viewed_at: 'time' },
  },
  ai_usage: {
    section: 'aiUsage',
    rows: 'your AI use per minute and per day (kept until the period ends)',
    where: 'user_id = $userId',
    orderBy: 'bucket',
    columns: { user_id: 'text', bucket: 'text', uses: 'integer', expires_at: 'time' },
  },
  account_deletions: {
    section: 'accountDeletion',
    rows: 'your account deletion, while one is under way',
    where: 'user_id = $userId',
    orderBy: 'user_id',
    columns: { user_id: 'text', choices: 'json', started_at: 'time' },
  },
};

/** A table that holds nothing about any user; `only` names the one database engine that has it. */
export interface TableWithoutUserData {
  reason: string;
  only?: Dialect;
}

const CATALOG =
  'the attractions catalog (KTO TourAPI, files, dev catalog): public places, the same for everyone';
const SQLITE_FTS = 'SQLite FTS5 storage of the catalog text index (attractions_fts): catalog text only';

/** Every other table of the migrated database, with why it holds no user data. */
export const tablesWithoutUserData: Record<string, TableWithoutUserData> = {
  schema_migrations: { reason: 'names of the applied migrations' },
  catalog_sido: { reason: CATALOG },
  catalog_gugun: { reason: CATALOG },
  catalog_content_types: { reason: CATALOG },
  attractions: { reason: CATALOG },
  attraction_tokens: { reason: 'the catalog search index: tokens of attraction names' },
  attraction_search: { reason: 'the catalog search index: a narrow copy of attraction rows' },
  attractions_fts: { reason: SQLITE_FTS, only: 'sqlite' },
  attractions_fts_data: { reason: SQLITE_FTS, only: 'sqlite' },
  attractions_fts_idx: { reason: SQLITE_FTS, only: 'sqlite' },
  attractions_fts_docsize: { reason: SQLITE_FTS, only: 'sqlite' },
  attractions_fts_config: { reason: SQLITE_FTS, only: 'sqlite' },
  catalog_import_jobs: { reason: 'progress of catalog imports run by operators' },
  catalog_meta: { reason: 'the catalog version' },
  ai_tips: { reason: 'AI tips cached per attraction and language, shared by everyone; no user is recorded' },
  deleted_account_tokens: {
    reason: 'token hashes of accounts already deleted; rows name no user (an existing account has none)',
  },
  exchange_rates: {
    reason:
      'public ECB reference exchange rates from the rates feed, the same for everyone; no user is recorded',
  },
};
