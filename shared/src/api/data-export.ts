import { z } from 'zod';

/**
 * "Download my data" (GET /api/me/export): one zip of everything the server holds about the
 * user. It holds `hamgaja-data.json` (the format below) and the user's board images as
 * `images/<imageKey>.webp` (the display size the server keeps; uploads are re-encoded on arrival,
 * so no original file exists). Every section is the user's rows of one database table; `sources`
 * says which table and which rows, `withheld` which columns were left out and why.
 *
 * Version 1. A reader should check `format` and `version`; a later version may add sections
 * and fields, and bumps `version` when it changes or removes one.
 */
export const DATA_EXPORT_FORMAT = 'hamgaja-data';
export const DATA_EXPORT_VERSION = 1;
/** The JSON document's name inside the zip. */
export const DATA_EXPORT_DOCUMENT = 'hamgaja-data.json';

/** The archive's file name: `hamgaja-data-<UTC date>.zip`. */
export const dataExportFileName = (exportedAt: Date) =>
  `hamgaja-data-${exportedAt.toISOString().slice(0, 10)}.zip`;

const time = z.iso.datetime();
const count = z.int().nonnegative();
/** A change key or counter of the sync engine (server bookkeeping: it orders changes, no meaning of its own). */
const changeKey = z.int();

/** The account (users): profile and times. */
export const exportedAccountSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  locale: z.string(),
  createdAt: time,
  updatedAt: time,
});

/** A session (refresh_tokens): one row per issued refresh token; a family is one log-in. */
export const exportedSessionSchema = z.strictObject({
  id: z.string(),
  familyId: z.string(),
  userId: z.string(),
  expiresAt: time,
  usedAt: time.nullable(),
  revokedAt: time.nullable(),
  createdAt: time,
});

/** A password-reset request (password_reset_tokens). */
export const exportedPasswordResetSchema = z.strictObject({
  id: z.string(),
  userId: z.string(),
  expiresAt: time,
  usedAt: time.nullable(),
  createdAt: time,
});

/** A membership of one of the user's trips (trip_members): the user's own and their co-travellers'. */
export const exportedTripMemberSchema = z.strictObject({
  tripId: z.string(),
  userId: z.string(),
  role: z.string(),
  joinedAt: time,
  updatedAt: time,
});

/** When the user gained or lost a trip (trip_access_log). */
export const exportedTripAccessSchema = z.strictObject({
  userId: z.string(),
  changeSeq: changeKey,
  tripId: z.string(),
  gained: z.boolean(),
  tripSeq: changeKey.nullable(),
});

/** An invite the user made (trip_invites); the code itself is withheld. */
export const exportedInviteSchema = z.strictObject({
  tripId: z.string(),
  role: z.string(),
  createdBy: z.string(),
  createdAt: time,
  expiresAt: time,
  maxUses: count.nullable(),
  uses: count,
  revokedAt: time.nullable(),
});

/** A trip's calendar feed the user made (trip_calendar_feeds); the token's hash is withheld. */
export const exportedCalendarFeedSchema = z.strictObject({
  tripId: z.string(),
  createdBy: z.string(),
  createdAt: time,
  rotatedAt: time.nullable(),
});

/** A synced document of one of the user's trips (sync_documents): the trip itself, a stop, a checklist item or an expense. */
export const exportedDocumentSchema = z.strictObject({
  collection: z.string(),
  id: z.string(),
  tripId: z.string(),
  changeSeq: changeKey,
  /** A tombstone: deleted, still kept so that every device learns of the deletion. */
  deleted: z.boolean(),
  /** The document as replicated to devices (its fields and `_deleted`). */
  document: z.record(z.string(), z.unknown()),
  updatedAt: time,
});

/** A travel-document file held by one of the user's trips (document_files); the bytes are on the trip's devices. */
export const exportedDocumentFileSchema = z.strictObject({
  tripId: z.string(),
  sha256: z.string(),
  size: count,
  mimeType: z.string(),
  uploadedBy: z.string(),
  uploadedAt: time,
});

