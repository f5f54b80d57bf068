/**
 * The editor's picked images: each is uploading, uploaded (has a key) or failed (with the
 * reason). Pure functions, so ordering and removal are tested without a browser.
 */
import { POST_IMAGES_MAX, UPLOAD_MAX_BYTES, type PostImage } from '@hamgaja/shared';

export type PickedImage =
  | { id: string; status: 'uploading'; name: string; preview: string; progress: number }
  | { id: string; status: 'done'; name: string; preview: string; image: PostImage }
  | { id: string; status: 'failed'; name: string; preview: string | null; reason: PickError };

/** Why a file was not added: checked here first (type, size, count), then by the server (content). */
export type PickError = 'notImage' | 'tooLarge' | 'tooMany' | 'uploadFailed' | 'offline';

/** Formats the server re-encodes; anything else is refused before uploading. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;

export function checkFile(file: Pick<File, 'type' | 'size'>): PickError | null {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) return 'notImage';
  if (file.size > UPLOAD_MAX_BYTES) return 'tooLarge';
  return null;
}

/** How many more images fit (failed ones do not count). */
export function roomLeft(items: readonly PickedImage[]): number {
  return Math.max(0, POST_IMAGES_MAX - items.filter((item) => item.status !== 'failed').length);
}

/** Moves the item at `from` to `to` (clamped); a no-op for unknown positions. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length) return [...items];
  const target = Math.max(0, Math.min(items.length - 1, to));
  const next = [...items];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

export function removeItem(items: readonly PickedImage[], id: string): PickedImage[] {
  return items.filter((item) => item.id !== id);
}

export function updateItem(items: readonly PickedImage[], id: string, next: PickedImage): PickedImage[] {
  return items.map((item) => (item.id === id ? next : item));
}

/** The keys to send with the post, in display order; null while an upload is still running. */
export function imageKeys(items: readonly PickedImage[]): string[] | null {
  if (items.some((item) => item.status === 'uploading')) return null;
  return items.flatMap((item) => (item.status === 'done' ? [item.image.key] : []));
}

/** Items for a post's existing images (editing). */
export function fromPostImages(
  images: readonly PostImage[],
  imageUrl: (path: string) => string,
): PickedImage[] {
  return images.map((image) => ({
    id: image.key,
    status: 'done',
    name: image.key,
    preview: imageUrl(image.thumbnailUrl),
    image,
  }));
}
