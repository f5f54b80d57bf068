import { useTranslation } from 'react-i18next';

/** "3 minutes ago" in `language`. */
export function relativeTime(epochMs: number, language: string, now = Date.now()): string {
  const seconds = Math.round((epochMs - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** relativeTime in the active language. */
export function useRelativeTime() {
  const { i18n } = useTranslation();
  return (epochMs: number, now = Date.now()) => relativeTime(epochMs, i18n.language, now);
}
