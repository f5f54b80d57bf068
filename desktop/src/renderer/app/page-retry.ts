/**
 * "Try again" on a page that failed (PageErrorBoundary): what should be forgotten first, such as
 * a page whose code failed to load (React's lazy() keeps that failure for good).
 */
const resets = new Set<() => void>();

/** Registers something to reset before a failed page is tried again; returns the unregister function. */
export function onPageRetry(reset: () => void): () => void {
  resets.add(reset);
  return () => resets.delete(reset);
}

/** Runs every reset (called by the error screen's "try again", before the page mounts again). */
export function resetForPageRetry(): void {
  for (const reset of resets) reset();
}
