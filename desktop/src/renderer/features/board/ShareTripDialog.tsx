import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ChecklistItem, Stop, Trip } from '@hamgaja/shared';
import { FormAlert, TextField } from '../../app/forms';
import { ShareIcon } from '../../app/icons';
import { useOnline } from '../catalog/catalog-services';
import { limits, validatePostForm, type PostFormErrors } from './post-form';
import { tripToSnapshot } from './snapshot';
import { boardErrorMessage, useBoard } from './use-board';
import './board.css';

type Props = { trip: Trip; stops: readonly Stop[]; checklistItems: readonly ChecklistItem[] };

/** "Share to board": a button that opens a small post form carrying the trip's snapshot. */
export function ShareTripButton(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <ShareIcon />
        {t('board.share.button')}
      </button>
      {open ? <ShareTripDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareTripDialog({ trip, stops, checklistItems, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const board = useBoard();
  const navigate = useNavigate();
  const online = useOnline();
  const dialog = useRef<HTMLDialogElement>(null);
  const bodyId = useId();
  const [title, setTitle] = useState(trip.title);
  const [body, setBody] = useState(t('board.share.defaultBody', { title: trip.title }));
  const [errors, setErrors] = useState<PostFormErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal?.();
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validatePostForm({ title, body });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const post = await board.createPost({
        title: title.trim(),
        body: body.trim(),
        imageKeys: [],
        trip: tripToSnapshot(trip, stops, checklistItems),
      });
      void navigate(`/board/${post.id}`);
    } catch (err) {
      setError(boardErrorMessage(t, err));
      setBusy(false);
    }
  };
  const message = (field: 'title' | 'body') =>
    errors[field] === 'required'
      ? t('board.form.required', { field: t(`board.form.${field}`) })
      : errors[field] === 'tooLong'
        ? t('board.form.tooLong', {
            field: t(`board.form.${field}`),
            max: limits[field],
            length: (field === 'title' ? title : body).trim().length,
          })
        : null;

  return (
    <dialog
      ref={dialog}
      className="dialog share-trip-dialog"
      aria-labelledby="share-trip-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="dialog-body" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id="share-trip-title">{t('board.share.title')}</h2>
        <p>{t('board.share.intro')}</p>
        <TextField
          label={t('board.form.title')}
          value={title}
          error={message('title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="field">
          <span className="field-label">
            <label htmlFor={bodyId}>{t('board.form.body')}</label>
          </span>
          <textarea
            id={bodyId}
            className="input"
            rows={4}
            value={body}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${bodyId}-error` : undefined}
            onChange={(event) => setBody(event.target.value)}
          />
          {message('body') ? (
            <span id={`${bodyId}-error`} className="field-error">
              {message('body')}
            </span>
          ) : null}
        </div>
        {!online ? <FormAlert kind="info">{t('board.share.offline')}</FormAlert> : null}
        {error ? <FormAlert kind="error">{error}</FormAlert> : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !online} aria-busy={busy}>
            {busy ? t('board.share.submitting') : t('board.share.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
