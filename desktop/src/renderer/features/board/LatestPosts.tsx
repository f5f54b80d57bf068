import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostSummary } from '@hamgaja/shared';
import { PostList } from './PostList';
import { useBoard } from './use-board';
import './board.css';

/** The home page's "latest on the board" (hidden when the server cannot be reached). */
export function LatestPosts({ count = 5 }: { count?: number }) {
  const { t } = useTranslation();
  const board = useBoard();
  const [posts, setPosts] = useState<PostSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    board
      .listPosts({ sort: 'latest', page: 1, pageSize: count }, controller.signal)
      .then((page) => setPosts(page.items))
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [board, count]);
  if (failed) return null;
  return (
    <section className="latest-posts" aria-labelledby="latest-posts-title">
      <div className="section-heading">
        <h2 id="latest-posts-title">{t('board.latest.heading')}</h2>
        <Link to="/board">{t('board.latest.all')}</Link>
      </div>
      {posts === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : posts.length === 0 ? (
        <p className="card empty-state">{t('board.latest.empty')}</p>
      ) : (
        <PostList posts={posts} imageUrl={board.imageUrl} compact />
      )}
    </section>
  );
}

/** "My posts" on my page: the newest ones, with a link to see them all. */
export function MyPosts({ count = 10 }: { count?: number }) {
  const { t } = useTranslation();
  const board = useBoard();
  const [state, setState] = useState<{ posts: PostSummary[]; total: number } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    board
      .myPosts({ sort: 'latest', page: 1, pageSize: count }, controller.signal)
      .then((page) => setState({ posts: page.items, total: page.total }))
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [board, count]);
  return (
    <section className="card my-posts" aria-labelledby="my-posts-title">
      <div className="section-heading">
        <h2 id="my-posts-title">{t('board.mine.heading')}</h2>
        <Link to="/board/new">{t('board.write')}</Link>
      </div>
      {failed ? (
        <p className="muted">{t('board.loadFailed')}</p>
      ) : state === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : state.posts.length === 0 ? (
        <p className="muted">{t('board.mine.empty')}</p>
      ) : (
        <PostList posts={state.posts} imageUrl={board.imageUrl} compact />
      )}
    </section>
  );
}
