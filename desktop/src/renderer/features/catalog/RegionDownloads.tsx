import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ktoSido } from '@hamgaja/shared';
import { CloudOffIcon, TrashIcon } from '../../app/icons';
import { currentLanguage, type Language } from '../../i18n';
import { formatDate } from '../trips/format';
import { downloads, offlineCatalog, useDownloadedRegions, useDownloads, useOnline } from './catalog-services';
import { packSize } from './region-packs';

/** 1536 → "1.5 KB" in the user's language. */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

const sidoName = (code: number, language: Language) =>
  ktoSido.find((s) => s.code === code)?.name[language] ?? String(code);

/**
 * "Download this region" for the chosen sido (with its size and progress), and the list of
 * downloaded regions with "remove".
 */
export function RegionDownloads({
  baseUrl,
  sido,
  attractionCounts,
}: {
  baseUrl: string;
  sido: number | undefined;
  attractionCounts: ReadonlyMap<number, number> | null;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const online = useOnline();
  const packs = useDownloadedRegions();
  const states = useDownloads();
  const [size, setSize] = useState<{ sido: number; bytes: number | null } | null>(null);

  useEffect(() => {
    if (sido === undefined || !online) return;
    const controller = new AbortController();
    packSize((input, init) => fetch(input, { ...init, signal: controller.signal }), baseUrl, sido)
      .then((bytes) => setSize({ sido, bytes }))
      .catch(() => setSize({ sido, bytes: null }));
    return () => controller.abort();
  }, [baseUrl, sido, online]);

  const chosenPack = packs?.find((p) => p.sido === sido);
  const state = sido === undefined ? undefined : states.get(sido);
  const region = sido === undefined ? '' : sidoName(sido, language);
  const count = sido === undefined ? undefined : attractionCounts?.get(sido);

  return (
    <section className="card region-downloads" aria-labelledby="region-downloads-title">
      <div className="region-downloads-head">
        <CloudOffIcon />
        <div>
          <h2 id="region-downloads-title">{t('catalog.offline.title')}</h2>
          <p className="muted">{t('catalog.offline.body')}</p>
        </div>
      </div>

      {sido === undefined ? (
        <p className="muted">{t('catalog.offline.pickRegion')}</p>
      ) : state?.status === 'downloading' ? (
        <div className="region-progress" data-testid="region-progress">
          <div className="region-progress-text">
            <span>{t('catalog.offline.downloading', { region })}</span>
            <span className="muted">
              {state.progress.total > 0
                ? t('catalog.offline.progress', {
                    received: formatBytes(state.progress.received, language),
                    total: formatBytes(state.progress.total, language),
                  })
                : formatBytes(state.progress.received, language)}
            </span>
          </div>
          <progress
            max={state.progress.total || undefined}
            value={state.progress.total ? state.progress.received : undefined}
            aria-label={t('catalog.offline.downloading', { region })}
          />
          <button type="button" className="button button-ghost" onClick={() => downloads.cancel(sido)}>
            {t('catalog.offline.cancel')}
          </button>
        </div>
      ) : state?.status === 'failed' ? (
        <div className="region-failed" role="alert">
          <span>{t('catalog.offline.failed')}</span>
          <button
            type="button"
            className="button"
            disabled={!online}
            onClick={() => void downloads.start(baseUrl, sido)}
          >
            {state.resumable ? t('catalog.offline.resume') : t('catalog.offline.retry')}
          </button>
          <button type="button" className="button button-ghost" onClick={() => downloads.dismiss(sido)}>
            {t('catalog.offline.dismiss')}
          </button>
        </div>
      ) : chosenPack ? (
        <p className="region-done">{t('catalog.offline.downloaded', { region })}</p>
      ) : (
        <div className="region-offer">
          <button
            type="button"
            className="button button-primary"
            disabled={!online}
            onClick={() => void downloads.start(baseUrl, sido)}
          >
            {t('catalog.offline.download', { region })}
          </button>
          {size?.sido === sido && size.bytes !== null ? (
            <span className="muted">
              {t('catalog.offline.size', { size: formatBytes(size.bytes, language), count: count ?? '–' })}
            </span>
          ) : null}
          {!online ? <span className="muted">{t('catalog.offline.offlineNow')}</span> : null}
        </div>
      )}

      <h3 className="region-list-title">{t('catalog.offline.list')}</h3>
      {packs && packs.length > 0 ? (
        <ul className="region-list">
          {packs.map((pack) => {
            const name = sidoName(pack.sido, language);
            const packState = states.get(pack.sido)?.status;
            return (
              <li key={pack.sido} data-sido={pack.sido}>
                <div>
                  <strong>{name}</strong>
                  <span className="muted">
                    {t('catalog.offline.info', {
                      count: pack.count,
                      size: formatBytes(pack.size, language),
                      date: formatDate(pack.downloadedAt.slice(0, 10), language),
                    })}
                  </span>
                </div>
                <div className="region-list-actions">
                  {packState === 'current' ? (
                    <span className="muted" role="status">
                      {t('catalog.offline.upToDate')}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button-ghost"
                      disabled={!online || packState === 'downloading' || packState === 'checking'}
                      onClick={() => void downloads.update(baseUrl, pack.sido, pack.etag)}
                    >
                      {t('catalog.offline.update')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-ghost"
                    aria-label={t('catalog.offline.removeLabel', { region: name })}
                    onClick={() => void offlineCatalog().remove(pack.sido)}
                  >
                    <TrashIcon />
                    {t('catalog.offline.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{packs ? t('catalog.offline.none') : null}</p>
      )}
    </section>
  );
}
