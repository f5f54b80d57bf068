import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reservation, TripDocument } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { PlusIcon, TrashIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { useTripMembers } from '../sharing/use-trip-role';
import { readDocumentFile, formatBytes } from './content';
import { fileStatus, type DeviceFiles, type DeviceFilesSnapshot } from './device-files';
import { DocumentViewer } from './DocumentViewer';

/** Refusals of an upload the list can name (documentProblemCodes of @hamgaja/shared). */
const SERVER_REFUSALS = [
  'unsupported_type',
  'polyglot_file',
  'file_too_large',
  'quota_exceeded',
  'hash_mismatch',
] as const;

const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp';

/** Picks files and adds them as documents of the trip (or of a reservation). */
export function AddDocumentButton({
  files,
  tripId,
  reservationId,
}: {
  files: DeviceFiles;
  tripId: string;
  reservationId: string | null;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(event.target.files ?? [])];
    event.target.value = '';
    if (picked.length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      for (const file of picked) {
        const read = await readDocumentFile(file);
        if (!read.ok) {
          setProblem(t(`documents.refusal.${read.reason}`));
          continue;
        }
        await files.add({ tripId, reservationId, name: file.name, ...read });
      }
    } catch (error) {
      console.error('Adding a document failed', error);
      setProblem(t('documents.addFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="document-add">
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        multiple
        className="visually-hidden"
        onChange={(event) => void onChange(event)}
        disabled={busy}
      />
      <label htmlFor={id} className="button" aria-disabled={busy}>
        <PlusIcon />
        {busy ? t('documents.adding') : t('documents.add')}
      </label>
      {problem ? <FormAlert kind="error">{problem}</FormAlert> : null}
    </div>
  );
}

/** What the list says of a document's file. */
function useStatusText(tripId: string) {
  const { t } = useTranslation();
  const members = useTripMembers(tripId);
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  return (snapshot: DeviceFilesSnapshot, doc: TripDocument): string => {
    const status = fileStatus(snapshot, doc.sha256);
    if (status === 'notUploaded') {
      const name =
        doc.addedBy === me ? null : members.members?.find((m) => m.userId === doc.addedBy)?.displayName;
      return name ? t('documents.status.notUploaded', { name }) : t('documents.status.notUploadedSomeone');
    }
    if (status === 'refused') {
      const code = snapshot.refused.get(doc.sha256);
      const reason = (SERVER_REFUSALS as readonly (string | undefined)[]).includes(code)
        ? (code as (typeof SERVER_REFUSALS)[number])
        : 'other';
      return t('documents.status.refused', { reason: t(`documents.refusal.${reason}`) });
    }
    return t(`documents.status.${status}`);
  };
}

/** A list of documents with their file's state: open (or the boarding pass), remove. */
export function DocumentList({
  files,
  snapshot,
  tripId,
  docs,
  reservations,
  canEdit,
}: {
  files: DeviceFiles;
  snapshot: DeviceFilesSnapshot;
  tripId: string;
  docs: readonly TripDocument[];
  reservations: ReadonlyMap<string, Reservation>;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const statusText = useStatusText(tripId);
  const [open, setOpen] = useState<{ doc: TripDocument; pass: boolean } | null>(null);

  if (docs.length === 0) return <p className="document-empty">{t('documents.empty')}</p>;
  return (
    <>
      <ul className="document-list" aria-label={t('documents.listLabel')}>
        {docs.map((doc) => {
          const status = fileStatus(snapshot, doc.sha256);
          const reservation = doc.reservationId ? reservations.get(doc.reservationId) : undefined;
          return (
            <li key={doc.id} className="document-item" data-status={status}>
              <div className="document-item-main">
                <span className="document-kind" aria-hidden="true">
                  {doc.mimeType === 'application/pdf' ? 'PDF' : 'IMG'}
                </span>
                <div className="document-item-text">
                  <span className="document-name">{doc.name}</span>
                  <span className="document-meta">
                    {formatBytes(doc.size, i18n.language)} ·{' '}
                    <span className="document-status">{statusText(snapshot, doc)}</span>
                  </span>
                </div>
              </div>
              <div className="document-item-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => setOpen({ doc, pass: false })}
                  aria-label={t('documents.openNamed', { name: doc.name })}
                  disabled={status === 'notUploaded'}
                >
                  {t('documents.open')}
                </button>
                {reservation ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setOpen({ doc, pass: true })}
                    disabled={status === 'notUploaded'}
                  >
                    {t('documents.boardingPass')}
                  </button>
                ) : null}
                {canEdit ? (
                  <button
                    type="button"
                    className="button button-ghost"
                    onClick={() => void files.remove(doc.id)}
                    aria-label={t('documents.removeNamed', { name: doc.name })}
                  >
                    <TrashIcon />
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {open ? (
        <DocumentViewer
          files={files}
          doc={open.doc}
          pass={open.pass}
          reservation={open.doc.reservationId ? reservations.get(open.doc.reservationId) : undefined}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
