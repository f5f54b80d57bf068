import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/problem-messages';
import { FormAlert } from '../../app/forms';
import { useServices } from '../../app/services';
import { saveBlob, type DownloadProgress } from './data-export';

/** 1536 → "1.5 kB" in the page's language (Intl's own unit names). */
function bytes(count: number, language: string): string {
  const [unit, size] =
    count >= 1024 ** 2
      ? (['megabyte', count / 1024 ** 2] as const)
      : count >= 1024
        ? (['kilobyte', count / 1024] as const)
        : (['byte', count] as const);
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(size);
}

type Outcome = { kind: 'success' | 'error'; text: string } | null;

/**
 * "Download my data" on My page: one zip of everything the server keeps about the user
 * (GET /me/export), with bytes received while it downloads, saved as a file when complete.
 */
export function DownloadDataSection() {
  const { t, i18n } = useTranslation();
  const { session } = useServices();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const running = useRef<AbortController | null>(null);

  // Leaving the page stops the download.
  useEffect(() => () => running.current?.abort(), []);

  async function download() {
    const controller = new AbortController();
    running.current = controller;
    setOutcome(null);
    setProgress({ received: 0, total: null });
    try {
      const { zip, fileName } = await session.authorized((token) =>
        session.api.downloadMyData(token, setProgress, controller.signal),
      );
      saveBlob(zip, fileName);
      setOutcome({ kind: 'success', text: t('me.download.done', { fileName }) });
    } catch (caught) {
      if (controller.signal.aborted) return;
      setOutcome({ kind: 'error', text: t('me.download.failed', { reason: errorMessage(t, caught) }) });
    } finally {
      if (!controller.signal.aborted) setProgress(null);
      running.current = null;
    }
  }

  const language = i18n.language;
  return (
    <section className="card card-body section-card" aria-labelledby="download-data-title">
      <h2 id="download-data-title">{t('me.download.title')}</h2>
      <p className="section-hint">{t('me.download.hint')}</p>
      {outcome ? <FormAlert kind={outcome.kind}>{outcome.text}</FormAlert> : null}
      {progress ? (
        <div className="download-progress" role="status">
          <progress
            max={progress.total ?? undefined}
            value={progress.total ? progress.received : undefined}
            aria-label={t('me.download.progressLabel')}
          />
          <span className="muted">
            {progress.total
              ? t('me.download.progress', {
                  received: bytes(progress.received, language),
                  total: bytes(progress.total, language),
                })
              : t('me.download.received', { received: bytes(progress.received, language) })}
          </span>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={progress !== null} onClick={() => void download()}>
          {progress ? t('me.download.downloading') : t('me.download.button')}
        </button>
      </div>
    </section>
  );
}
