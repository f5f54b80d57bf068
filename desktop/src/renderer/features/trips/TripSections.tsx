/**
 * Mount points of the trip detail for features built in their own folders (checklist,
 * expenses, sharing, conflict notices). Each is loaded on demand, and only when its file
 * exists: `import.meta.glob` matches nothing for a missing file, so the trip page builds and
 * runs before those features land and picks them up once they do.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { CollectionName, SyncedDocument, Trip } from '@hamgaja/shared';

const modules = import.meta.glob<Record<string, unknown>>([
  '../checklist/ChecklistPanel.tsx',
  '../expenses/ExpensesPanel.tsx',
  '../sharing/ShareDialog.tsx',
  '../conflicts/ConflictNotice.tsx',
]);

function optional<P>(path: string, name: string): LazyExoticComponent<ComponentType<P>> | null {
  const load = modules[path];
  if (!load) return null;
  return lazy(async () => {
    const module = await load();
    const component = module[name];
    if (typeof component !== 'function' && typeof component !== 'object') {
      throw new Error(`${path} does not export ${name}`);
    }
    return { default: component as ComponentType<P> };
  });
}

export const ChecklistPanel = optional<{ tripId: string }>(
  '../checklist/ChecklistPanel.tsx',
  'ChecklistPanel',
);
export const ExpensesPanel = optional<{ tripId: string; trip: Trip }>(
  '../expenses/ExpensesPanel.tsx',
  'ExpensesPanel',
);
export const ShareDialog = optional<{ tripId: string; open: boolean; onClose: () => void }>(
  '../sharing/ShareDialog.tsx',
  'ShareDialog',
);
export const ConflictNotice = optional<{ collection: CollectionName; document: SyncedDocument }>(
  '../conflicts/ConflictNotice.tsx',
  'ConflictNotice',
);
