import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<page> · 함가자" (or the app name alone). */
export function useDocumentTitle(page?: string): void {
  const { t } = useTranslation();
  const app = `${t('app.name')} ${t('app.nameLatin')}`;
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
