// The app's own UI strings (src/renderer/i18n), so page models find controls by the words users see.
import { en } from '../../src/renderer/i18n/en.js';
import { ko, type Messages } from '../../src/renderer/i18n/ko.js';

export type Language = 'ko' | 'en';
export type { Messages };

export const messages: Record<Language, Messages> = { ko, en };

/** An i18next template ("Sync status: {{state}}") as a regex matching any filled-in value. */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('(.+)')}$`);
}

/** Exact match for a label that may be followed by a marker such as "(optional)". */
export function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
