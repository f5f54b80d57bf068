import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountDeletionPreview, BoardDeletionChoice, TripDeletionChoice } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert, PasswordField } from '../../app/forms';
import { ModalDialog } from '../../app/modal-dialog';
import { useServices } from '../../app/services';

/** A list of trips under a heading, or nothing when there are none. */
function TripGroup({ heading, items }: { heading: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="deletion-group">
      <p className="deletion-heading">{heading}</p>
      <ul className="deletion-list">
        {items.map((item, i) => (
          <li key={i} data-user-content>
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The danger zone of My page: before deleting, the dialog shows what will happen (from the
 * server's preview), asks what to do with shared trips that have no editor and with the board
 * posts, and takes the password.
 */
export function DeleteAccountSection() {
  const { t } = useTranslation();
  const { session } = useServices();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const boardName = useId();
  const choiceId = useId();
  const [preview, setPreview] = useState<AccountDeletionPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [tripChoices, setTripChoices] = useState<Record<string, TripDeletionChoice>>({});
  const [board, setBoard] = useState<BoardDeletionChoice | null>(null);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function loadPreview() {
    setPreview(null);
    setPreviewError(null);
    try {
      setPreview(await session.authorized((token) => session.api.deletionPreview(token)));
    } catch (caught) {
      setPreviewError(errorMessage(t, caught));
    }
  }

  function start() {
    setTripChoices({});
    setBoard(null);
    setPassword('');
    setSubmitted(false);
    setPasswordError(null);
    setError(null);
    setOpen(true);
    void loadPreview();
  }

  const title = (trip: { title: string }) => trip.title.trim() || t('me.deletion.untitled');
  const hasBoardContent =
    preview !== null && preview.board.posts + preview.board.comments + preview.board.images > 0;
  const unchosen = preview?.trips.choiceRequired.filter((trip) => !tripChoices[trip.tripId]) ?? [];
  const noTrips =
    preview !== null && Object.values(preview.trips).every((group: unknown[]) => group.length === 0);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    setPasswordError(password ? null : t('auth.login.passwordRequired'));
    if (!preview || !password || unchosen.length > 0 || (hasBoardContent && !board)) return;
    const trips: Record<string, TripDeletionChoice> = {};
    for (const trip of preview.trips.choiceRequired) {
      const choice = tripChoices[trip.tripId];
      if (choice) trips[trip.tripId] = choice;
    }
    setBusy(true);
    try {
      await session.authorized((token) =>
        session.api.deleteMe(token, { password, board: board ?? 'delete', trips }),
      );
      setOpen(false);
      // Leave the protected page first, so the home page (not the log-in page) says goodbye.
      void navigate('/', { replace: true, state: { notice: 'accountDeleted' } });
      session.forget();
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : null;
      if (code === 'invalid_credentials') setPasswordError(t('me.deletePasswordWrong'));
      else setError(errorMessage(t, caught));
      // The trips changed meanwhile (a member joined or left): show them as they are now.
      if (code === 'account_deletion_choice_required' || code === 'invalid_choice') void loadPreview();
      setBusy(false);
    }
  }

  return (
    <section className="card card-body section-card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('me.danger')}</h2>
      <p className="section-hint">{t('me.dangerHint')}</p>
      <button type="button" className="button button-danger" onClick={start}>
        {t('me.deleteAccount')}
      </button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        className="dialog delete-dialog"
        aria-labelledby="delete-dialog-title"
      >
        <form className="dialog-body" onSubmit={(event) => void onSubmit(event)} noValidate>
          <h2 id="delete-dialog-title">{t('me.deleteTitle')}</h2>
          <p>{t('me.deleteBody')}</p>
          {error ? <FormAlert kind="error">{error}</FormAlert> : null}
          <div className="deletion-preview" aria-live="polite" aria-busy={!preview && !previewError}>
            {!preview && !previewError ? <p>{t('me.deletion.loading')}</p> : null}
            {previewError ? (
              <>
                <FormAlert kind="error">{previewError}</FormAlert>
                <button type="button" className="button" onClick={() => void loadPreview()}>
                  {t('common.retry')}
                </button>
              </>
            ) : null}
            {preview ? (
              <>
                {noTrips ? <p>{t('me.deletion.noTrips')}</p> : null}
                <TripGroup heading={t('me.deletion.deleted')} items={preview.trips.deleted.map(title)} />
                <TripGroup
                  heading={t('me.deletion.handedOver')}
                  items={preview.trips.handedOver.map((trip) =>
                    t('me.deletion.handedTo', { title: title(trip), name: trip.to.displayName }),
                  )}
                />
                <TripGroup heading={t('me.deletion.left')} items={preview.trips.left.map(title)} />
                {preview.trips.choiceRequired.length > 0 ? (
                  <div className="deletion-group">
                    <p className="deletion-heading">{t('me.deletion.choose')}</p>
                    {preview.trips.choiceRequired.map((trip) => {
                      const missing = submitted && !tripChoices[trip.tripId];
                      const id = `${choiceId}-${trip.tripId}`;
                      return (
                        <div key={trip.tripId} className="field">
                          <label className="field-label" htmlFor={id} data-user-content>
                            {title(trip)}
                          </label>
                          <select
                            id={id}
                            className="select input"
                            value={tripChoices[trip.tripId] ?? ''}
                            aria-invalid={missing}
                            aria-describedby={missing ? `${id}-error` : undefined}
                            onChange={(event) =>
                              setTripChoices((current) => ({
                                ...current,
                                [trip.tripId]: event.target.value,
                              }))
                            }
                          >
                            <option value="">{t('me.deletion.choosePlaceholder')}</option>
                            {trip.members.map((member) => (
                              <option key={member.userId} value={`transfer:${member.userId}`}>
                                {t('me.deletion.transferTo', { name: member.displayName })}
                              </option>
                            ))}
                            <option value="delete">{t('me.deletion.deleteForEveryone')}</option>
                          </select>
                          {missing ? (
                            <span id={`${id}-error`} className="field-error">
                              {t('me.deletion.chooseRequired')}
                            </span>
                          ) : null}
                        </div>
                      );
                    })}
                  </div>
                ) : null}
                {hasBoardContent ? (
                  <fieldset className="deletion-group deletion-board">
                    <legend className="deletion-heading">
                      {t('me.deletion.board', {
                        posts: preview.board.posts,
                        comments: preview.board.comments,
                        images: preview.board.images,
                      })}
                    </legend>
                    <label className="deletion-option">
                      <input
                        type="radio"
                        name={boardName}
                        value="delete"
                        checked={board === 'delete'}
                        onChange={() => setBoard('delete')}
                      />
                      <span>{t('me.deletion.boardDelete')}</span>
                    </label>
                    <label className="deletion-option">
                      <input
                        type="radio"
                        name={boardName}
                        value="anonymize"
                        checked={board === 'anonymize'}
                        onChange={() => setBoard('anonymize')}
                      />
                      <span>{t('me.deletion.boardAnonymize')}</span>
                    </label>
                    {submitted && !board ? (
                      <span className="field-error">{t('me.deletion.boardRequired')}</span>
                    ) : null}
                  </fieldset>
                ) : null}
                <p>{t('me.deletion.devices')}</p>
              </>
            ) : null}
          </div>
          <PasswordField
            label={t('me.deletePassword')}
            name="deletePassword"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={passwordError}
            required
          />
          <div className="dialog-actions">
            <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-danger" disabled={busy || !preview}>
              {busy ? t('me.deleting') : t('me.deleteConfirm')}
            </button>
          </div>
        </form>
      </ModalDialog>
    </section>
  );
}
