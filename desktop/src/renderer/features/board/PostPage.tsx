import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Post } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { FormAlert } from '../../app/forms';
import { ChevronLeftIcon, PencilIcon, TrashIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { useDocumentTitle } from '../../app/use-document-title';
import { currentLanguage } from '../../i18n';
import { AuthorName } from './AuthorName';
import { Comments } from './Comments';
import { ConfirmDialog } from './ConfirmDialog';
import { Lightbox } from './Lightbox';
import { TripSnapshotCard } from './TripSnapshotCard';
import { CommentIcon, EyeIcon } from './board-icons';
import { boardErrorMessage, formatTimestamp, useBoard } from './use-board';
import './board.css';

type State =
  | { status: 'loading' }
  | { status: 'ready'; post: Post }
  | { status: 'missing' }
  | { status: 'failed'; error: unknown };

/** /board/:postId — a post with its photos (lightbox), shared trip and comments. */
export default function PostPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { postId = '' } = useParams();
  const navigate = useNavigate();
  const board = useBoard();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [viewing, setViewing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  useDocumentTitle(state.status === 'ready' ? state.post.title : t('board.title'));

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    board
      .getPost(postId, controller.signal)
      .then((post) => setState({ status: 'ready', post }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState(
          error instanceof ApiError && error.status === 404
            ? { status: 'missing' }
            : { status: 'failed', error },
        );
      });
    return () => controller.abort();
  }, [board, postId]);

  const back = (
    <Link to="/board" className="back-link">
      <ChevronLeftIcon />
      {t('board.backToBoard')}
    </Link>
  );
  if (state.status === 'loading') return <PageLoading />;
  if (state.status !== 'ready') {
    return (
      <section className="center-page">
        <h1>{state.status === 'missing' ? t('board.notFoundTitle') : t('board.loadFailed')}</h1>
        <p>{state.status === 'missing' ? t('board.notFoundBody') : boardErrorMessage(t, state.error)}</p>
        {back}
      </section>
    );
  }
  const { post } = state;
  const remove = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await board.deletePost(post.id);
      void navigate('/board', { replace: true, state: { notice: 'deleted' } });
    } catch (error) {
      setDeleteError(boardErrorMessage(t, error));
      setConfirming(false);
    } finally {
      setDeleting(false);
    }
  };
  const countComments = (delta: number) =>
    setState((current) =>
      current.status === 'ready'
        ? { ...current, post: { ...current.post, commentCount: current.post.commentCount + delta } }
        : current,
    );

  return (
    <div className="post-page">
      {back}
      <article className="post card" aria-labelledby="post-title">
        <header className="post-header">
          <h1 id="post-title">{post.title}</h1>
          <p className="post-row-meta">
            <AuthorName author={post.author} />
            <time dateTime={post.createdAt}>{formatTimestamp(post.createdAt, language)}</time>
            {post.updatedAt !== post.createdAt ? <span className="muted">({t('board.edited')})</span> : null}
            <span className="post-stat">
              <EyeIcon />
              {t('board.views', { count: post.views })}
            </span>
            <span className="post-stat">
              <CommentIcon />
              {t('board.comments', { count: post.commentCount })}
            </span>
          </p>
          {post.mine ? (
            <div className="post-actions">
              <Link to={`/board/${post.id}/edit`} className="button">
                <PencilIcon />
                {t('board.edit')}
              </Link>
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                <TrashIcon />
                {t('board.delete')}
              </button>
            </div>
          ) : null}
        </header>
        {deleteError ? <FormAlert kind="error">{deleteError}</FormAlert> : null}
        {post.images.length > 0 ? (
          <ul className={`post-images post-images-${Math.min(post.images.length, 3)}`} role="list">
            {post.images.map((image, index) => (
              <li key={image.key}>
                <button
                  type="button"
                  className="post-image-button"
                  aria-label={t('board.openImage', { index: index + 1 })}
                  onClick={() => setViewing(index)}
                >
                  <img
                    src={board.imageUrl(image.thumbnailUrl)}
                    alt={t('board.imageAlt', { title: post.title, index: index + 1 })}
                    width={image.width}
                    height={image.height}
                    loading="lazy"
                  />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="post-body">{post.body}</div>
      </article>
      {post.trip ? <TripSnapshotCard postId={post.id} snapshot={post.trip} /> : null}
      <Comments postId={post.id} onCountChange={countComments} />
      <Lightbox
        images={post.images}
        index={viewing}
        title={post.title}
        imageUrl={board.imageUrl}
        onIndex={setViewing}
        onClose={() => setViewing(null)}
      />
      <ConfirmDialog
        open={confirming}
        title={t('board.deleteTitle')}
        body={t('board.deleteBody')}
        confirmLabel={deleting ? t('board.deleting') : t('board.deleteConfirm')}
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
