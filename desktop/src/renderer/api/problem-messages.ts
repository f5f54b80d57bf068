import type { TFunction } from 'i18next';
import { ko } from '../i18n/ko';
import { ApiError } from './http';

type ErrorKey = keyof typeof ko.errors;

const isErrorKey = (code: string): code is ErrorKey => Object.hasOwn(ko.errors, code);

/** The i18n key of the message a traveller sees for an error (problem `code` → words). */
export function errorMessageKey(error: unknown): `errors.${ErrorKey}` {
  if (error instanceof ApiError && isErrorKey(error.code)) return `errors.${error.code}`;
  return 'errors.unknown';
}

/** The translated message for an error. */
export function errorMessage(t: TFunction, error: unknown): string {
  return t(errorMessageKey(error));
}
