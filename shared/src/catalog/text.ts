/**
 * Text rules shared by the server's index and the app's offline search: both sides
 * normalize the same way, so a query word matches exactly when it is a substring of the
 * normalized title or address (Korean words inside compounds included: 해수욕 ⊂ 해운대해수욕장).
 */
import { toWellFormedText } from '../api/text.js';

/**
 * NFKC, lower case, control characters dropped, whitespace collapsed, and well-formed: a lone
 * surrogate becomes U+FFFD, as the database stores it, so a query matches what was indexed.
 */
export function normalizeText(text: string): string {
  return toWellFormedText(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The distinct words of a query: each must occur in the title or the address. */
export function queryWords(q: string): string[] {
  return [...new Set(normalizeText(q).split(' ').filter(Boolean))];
}

/** What the title words are matched against: the title and its English name. */
export function searchableTitle(title: string, titleEn?: string | null): string {
  return normalizeText([title, titleEn ?? ''].join(' '));
}

/** What address words are matched against: both address lines and the region's names in both languages. */
export function searchableAddress(parts: (string | null | undefined)[]): string {
  return normalizeText(parts.filter(Boolean).join(' '));
}

/** True when every query word occurs in the title or the address (both already normalized). */
export function matchesWords(words: string[], title: string, address: string): boolean {
  return words.every((w) => title.includes(w) || address.includes(w));
}

/**
 * Keyword matches that tie on relevance are ordered by the first this-many characters of the
 * normalized title, then by id (server and offline search alike): the server carries this
 * key, not the whole title, through the ranking of every match.
 */
export const RELEVANCE_TITLE_KEY = 24;

/** The tie-break key of a normalized title (code points, as SQL SUBSTR counts them). */
export const relevanceTitleKey = (title: string) => [...title].slice(0, RELEVANCE_TITLE_KEY).join('');

/**
 * Relevance of a match, the same on server and client: per word 3 when the title starts
 * with it, 2 when the title holds it, 1 when only the address does; +10 when the title starts with the whole query.
 */
export function relevance(words: string[], title: string, address: string, query: string): number {
  let score = title.startsWith(normalizeText(query)) ? 10 : 0;
  for (const w of words) {
    const at = title.indexOf(w);
    score += at === 0 ? 3 : at > 0 ? 2 : address.includes(w) ? 1 : 0;
  }
  return score;
}
