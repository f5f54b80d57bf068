import { useTranslation } from 'react-i18next';

/** Numbered pages around the current one, with previous and next. */
export function pageWindow(page: number, pages: number, span = 2): number[] {
  const start = Math.max(1, Math.min(page - span, pages - span * 2));
  const end = Math.min(pages, start + span * 2);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

export function Pagination({
  page,
  pages,
  onChange,
}: {
  page: number;
  pages: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('board.pagination')}>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t('board.previous')}
      </button>
      <ul role="list">
        {pageWindow(page, pages).map((n) => (
          <li key={n}>
            <button
              type="button"
              className={n === page ? 'page-button current' : 'page-button'}
              aria-current={n === page ? 'page' : undefined}
              aria-label={t('board.goToPage', { page: n })}
              onClick={() => onChange(n)}
            >
              {n}
            </button>
          </li>
        ))}
      </ul>
      <span className="visually-hidden">{t('board.pageOf', { page, pages })}</span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t('board.next')}
      </button>
    </nav>
  );
}
