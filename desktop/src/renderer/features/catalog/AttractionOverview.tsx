import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttractionDetail } from '@hamgaja/shared';
import type { Language } from '../../i18n';
import { safeOverviewHtml } from './overview-html';

export type OverviewChoice = {
  /** Overview HTML as the catalog has it (sanitize before showing). */
  html: string;
  /** The language the text is in. */
  lang: Language;
  /** Set when the text is not in the page's language: say so. */
  notice: 'onlyKorean' | 'onlyEnglish' | null;
};

/**
 * Which overview a page in `language` shows: the one in that language when the catalog has
 * it, else the other one with a notice that only it exists (KTO's overviews are Korean; an
 * English one comes from files and the sample catalog). Null when there is none at all.
 */
export function chooseOverview(
  attraction: Pick<AttractionDetail, 'overview' | 'overviewEn'>,
  language: Language,
): OverviewChoice | null {
  const ko = attraction.overview?.trim() ? attraction.overview : null;
  const en = attraction.overviewEn?.trim() ? attraction.overviewEn : null;
  if (language === 'en') {
    if (en) return { html: en, lang: 'en', notice: null };
    return ko ? { html: ko, lang: 'ko', notice: 'onlyKorean' } : null;
  }
  if (ko) return { html: ko, lang: 'ko', notice: null };
  return en ? { html: en, lang: 'en', notice: 'onlyEnglish' } : null;
}

/** The "About" card of a place page, in the page's language where the catalog allows. */
export function AttractionOverview({
  attraction,
  language,
}: {
  attraction: Pick<AttractionDetail, 'overview' | 'overviewEn'>;
  language: Language;
}) {
  const { t } = useTranslation();
  const choice = chooseOverview(attraction, language);
  const source = choice?.html ?? '';
  const html = useMemo(() => (source ? safeOverviewHtml(source) : ''), [source]);
  if (!choice || !html) return null;
  return (
    <section className="card attraction-overview" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('catalog.detail.overview')}</h2>
      {choice.notice ? (
        <p className="overview-notice">
          {choice.notice === 'onlyKorean' ? t('catalog.detail.onlyKorean') : t('catalog.detail.onlyEnglish')}
        </p>
      ) : null}
      {/* Sanitized twice: by the server and by safeOverviewHtml (allowlist of text tags). */}
      <div className="overview-html" lang={choice.lang} dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
