import { z } from 'zod';

/**
 * Travel-document files (PUT|GET|HEAD /api/trips/{tripId}/files/{sha256}) and the caller's
 * storage use (GET /api/me/document-usage). The metadata is the synced `documents` collection.
 */
export const documentProblemCodes = [
  /** 415: the content is not a PDF, JPEG, PNG or WebP (checked by content, never by name). */
  'unsupported_type',
  /** 415: the file is also another kind of file (a PDF that is a ZIP, an image with a script after it). */
  'polyglot_file',
  /** 413: more than 20 MB. */
  'file_too_large',
  /** 413: the uploader's storage quota would be exceeded. */
  'quota_exceeded',
  /** 422: the content's SHA-256 is not the one in the URL. */
  'hash_mismatch',
  /** 400: the upload ended before its Content-Length. */
  'upload_incomplete',
] as const;
export type DocumentProblemCode = (typeof documentProblemCodes)[number];

/** The caller's use of document storage: files they uploaded that are still kept, and the limit. */
export const documentUsageSchema = z.strictObject({
  usedBytes: z.int().min(0),
  limitBytes: z.int().min(0),
  files: z.int().min(0),
});
export type DocumentUsage = z.infer<typeof documentUsageSchema>;

/** Answer of a successful upload (201 when stored, 200 when the trip already had it). */
export const documentFileSchema = z.strictObject({
  sha256: z.string(),
  size: z.int().min(1),
  mimeType: z.string(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;
