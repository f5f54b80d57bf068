import { useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import type { AiStatus } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { useServices } from '../../app/services';
import { ko } from '../../i18n/ko';
import { aiClient, type AiClient } from './ai-api';

type AiErrorCode = keyof typeof ko.ai.errors;
const isAiCode = (code: string): code is AiErrorCode => Object.hasOwn(ko.ai.errors, code);

/** The words for an AI error: off, quota, rate, timeout, bad answer…, else the app's common ones. */
export function aiErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && isAiCode(error.code)) return t(`ai.errors.${error.code}`);
  return errorMessage(t, error);
}

export function useAi(): AiClient {
  const services = useServices();
  return useMemo(() => aiClient(services), [services]);
}

/** GET /ai/status once per mount; null while unknown or unreachable (the buttons then just try). */
export function useAiStatus(ai: AiClient, online: boolean): AiStatus | null {
  const [status, setStatus] = useState<AiStatus | null>(null);
  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    ai.status(controller.signal)
      .then(setStatus)
      .catch(() => undefined);
    return () => controller.abort();
  }, [ai, online]);
  return status;
}
