import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../api/problem-messages';
import { useServices } from '../../app/services';
import { ko } from '../../i18n/ko';
import { boardClient, type BoardClient } from './board-api';

/** The board endpoints for this app's server and session. */
export function useBoard(): BoardClient {
  const services = useServices();
  return useMemo(() => boardClient(services), [services]);
}

type BoardErrorCode = keyof typeof ko.board.errors;
const isBoardCode = (code: string): code is BoardErrorCode => Object.hasOwn(ko.board.errors, code);

/** The words for a board error: the board's own codes first, then the app's common ones. */
export function boardErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && isBoardCode(error.code)) return t(`board.errors.${error.code}`);
  return errorMessage(t, error);
}

/** "Nov 29, 2026, 3:04 PM" in the reader's language and time zone. */
export function formatTimestamp(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}
