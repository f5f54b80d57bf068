import { useCallback, useRef, useState, type PointerEvent, type WheelEvent } from 'react';

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;
const clamp = (value: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, value));

/**
 * Zoom of the document viewer: buttons, Ctrl + wheel (and trackpad pinch, which browsers send as
 * Ctrl + wheel) and a two-finger pinch on touch screens (pointer events, so it works the same in
 * Chromium on every platform and in Electron).
 */
export function useZoom() {
  const [zoom, setZoomState] = useState(1);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; zoom: number } | null>(null);
  const setZoom = useCallback((next: number | ((current: number) => number)) => {
    setZoomState((current) => clamp(typeof next === 'function' ? next(current) : next));
  }, []);

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };

  const handlers = {
    onPointerDown: (event: PointerEvent) => {
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.current.size === 2) pinch.current = { distance: distance(), zoom };
    },
    onPointerMove: (event: PointerEvent) => {
      if (!pointers.current.has(event.pointerId)) return;
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      const start = pinch.current;
      if (start && start.distance > 0) setZoom(start.zoom * (distance() / start.distance));
    },
    onPointerUp: (event: PointerEvent) => {
      pointers.current.delete(event.pointerId);
      if (pointers.current.size < 2) pinch.current = null;
    },
    onPointerCancel: (event: PointerEvent) => {
      pointers.current.delete(event.pointerId);
      pinch.current = null;
    },
    onWheel: (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      setZoom((current) => current * Math.exp(-event.deltaY / 300));
    },
  };

  return {
    zoom,
    zoomIn: () => setZoom((z) => z * 1.25),
    zoomOut: () => setZoom((z) => z / 1.25),
    reset: () => setZoom(1),
    handlers,
  };
}
