import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Tip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { useSessionState } from '../../app/services';
import { currentLanguage } from '../../i18n';
import { useOnline } from '../catalog/catalog-services';
import { SparkleIcon } from '../board/board-icons';
import { aiErrorMessage, useAi, useAiStatus } from './ai-messages';
import './ai.css';

/** Reveals text a few characters at a time, so a tip reads as if it were being written. */
function useTypewriter(text: string, charsPerTick = 3): string {
  const [shown, setShown] = useState(text.length);
  useEffect(() => {
    const reduced =
      typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced) {
      setShown(text.length);
      return;
    }
    setShown(0);
    const timer = setInterval(() => {
      setShown((n) => {
        if (n >= text.length) clearInterval(timer);
        return Math.min(text.length, n + charsPerTick);
      });
    }, 16);
    return () => clearInterval(timer);
  }, [text, charsPerTick]);
  return text.slice(0, shown);
}

/** "AI tip" for an attraction: a short first-visit tip in the reader's language, with "another tip". */
export function AttractionTip({ attractionId }: { attractionId: string }) {
  const { t } = useTranslation();
  const ai = useAi();
  const online = useOnline();
  const session = useSessionState();
  const location = useLocation();
  const status = useAiStatus(ai, online);
  const [tip, setTip] = useState<Tip | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef<AbortController | null>(null);
  const lang = currentLanguage();
  const written = useTypewriter(tip?.tip ?? '');
  useEffect(() => () => request.current?.abort(), []);
  useEffect(() => {
    request.current?.abort();
    setTip(null);
    setError(null);
  }, [attractionId, lang]);

  const ask = async (another: boolean) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setBusy(true);
    setError(null);
    try {
      const answer = await ai.tip(attractionId, lang, another, controller.signal);
      if (!controller.signal.aborted) setTip(answer);
    } catch (err) {
      if (!controller.signal.aborted) setError(aiErrorMessage(t, err));
    } finally {
      if (!controller.signal.aborted) setBusy(false);
    }
  };

  const disabledReason = !online ? t('ai.offline') : status && !status.enabled ? t('ai.disabled') : null;
  const loggedIn = session.status === 'authenticated';

  return (
    <section className="ai-tip card" aria-labelledby="ai-tip-title" aria-busy={busy}>
      <div className="ai-tip-head">
        <span className="ai-badge" aria-hidden="true">
          <SparkleIcon />
        </span>
        <div>
          <h2 id="ai-tip-title">{t('ai.tip.heading')}</h2>
          <p className="muted small">{t('ai.tip.intro')}</p>
        </div>
      </div>
      <div className="ai-tip-output" aria-live="polite">
        {busy ? (
          <p className="ai-thinking">
            <span className="ai-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('ai.tip.thinking')}
          </p>
        ) : tip ? (
          <>
            <p className="ai-tip-text">
              <span className="visually-hidden">{tip.tip}</span>
              <span aria-hidden="true">{written}</span>
            </p>
            <p className="muted small">{t('ai.tip.disclaimer')}</p>
          </>
        ) : null}
      </div>
      {error ? <FormAlert kind="error">{error}</FormAlert> : null}
      {disabledReason ? (
        <p className="ai-unavailable" id={`ai-tip-reason-${attractionId}`} role="status">
          {disabledReason}
        </p>
      ) : null}
      <div className="ai-actions">
        {loggedIn ? (
          <button
            type="button"
            className={tip ? 'button' : 'button button-primary'}
            disabled={busy || disabledReason !== null}
            aria-describedby={disabledReason ? `ai-tip-reason-${attractionId}` : undefined}
            onClick={() => void ask(tip !== null)}
          >
            <SparkleIcon />
            {tip ? t('ai.tip.another') : t('ai.tip.get')}
          </button>
        ) : (
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`} className="button">
            {t('ai.loginFirst')}
          </Link>
        )}
      </div>
    </section>
  );
}
