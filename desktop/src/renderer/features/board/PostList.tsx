import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostSummary } from '@hamgaja/shared';
import { currentLanguage } from '../../i18n';
import { AuthorName } from './AuthorName';
import { formatDay } from './use-board';
import { CommentIcon, EyeIcon, ImageIcon, RouteIcon } from './board-icons';

/** Rows of posts (board, home, my page): thumbnail, title, author, date, views, comments. */
export function PostList({
  posts,
  imageUrl,
  compact = false,
}: {
  posts: readonly PostSummary[];
  imageUrl: (path: string) => string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <ul className={compact ? 'post-list post-list-compact' : 'post-list'} role="list">
      {posts.map((post) => (
        <li key={post.id} className="post-row" data-post-id={post.id}>
          <div className="post-row-thumb" aria-hidden="true">
            {post.thumbnail ? (
              <img src={imageUrl(post.thumbnail.thumbnailUrl)} alt="" loading="lazy" width={96} height={72} />
            ) : (
              <span className="post-row-placeholder">{post.tripTitle ? <RouteIcon /> : <ImageIcon />}</span>
            )}
          </div>
          <div className="post-row-body">
            <h3 className="post-row-title" data-user-content>
              <Link to={`/board/${post.id}`}>{post.title}</Link>
            </h3>
            {!compact && post.excerpt ? (
              <p className="post-row-excerpt" data-user-content>
                {post.excerpt}
              </p>
            ) : null}
            <p className="post-row-meta">
              <AuthorName author={post.author} />
              <time dateTime={post.createdAt}>{formatDay(post.createdAt, language)}</time>
              <span className="post-stat" title={t('board.views', { count: post.views })}>
                <EyeIcon />
                <span className="visually-hidden">{t('board.views', { count: post.views })}</span>
                <span aria-hidden="true">{post.views}</span>
              </span>
              <span className="post-stat" title={t('board.comments', { count: post.commentCount })}>
                <CommentIcon />
                <span className="visually-hidden">{t('board.comments', { count: post.commentCount })}</span>
                <span aria-hidden="true">{post.commentCount}</span>
              </span>
              {post.imageCount > 1 ? (
                <span className="post-stat">
                  <ImageIcon />
                  <span className="visually-hidden">{t('board.images', { count: post.imageCount })}</span>
                  <span aria-hidden="true">{post.imageCount}</span>
                </span>
              ) : null}
              {post.tripTitle ? (
                <span className="post-trip-chip" data-user-content>
                  {t('board.sharedTrip', { title: post.tripTitle })}
                </span>
              ) : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
