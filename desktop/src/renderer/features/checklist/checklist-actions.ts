import {
  keyBetween,
  keysForMoveTo,
  sortByOrderKey,
  type ChecklistItem,
  type HamgajaDatabase,
} from '@hamgaja/shared';

/** Longest item text the document schema accepts. */
export const CHECKLIST_TEXT_MAX = 500;

export type TextProblem = 'required' | 'tooLong' | null;

/** Why a text can't be an item (empty, or longer than the schema allows). */
export function checkItemText(text: string): TextProblem {
  const trimmed = text.trim();
  if (!trimmed) return 'required';
  if (trimmed.length > CHECKLIST_TEXT_MAX) return 'tooLong';
  return null;
}

/** "3 of 10" for the progress line. */
export function checklistProgress(items: readonly Pick<ChecklistItem, 'done'>[]): {
  done: number;
  total: number;
} {
  return { done: items.filter((item) => item.done).length, total: items.length };
}

/** Edits of a trip's checklist in the local database (they sync like every other edit). */
export function checklistActions(db: HamgajaDatabase, tripId: string) {
  const find = (id: string) => db.checklistItems.findOne(id).exec();
  return {
    /** Appends an item at the end of the list. */
    async add(items: readonly ChecklistItem[], text: string): Promise<void> {
      const last = sortByOrderKey(items).at(-1)?.orderKey ?? null;
      await db.checklistItems.insert({
        id: crypto.randomUUID(),
        tripId,
        text: text.trim(),
        done: false,
        orderKey: keyBetween(last, null),
      });
    },
    async setDone(id: string, done: boolean): Promise<void> {
      await (await find(id))?.incrementalPatch({ done });
    },
    async rename(id: string, text: string): Promise<void> {
      await (await find(id))?.incrementalPatch({ text: text.trim() });
    },
    async remove(id: string): Promise<void> {
      await (await find(id))?.incrementalRemove();
    },
    /** Moves an item to `toIndex`; normally rewrites only that item's order key. */
    async move(items: readonly ChecklistItem[], id: string, toIndex: number): Promise<void> {
      for (const update of keysForMoveTo(items, id, toIndex)) {
        await (await find(update.id))?.incrementalPatch({ orderKey: update.orderKey });
      }
    },
  };
}

export type ChecklistActions = ReturnType<typeof checklistActions>;
