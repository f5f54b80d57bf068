import { z } from 'zod';
import { isWellFormedText, LONE_SURROGATE_MESSAGE, SEARCH_TEXT_MAX } from '../api/text.js';
import { checklistItemShape, stopShape, tripShape } from '../sync/documents.js';

// API types of the community board: posts, comments, images and shared trip snapshots.

/**
 * Problem codes of the board besides the common ones (validation_failed, unauthenticated,
 * forbidden: not the author, not_found, payload_too_large: > 10 MB, unsupported_media_type: not an image).
 */
export const boardProblemCodes = [
  /** 400: an imageKeys entry is not the caller's own upload, or is already on another post. */
  'invalid_image',
  /** 404: copy-trip on a post that shares no trip. */
  'no_trip',
] as const;

export const POST_TITLE_MAX = 120;
export const POST_BODY_MAX = 20_000;
export const COMMENT_BODY_MAX = 2_000;
export const POST_IMAGES_MAX = 10;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const BOARD_PAGE_SIZE_MAX = 50;
/** Image keys are random and unguessable; the URL is the only capability needed to load one. */
export const imageKeySchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an image key');

/** Board text lives in text columns: any code point (NUL included) except a lone surrogate, which UTF-8 cannot hold. */
const boardText = () => z.string().refine(isWellFormedText, LONE_SURROGATE_MESSAGE);
const nonBlank = (max: number) => boardText().trim().min(1).max(max);
/** A whole number written in decimal digits, as query strings carry it. */
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const postSortSchema = z.enum(['latest', 'views', 'comments']);
export type PostSort = z.infer<typeof postSortSchema>;

/** GET /api/posts and GET /api/me/posts. `q` matches title, body and author name (every word must match). */
export const postListQuerySchema = z.strictObject({
  q: boardText().trim().max(SEARCH_TEXT_MAX).optional(),
  sort: postSortSchema.default('latest'),
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, BOARD_PAGE_SIZE_MAX).default(20),
});
export type PostListQuery = z.input<typeof postListQuerySchema>;

/** GET /api/posts/{id}/comments: oldest first. */
export const commentListQuerySchema = z.strictObject({
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, 100).default(50),
});

export const authorSchema = z.object({ id: z.string(), displayName: z.string() });
export type Author = z.infer<typeof authorSchema>;
/** The author of a post or comment; null once their account was deleted and they kept it without their name. */
export const postAuthorSchema = authorSchema.nullable();

/** A stored image: the display size (≤ 1600 px) and a thumbnail (≤ 400 px), both WebP. */
export const postImageSchema = z.object({
  key: imageKeySchema,
  /** /api/images/{key} (display size). */
  url: z.string(),
  /** /api/images/{key}?size=thumb */
  thumbnailUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type PostImage = z.infer<typeof postImageSchema>;

/** POST /api/uploads answer (201). */
export const uploadSchema = postImageSchema.extend({
  bytes: z.number().int(),
  contentType: z.literal('image/webp'),
});
export type Upload = z.infer<typeof uploadSchema>;

// A trip shared to the board: the trip and its stops without ids, owners or conflict records,
// so copying it creates documents that belong to the copier only.
const { id: _tripId, conflicts: _tripConflicts, ownerId: _ownerId, ...tripSnapshotShape } = tripShape;
const { id: _stopId, conflicts: _stopConflicts, tripId: _stopTripId, ...stopSnapshotShape } = stopShape;
const {
  id: _itemId,
  conflicts: _itemConflicts,
  tripId: _itemTripId,
  orderKey: _itemOrderKey,
  ...checklistSnapshotShape
} = checklistItemShape;

export const tripSnapshotSchema = z.strictObject({
  version: z.literal(1),
  trip: z.strictObject(tripSnapshotShape).refine((t) => t.endDate >= t.startDate, {
    path: ['endDate'],
    message: 'endDate is before startDate',
  }),
  /** In day and order-key order is not required; the copier sorts by (day, orderKey). */
  // Snapshots shared before stops had `travelMode` (schema v1) read as "not chosen".
  stops: z
    .array(z.strictObject({ ...stopSnapshotShape, travelMode: stopSnapshotShape.travelMode.default(null) }))
    .max(500),
  checklistItems: z.array(z.strictObject(checklistSnapshotShape)).max(300).default([]),
});
export type TripSnapshot = z.infer<typeof tripSnapshotSchema>;
export type TripSnapshotInput = z.input<typeof tripSnapshotSchema>;

/** A row of the post list. */
export const postSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The body's first 160 characters. */
  excerpt: z.string(),
  author: postAuthorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  views: z.number().int(),
  commentCount: z.number().int(),
  imageCount: z.number().int(),
  /** The first image, for the list. */
  thumbnail: postImageSchema.nullable(),
  /** The post carries a trip snapshot (title shown in the list). */
  tripTitle: z.string().nullable(),
});
export type PostSummary = z.infer<typeof postSummarySchema>;

export const postPageSchema = z.object({
  items: z.array(postSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PostPage = z.infer<typeof postPageSchema>;

/** GET /api/posts/{id}. */
export const postSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  author: postAuthorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  views: z.number().int(),
  commentCount: z.number().int(),
  images: z.array(postImageSchema),
  trip: tripSnapshotSchema.nullable(),
  /** The caller wrote it (shows the author-only controls). */
  mine: z.boolean(),
});
export type Post = z.infer<typeof postSchema>;

/** POST /api/posts. `imageKeys` are the caller's own uploads, in display order. */
export const createPostRequestSchema = z.strictObject({
  title: nonBlank(POST_TITLE_MAX),
  body: nonBlank(POST_BODY_MAX),
  imageKeys: z.array(imageKeySchema).max(POST_IMAGES_MAX).default([]),
  trip: tripSnapshotSchema.optional(),
});
export type CreatePostRequest = z.input<typeof createPostRequestSchema>;

/** PATCH /api/posts/{id}. `imageKeys` replaces the list (removed images are deleted); `trip: null` unshares. */
export const updatePostRequestSchema = z
  .strictObject({
    title: nonBlank(POST_TITLE_MAX).optional(),
    body: nonBlank(POST_BODY_MAX).optional(),
    imageKeys: z.array(imageKeySchema).max(POST_IMAGES_MAX).optional(),
    trip: tripSnapshotSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdatePostRequest = z.input<typeof updatePostRequestSchema>;

export const commentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  body: z.string(),
  author: postAuthorSchema,
  createdAt: z.string(),
  mine: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentPageSchema = z.object({
  items: z.array(commentSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CommentPage = z.infer<typeof commentPageSchema>;

export const createCommentRequestSchema = z.strictObject({ body: nonBlank(COMMENT_BODY_MAX) });
export type CreateCommentRequest = z.input<typeof createCommentRequestSchema>;

/** POST /api/posts/{id}/copy-trip: the snapshot to turn into the caller's own new trip. */
export const copyTripResponseSchema = z.object({
  postId: z.string(),
  trip: tripSnapshotSchema,
});
export type CopyTripResponse = z.infer<typeof copyTripResponseSchema>;
