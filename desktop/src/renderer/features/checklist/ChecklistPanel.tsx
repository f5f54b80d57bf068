import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { sortByOrderKey, type ChecklistItem } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { PageLoading } from '../../app/PageLoading';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useLiveQuery } from '../../data/hooks';
import { ConflictNotice } from '../conflicts';
import { useTripRole } from '../sharing/use-trip-role';
import { checklistActions } from './checklist-actions';
import { ChecklistView } from './ChecklistView';

function useChecklist(tripId: string) {
  return useLiveQuery(
    (db) =>
      db.checklistItems
        .find({ selector: { tripId }, sort: [{ orderKey: 'asc' }] })
        .$.pipe(map((docs) => sortByOrderKey(docs.map((doc) => doc.toJSON() as ChecklistItem)))),
    [tripId],
  );
}

/** The trip's packing list / to-dos: add, tick, edit, delete, reorder; read-only for viewers. */
export function ChecklistPanel({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const database = useDatabaseState();
  const items = useChecklist(tripId);
  const access = useTripRole(tripId);
  const actions = useMemo(
    () => (database.status === 'ready' ? checklistActions(database.db, tripId) : null),
    [database, tripId],
  );

  if (items.status === 'loading') return <PageLoading />;
  if (items.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  const list = items.data;
  const need = () => {
    if (!actions) throw new Error('the local database is not open');
    return actions;
  };

  return (
    <ChecklistView
      items={list}
      canEdit={access.canEdit && actions !== null}
      onAdd={(text) => need().add(list, text)}
      onSetDone={(item, done) => need().setDone(item.id, done)}
      onRename={(item, text) => need().rename(item.id, text)}
      onDelete={(item) => need().remove(item.id)}
      onMove={(item, toIndex) => need().move(list, item.id, toIndex)}
      renderNotice={(item) =>
        item.conflicts?.length ? <ConflictNotice collection="checklistItems" document={item} /> : null
      }
    />
  );
}
