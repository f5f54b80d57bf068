import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map, of } from 'rxjs';
import type { CollectionName, ConflictRecord, HamgajaDatabase, Stop, SyncedDocument } from '@hamgaja/shared';
import { AlertIcon, UndoIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useLiveQuery } from '../../data/hooks';
import { useTripMembers, useTripRole } from '../sharing/use-trip-role';
import { DELETED_FIELD, dismissConflict, restoreConflict, type WithConflicts } from './conflict-actions';
import { fieldLabel, formatLostValue } from './format-value';
import './conflicts.css';

type Loose = Record<string, unknown>;

/** One collection, typed loosely: every synced document has `id` and optional `conflicts`. */
const collectionOf = (db: HamgajaDatabase, collection: CollectionName) =>
  db[collection] as unknown as HamgajaDatabase['checklistItems'];

function useDocument(collection: CollectionName, documentId: string) {
  return useLiveQuery(
    (db) =>
      collectionOf(db, collection)
        .findOne(documentId)
        .$.pipe(map((doc) => (doc ? (doc.toJSON() as unknown as WithConflicts) : null))),
    [collection, documentId],
  );
}

function useStopNames(ids: readonly string[]) {
  const key = ids.join(',');
  const stops = useLiveQuery(
    (db) =>
      ids.length === 0
        ? of(new Map<string, string>())
        : db.stops
            .find({ selector: { id: { $in: [...ids] } } })
            .$.pipe(
              map((docs) => new Map(docs.map((doc) => [doc.id, (doc.toJSON() as Stop).place.name] as const))),
            ),
    [key],
  );
  return stops.status === 'ready' ? stops.data : new Map<string, string>();
}

const recordKey = (record: ConflictRecord) =>
  `${record.field}|${record.at}|${record.by ?? ''}|${JSON.stringify(record.lostValue)}`;

function ConflictItem({
  collection,
  doc,
  record,
  message,
  canEdit,
}: {
  collection: CollectionName;
  doc: WithConflicts;
  record: ConflictRecord;
  message: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const database = useDatabaseState();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const field = fieldLabel(t, record.field);

  async function act(action: typeof restoreConflict) {
    if (database.status !== 'ready') return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await action(database.db, collection, String(doc.id), record);
      if (result === 'invalid') setProblem(t('conflicts.cannotRestore'));
    } catch (error) {
      console.error('Resolving a conflict failed', error);
      setProblem(t('conflicts.failed'));
    } finally {
      setBusy(false);
    }
  }

  const deletion = record.field === DELETED_FIELD;
  return (
    <li className="conflict-item">
      <AlertIcon />
      <div className="conflict-text">
        <p>{message}</p>
        {problem ? <p className="field-error">{problem}</p> : null}
      </div>
      {canEdit ? (
        <div className="conflict-actions">
          <button
            type="button"
            className="button conflict-button"
            disabled={busy}
            aria-label={deletion ? undefined : t('conflicts.restoreLabel', { field })}
            onClick={() => void act(restoreConflict)}
          >
            <UndoIcon />
            {deletion ? t('conflicts.deleteAgain') : t('conflicts.restore')}
          </button>
          <button
            type="button"
            className="button button-ghost conflict-button"
            disabled={busy}
            aria-label={deletion ? undefined : t('conflicts.dismissLabel', { field })}
            onClick={() => void act(dismissConflict)}
          >
            {deletion ? t('conflicts.keep') : t('conflicts.dismiss')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export type ConflictNoticeProps =
  | { collection: CollectionName; document: SyncedDocument; documentId?: undefined }
  | { collection: CollectionName; documentId: string; document?: undefined };

/**
 * "Your change to <field> was replaced by a co-traveller's edit: <lost value>" for every value a
 * concurrent edit overwrote on this document (the merge records them in its `conflicts`), with
 * Restore (write the lost value back) and Dismiss (keep what won). Renders nothing when there
 * are none. Viewers see the note without the buttons. Pass the `document` when the caller has it
 * live already; with only a `documentId` the notice watches the document itself.
 */
export function ConflictNotice(props: ConflictNoticeProps) {
  if (props.document) {
    const doc = props.document as unknown as WithConflicts;
    const records = doc.conflicts ?? [];
    if (records.length === 0) return null;
    return <ConflictList collection={props.collection} doc={doc} records={records} />;
  }
  return <WatchedConflictNotice collection={props.collection} documentId={props.documentId} />;
}

function WatchedConflictNotice({
  collection,
  documentId,
}: {
  collection: CollectionName;
  documentId: string;
}) {
  const document = useDocument(collection, documentId);
  const doc = document.status === 'ready' ? document.data : null;
  const records = doc?.conflicts ?? [];
  if (!doc || records.length === 0) return null;
  return <ConflictList collection={collection} doc={doc} records={records} />;
}

function ConflictList({
  collection,
  doc,
  records,
}: {
  collection: CollectionName;
  doc: WithConflicts;
  records: ConflictRecord[];
}) {
  const { t, i18n } = useTranslation();
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  const tripId = String(collection === 'trips' ? doc.id : (doc as Loose).tripId);
  const access = useTripRole(tripId);
  const members = useTripMembers(tripId);
  const stopIds = [
    ...new Set(
      records
        .filter((r) => r.field === 'stopId' && typeof r.lostValue === 'string')
        .map((r) => r.lostValue as string),
    ),
  ];
  const stopNames = useStopNames(stopIds);
  const memberName = (userId: string) =>
    userId === me
      ? t('conflicts.me')
      : (members.members?.find((m) => m.userId === userId)?.displayName ?? t('conflicts.someone'));

  const messageOf = (record: ConflictRecord): string => {
    const mine = record.by === undefined || record.by === me;
    const name = record.by ? memberName(record.by) : '';
    if (record.field === DELETED_FIELD)
      return mine ? t('conflicts.deletionYours') : t('conflicts.deletionTheirs', { name });
    const field = fieldLabel(t, record.field);
    const value = formatLostValue(record.field, record.lostValue, {
      t,
      language: i18n.language,
      doc,
      memberName,
      stopName: (id) => stopNames.get(id) ?? null,
    });
    return mine ? t('conflicts.yours', { field, value }) : t('conflicts.theirs', { name, field, value });
  };

  return (
    <section className="conflict-notice" aria-label={t('conflicts.title')}>
      <ul role="list">
        {records.map((record) => (
          <ConflictItem
            key={recordKey(record)}
            collection={collection}
            doc={doc}
            record={record}
            message={messageOf(record)}
            canEdit={access.canEdit}
          />
        ))}
      </ul>
    </section>
  );
}
