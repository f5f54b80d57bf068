/** Where the main window reopens: where it was, unless that place is no longer on any screen. */
import type { SavedBounds } from '../settings/settings-store.js';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
/** How much of the title bar must be visible on some screen to reuse a saved position. */
const MIN_VISIBLE = 64;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Bounds for the new window from the saved ones and the current screens' work areas: the
 * size is clamped to the largest screen; a position whose title bar is off every screen (a
 * monitor was unplugged) is dropped so the system centers the window.
 */
export function restoreBounds(
  saved: SavedBounds | null,
  workAreas: readonly Rectangle[],
): { x?: number; y?: number; width: number; height: number } {
  const maxWidth = Math.max(...workAreas.map((a) => a.width), 800);
  const maxHeight = Math.max(...workAreas.map((a) => a.height), 600);
  const width = Math.min(saved?.width ?? DEFAULT_SIZE.width, maxWidth);
  const height = Math.min(saved?.height ?? DEFAULT_SIZE.height, maxHeight);
  if (saved?.x === undefined || saved.y === undefined) return { width, height };
  const titleBar = { x: saved.x, y: saved.y, width, height: 32 };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= MIN_VISIBLE && o.height > 0;
  });
  return visible ? { x: saved.x, y: saved.y, width, height } : { width, height };
}

/** What to save: the normal (not maximized) bounds plus the maximized / full-screen flags. */
export function boundsToSave(
  normal: Rectangle,
  flags: { maximized: boolean; fullScreen: boolean },
): SavedBounds {
  return {
    x: Math.round(normal.x),
    y: Math.round(normal.y),
    width: Math.max(1, Math.round(normal.width)),
    height: Math.max(1, Math.round(normal.height)),
    maximized: flags.maximized,
    fullScreen: flags.fullScreen,
  };
}
