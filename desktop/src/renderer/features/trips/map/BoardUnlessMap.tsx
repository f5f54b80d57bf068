import { DndContext } from '@dnd-kit/core';
import type { ComponentProps } from 'react';

/**
 * The schedule's drag-and-drop board (its DndContext), left out while the Map view shows: the
 * map then opens without re-rendering every stop card of a hidden board.
 */
export function BoardUnlessMap({ map, ...props }: ComponentProps<typeof DndContext> & { map: boolean }) {
  return map ? null : <DndContext {...props} />;
}
