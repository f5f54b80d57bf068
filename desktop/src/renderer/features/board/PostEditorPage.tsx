import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Post } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { FormAlert, TextField } from '../../app/forms';
import { PageLoading } from '../../app/PageLoading';
import { useDocumentTitle } from '../../app/use-document-title';
import { ImagePicker } from './ImagePicker';
import { fromPostImages, imageKeys, type PickedImage } from './image-picker';
import { limits, validatePostForm, type PostFormErrors } from './post-form';
import { boardErrorMessage, useBoard } from './use-board';
import './board.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; post: Post | null }
  | { status: 'failed'; error: unknown };

/** /board/new and /board/:postId/edit — the post editor (author only when editing). */
export default function PostEditorPage() {
  const { t } = useTranslation();
  const { postId } = useParams();
  const board = useBoard();
  const [loaded, setLoaded] = useState<Loaded>(
    postId ? { status: 'loading' } : { status: 'ready', post: null },
  );
  useDocumentTitle(postId ? t('board.form.editTitle') : t('board.form.newTitle'));

  useEffect(() => {
    if (!postId) return;
    const controller = new AbortController();
    board
      .getPost(postId, controller.signal)
      .then((post) => setLoaded({ status: 'ready', post }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ status: 'failed', error });
      });
    return () => controller.abort();
  }, [board, postId]);

  if (loaded.status === 'loading') return <PageLoading />;
  if (loaded.status === 'failed') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <section className="center-page">
        <h1>{missing ? t('board.notFoundTitle') : t('board.loadFailed')}</h1>
        <p>{missing ? t('board.notFoundBody') : boardErrorMessage(t, loaded.error)}</p>
        <Link to="/board" className="button">
          {t('board.backToBoard')}
        </Link>
      </section>
    );
  }
  if (loaded.post && !loaded.post.mine) {
    return (
      <section className="center-page">
        <h1>{t('board.form.editTitle')}</h1>
        <p>{t('board.form.notAuthor')}</p>
        <Link to={`/board/${loaded.post.id}`} className="button">
          {t('board.backToBoard')}
        </Link>
      </section>
    );
  }
  return <PostEditor key={loaded.post?.id ?? 'new'} post={loaded.post} />;
}

function PostEditor({ post }: { post: Post | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const board = useBoard();
  const bodyId = useId();
  const [title, setTitle] = useState(post?.title ?? '');
  const [body, setBody] = useState(post?.body ?? '');
  const [images, setImages] = useState<PickedImage[]>(() =>
    post ? fromPostImages(post.images, board.imageUrl) : [],
  );
  const [keepTrip, setKeepTrip] = useState(true);
  const [errors, setErrors] = useState<PostFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uploading = imageKeys(images) === null;

  const fieldError = (field: 'title' | 'body') => {
    const problem = errors[field];
    const name = t(`board.form.${field}`);
    if (problem === 'required') return t('board.form.required', { field: name });
    if (problem === 'tooLong')
      return t('board.form.tooLong', {
        field: name,
        max: limits[field],
        length: (field === 'title' ? title : body).trim().length,
      });
    return null;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validatePostForm({ title, body });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const keys = imageKeys(images);
    if (!keys) {
      setFormError(t('board.form.waitUploads'));
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const saved = post
        ? await board.updatePost(post.id, {
            title: title.trim(),
            body: body.trim(),
            imageKeys: keys,
            ...(post.trip && !keepTrip ? { trip: null } : {}),
          })
        : await board.createPost({ title: title.trim(), body: body.trim(), imageKeys: keys });
      void navigate(`/board/${saved.id}`, { replace: Boolean(post) });
    } catch (error) {
      setFormError(boardErrorMessage(t, error));
      setBusy(false);
    }
  };

  return (
    <div className="post-editor-page">
      <h1>{post ? t('board.form.editTitle') : t('board.form.newTitle')}</h1>
      <form className="post-editor card" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t('board.form.title')}
          value={title}
          required
          error={fieldError('title')}
          hint={t('board.form.chars', { count: title.length, max: limits.title })}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="field">
          <span className="field-label">
            <label htmlFor={bodyId}>{t('board.form.body')}</label>
          </span>
          <textarea
            id={bodyId}
            className="input post-body-input"
            rows={12}
            value={body}
            required
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${bodyId}-error` : undefined}
            onChange={(event) => setBody(event.target.value)}
          />
          {fieldError('body') ? (
            <span id={`${bodyId}-error`} className="field-error">
              {fieldError('body')}
            </span>
          ) : null}
        </div>
        <ImagePicker items={images} onChange={setImages} board={board} />
        {post?.trip ? (
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={keepTrip}
              onChange={(event) => setKeepTrip(event.target.checked)}
            />
            {t('board.form.tripAttached', { title: post.trip.trip.title })}
          </label>
        ) : null}
        {formError ? <FormAlert kind="error">{formError}</FormAlert> : null}
        <div className="dialog-actions">
          <Link to={post ? `/board/${post.id}` : '/board'} className="button">
            {t('board.form.cancel')}
          </Link>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy}
            aria-busy={busy}
            aria-describedby={uploading ? 'editor-uploading' : undefined}
          >
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {busy ? t('board.form.publishing') : post ? t('board.form.saveChanges') : t('board.form.publish')}
          </button>
        </div>
        {uploading ? (
          <p id="editor-uploading" className="muted small" role="status">
            {t('board.form.waitUploads')}
          </p>
        ) : null}
      </form>
    </div>
  );
}