/** The change counter of one of the user's trips (sync_trip_sequences). */
export const exportedTripSequenceSchema = z.strictObject({
  tripNo: changeKey,
  tripId: z.string(),
  value: changeKey,
  meta: changeKey,
});

/** The counter of the user's gains and losses of trips (sync_user_sequences). */
export const exportedAccessSequenceSchema = z.strictObject({
  userId: z.string(),
  value: changeKey,
});

/** A board post the user wrote (board_posts). */
export const exportedPostSchema = z.strictObject({
  id: z.string(),
  authorId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** The trip shared with the post, as it was when shared. */
  tripSnapshot: z.unknown().nullable(),
  tripTitle: z.string().nullable(),
  views: count,
  commentCount: count,
  createdAt: time,
  updatedAt: time,
});

/** A comment the user wrote (board_comments). */
export const exportedCommentSchema = z.strictObject({
  id: z.string(),
  postId: z.string(),
  authorId: z.string().nullable(),
  body: z.string(),
  createdAt: time,
});

/** An image the user uploaded or that is on one of their posts (board_images). */
export const exportedImageSchema = z.strictObject({
  imageKey: z.string(),
  ownerId: z.string().nullable(),
  postId: z.string().nullable(),
  ordinal: count,
  width: count,
  height: count,
  bytes: count,
  createdAt: time,
  /** Its file in the zip (`images/<imageKey>.webp`), or null when the server no longer has the file. */
  file: z.string().nullable(),
});

/** When the user last counted as a view of a post (board_post_views; `viewer` is the hashed key views are counted under). */
export const exportedPostViewSchema = z.strictObject({
  postId: z.string(),
  viewer: z.string(),
  viewedAt: time,
});

/** The user's AI use per minute or day (ai_usage). */
export const exportedAiUsageSchema = z.strictObject({
  userId: z.string(),
  bucket: z.string(),
  uses: count,
  expiresAt: time,
});

/** An account deletion under way, with the choices it was asked with (account_deletions). */
export const exportedAccountDeletionSchema = z.strictObject({
  userId: z.string(),
  choices: z.unknown(),
  startedAt: time,
});

export const dataExportSchema = z.strictObject({
  format: z.literal(DATA_EXPORT_FORMAT),
  version: z.literal(DATA_EXPORT_VERSION),
  exportedAt: time,
  user: exportedAccountSchema,
  /** Which table each section comes from and which of its rows are the user's. */
  sources: z.array(z.strictObject({ section: z.string(), table: z.string(), rows: z.string() })),
  /** Columns left out of their sections, and why. */
  withheld: z.array(z.strictObject({ table: z.string(), column: z.string(), reason: z.string() })),
  sessions: z.array(exportedSessionSchema),
  passwordResetRequests: z.array(exportedPasswordResetSchema),
  tripMembers: z.array(exportedTripMemberSchema),
  tripAccessLog: z.array(exportedTripAccessSchema),
  invites: z.array(exportedInviteSchema),
  calendarFeeds: z.array(exportedCalendarFeedSchema),
  documents: z.array(exportedDocumentSchema),
  documentFiles: z.array(exportedDocumentFileSchema),
  tripSequences: z.array(exportedTripSequenceSchema),
  accessSequence: z.array(exportedAccessSequenceSchema),
  posts: z.array(exportedPostSchema),
  comments: z.array(exportedCommentSchema),
  images: z.array(exportedImageSchema),
  postViews: z.array(exportedPostViewSchema),
  aiUsage: z.array(exportedAiUsageSchema),
  accountDeletion: z.array(exportedAccountDeletionSchema),
});
export type DataExport = z.infer<typeof dataExportSchema>;

/** The sections holding the user's rows of one table each: `user` (the account) and the lists. */
export type DataExportSection = Exclude<
  keyof DataExport,
  'format' | 'version' | 'exportedAt' | 'sources' | 'withheld'
>;
