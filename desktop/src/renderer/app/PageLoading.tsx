import { useTranslation } from 'react-i18next';

/** Shown while a page's code or data loads. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="progress-bar" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
