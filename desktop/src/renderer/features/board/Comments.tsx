import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Comment } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { TrashIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { currentLanguage } from '../../i18n';
import { AuthorName } from './AuthorName';
import { ConfirmDialog } from './ConfirmDialog';
import { limits, validateComment } from './post-form';
import { boardErrorMessage, formatTimestamp, useBoard } from './use-board';

/** Comments of a post, oldest first: anyone reads, logged-in people add, authors delete their own. */
export function Comments({
  postId,
  onCountChange,
}: {
  postId: string;
  onCountChange: (delta: number) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const board = useBoard();
  const session = useSessionState();
  const location = useLocation();
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Comments come 100 at a time, oldest first; "show more" fetches the next page.
  const [more, setMore] = useState<{ next: number } | null>(null);
  const [total, setTotal] = useState(0);
  const showMore = async () => {
    if (!more) return;
    try {
      const page = await board.comments(postId, more.next);
      setComments((current) => {
        const known = new Set((current ?? []).map((c) => c.id));
        return [...(current ?? []), ...page.items.filter((c) => !known.has(c.id))];
      });
      setMore(page.page * page.pageSize < page.total ? { next: page.page + 1 } : null);
    } catch (error) {
      setActionError(boardErrorMessage(t, error));
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    board
      .comments(postId, 1, controller.signal)
      .then((page) => {
        setComments(page.items);
        setTotal(page.total);
        setMore(page.total > page.items.length ? { next: 2 } : null);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      });
    return () => controller.abort();
  }, [board, postId]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = validateComment(body);
    if (problem) {
      setFieldError(
        problem === 'required'
          ? t('board.comment.required')
          : t('board.comment.tooLong', { max: limits.comment, length: body.trim().length }),
      );
      return;
    }
    setFieldError(null);
    setActionError(null);
    setBusy(true);
    try {
      const added = await board.addComment(postId, body.trim());
      setComments((current) => [...(current ?? []), added]);
      setBody('');
      setTotal((n) => n + 1);
      onCountChange(1);
    } catch (error) {
      setActionError(boardErrorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  const [confirming, setConfirming] = useState<Comment | null>(null);
  const remove = async (comment: Comment) => {
    setConfirming(null);
    setActionError(null);
    try {
      await board.deleteComment(comment.id);
      setComments((current) => (current ?? []).filter((c) => c.id !== comment.id));
      setTotal((n) => Math.max(0, n - 1));
      onCountChange(-1);
    } catch (error) {
      setActionError(boardErrorMessage(t, error));
    }
  };

  return (
    <section className="comments card" aria-labelledby="comments-heading">
      <ConfirmDialog
        open={confirming !== null}
        title={t('board.comment.deleteConfirm')}
        confirmLabel={t('board.deleteConfirm')}
        onConfirm={() => confirming && void remove(confirming)}
        onCancel={() => setConfirming(null)}
      />
      <h2 id="comments-heading">{t('board.comment.heading', { count: total })}</h2>
      {loadError ? <FormAlert kind="error">{t('board.comment.failed')}</FormAlert> : null}
      {comments && comments.length === 0 ? <p className="muted">{t('board.comment.none')}</p> : null}
      {comments && comments.length > 0 ? (
        <ol className="comment-list" role="list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment" data-comment-id={comment.id}>
              <div className="comment-head">
                <AuthorName author={comment.author} />
                <time dateTime={comment.createdAt}>{formatTimestamp(comment.createdAt, language)}</time>
                {comment.mine ? (
                  <button
                    type="button"
                    className="icon-button comment-delete"
                    aria-label={t('board.comment.delete')}
                    title={t('board.comment.delete')}
                    onClick={() => setConfirming(comment)}
                  >
                    <TrashIcon />
                  </button>
                ) : null}
              </div>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {more ? (
        <button type="button" className="button button-ghost" onClick={() => void showMore()}>
          {t('board.comment.more')}
        </button>
      ) : null}
      {actionError ? <FormAlert kind="error">{actionError}</FormAlert> : null}
      {session.status === 'authenticated' ? (
        <form className="comment-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <label htmlFor="comment-body" className="field-label">
            {t('board.comment.label')}
          </label>
          <textarea
            id="comment-body"
            className="input"
            rows={3}
            value={body}
            placeholder={t('board.comment.placeholder')}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'comment-body-error' : undefined}
            onChange={(event) => setBody(event.target.value)}
          />
          {fieldError ? (
            <span id="comment-body-error" className="field-error">
              {fieldError}
            </span>
          ) : null}
          <div className="comment-actions">
            <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
              {busy ? t('board.comment.submitting') : t('board.comment.submit')}
            </button>
          </div>
        </form>
      ) : (
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`} className="button">
          {t('board.comment.loginToComment')}
        </Link>
      )}
    </section>
  );
}
