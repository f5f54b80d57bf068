import { useTranslation } from 'react-i18next';
import type { Author } from '@hamgaja/shared';

/** The author of a post or comment; a deleted account that kept its posts shows as a deleted user. */
export function AuthorName({ author }: { author: Author | null }) {
  const { t } = useTranslation();
  return author ? (
    <span className="post-author" data-user-content>
      {author.displayName}
    </span>
  ) : (
    <span className="post-author muted">{t('board.deletedUser')}</span>
  );
}
