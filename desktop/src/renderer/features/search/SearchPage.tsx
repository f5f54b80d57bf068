import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SearchIcon } from '../../app/icons';
import { useDocumentTitle } from '../../app/use-document-title';

/** Placeholder for the attractions catalog (ORIGINAL #7): the route and its query are in place. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  useDocumentTitle(t('search.title'));
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('search.title')}</h1>
          {query ? <p>{t('search.query', { query })}</p> : null}
        </div>
      </div>
      <div className="card empty-state">
        <SearchIcon />
        <p>{t('search.comingSoon')}</p>
      </div>
    </div>
  );
}
