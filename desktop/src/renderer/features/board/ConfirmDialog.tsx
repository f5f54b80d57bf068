import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/modal-dialog';

/** "Are you sure?" as a modal dialog (focus stays inside; Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  body?: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      open={open}
      onClose={onCancel}
      className="dialog"
      role="alertdialog"
      aria-labelledby="confirm-title"
    >
      {open ? (
        <div className="dialog-body">
          <h2 id="confirm-title">{title}</h2>
          {body ? <p>{body}</p> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel} autoFocus>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              aria-busy={busy}
              onClick={onConfirm}
            >
              {busy ? <span className="spinner" aria-hidden="true" /> : null}
              {confirmLabel}
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}
