import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { postSortSchema, type PostPage, type PostSort } from '@hamgaja/shared';
import { FormAlert, SearchTextTooLong, searchTextTooLong } from '../../app/forms';
import { PlusIcon, SearchIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { useSessionState } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { Pagination } from './Pagination';
import { PostList } from './PostList';
import { boardErrorMessage, useBoard } from './use-board';
import './board.css';

const PAGE_SIZE = 20;

/** Search, sort and page live in the address, so a link or a reload shows the same list. */
export function readListParams(params: URLSearchParams): { q: string; sort: PostSort; page: number } {
  const sort = postSortSchema.safeParse(params.get('sort'));
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    sort: sort.success ? sort.data : 'latest',
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

type State =
  | { status: 'loading' }
  | { status: 'ready'; data: PostPage }
  | { status: 'failed'; error: unknown };

/** /board — the community board: every post, searchable and sortable, 20 per page. */
export default function BoardPage() {
  const { t } = useTranslation();
  const board = useBoard();
  const session = useSessionState();
  const [params, setParams] = useSearchParams();
  const { q, sort, page } = readListParams(params);
  const [draft, setDraft] = useState(q);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const deleted = (useLocation().state as { notice?: string } | null)?.notice === 'deleted';
  useDocumentTitle(t('board.title'));

  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    const controller = new AbortController();
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    board
      .listPosts({ q, sort, page, pageSize: PAGE_SIZE }, controller.signal)
      .then((data) => setState({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      });
    return () => controller.abort();
  }, [board, q, sort, page, attempt]);

  const update = (changes: { q?: string; sort?: PostSort; page?: number }) => {
    const next = { q, sort, page, ...changes };
    const updated = new URLSearchParams();
    if (next.q) updated.set('q', next.q);
    if (next.sort !== 'latest') updated.set('sort', next.sort);
    if (next.page > 1) updated.set('page', String(next.page));
    setParams(updated);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    if (searchTextTooLong(draft)) return;
    update({ q: draft.trim(), page: 1 });
  };

  const data = state.status === 'ready' ? state.data : null;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="board-page">
      <header className="board-header">
        <div>
          <h1>{t('board.title')}</h1>
          <p className="muted">{t('board.subtitle')}</p>
        </div>
        <Link
          to={session.status === 'authenticated' ? '/board/new' : '/login?next=%2Fboard%2Fnew'}
          className="button button-primary"
        >
          <PlusIcon />
          {t('board.write')}
        </Link>
      </header>

      {deleted ? <FormAlert kind="success">{t('board.deleted')}</FormAlert> : null}
      <div className="board-toolbar">
        <form role="search" className="board-search" onSubmit={onSearch}>
          <label htmlFor="board-search" className="visually-hidden">
            {t('board.searchLabel')}
          </label>
          <span className="board-search-icon" aria-hidden="true">
            <SearchIcon />
          </span>
          <input
            id="board-search"
            type="search"
            className="input"
            value={draft}
            placeholder={t('board.searchPlaceholder')}
            aria-invalid={searchTextTooLong(draft) ? true : undefined}
            aria-describedby={searchTextTooLong(draft) ? 'board-search-error' : undefined}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button">
            {t('board.searchButton')}
          </button>
        </form>
        <div className="board-sort">
          <label htmlFor="board-sort">{t('board.sortLabel')}</label>
          <select
            id="board-sort"
            className="input"
            value={sort}
            onChange={(event) => update({ sort: postSortSchema.parse(event.target.value), page: 1 })}
          >
            {postSortSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`board.sort.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <SearchTextTooLong id="board-search-error" text={draft} />

      {state.status === 'loading' ? <PageLoading /> : null}
      {state.status === 'failed' ? (
        <FormAlert kind="error">
          {t('board.loadFailed')} {boardErrorMessage(t, state.error)}{' '}
          <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </FormAlert>
      ) : null}
      {data ? (
        <section aria-labelledby="board-results" aria-busy={false}>
          <h2 id="board-results" className="board-count" aria-live="polite">
            {q
              ? t('board.resultsFor', { q, count: data.total })
              : t('board.resultCount', { count: data.total })}
            {q ? (
              <button type="button" className="link-button" onClick={() => update({ q: '', page: 1 })}>
                {t('board.clearSearch')}
              </button>
            ) : null}
          </h2>
          {data.items.length === 0 ? (
            <p className="card empty-state">{q ? t('board.emptySearch', { q }) : t('board.empty')}</p>
          ) : (
            <PostList posts={data.items} imageUrl={board.imageUrl} />
          )}
          <Pagination
            page={Math.min(page, pages)}
            pages={pages}
            onChange={(next) => update({ page: next })}
          />
        </section>
      ) : null}
    </div>
  );
}
