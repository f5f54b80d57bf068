/**
 * The bigram token index (MariaDB, and short words elsewhere). Texts arrive normalized by
 * the shared rules (normalizeText), the same ones the app's offline search uses.
 */
import { normalizeText, toWellFormedText } from '@hamgaja/shared';

/** Length in Unicode code points (what FTS5 and the token table count). */
export const charLength = (s: string) => [...s].length;

/**
 * Index tokens of a text: every bigram of every whitespace-separated piece, plus the last
 * character of each piece alone. A one-character query then finds a character anywhere by
 * a prefix range over tokens; a two-character query is one token; longer words need all
 * their bigrams (and are verified afterwards, because bigrams alone over-match).
 */
export function indexTokens(...texts: string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const piece of normalizeText(text).split(' ')) {
      const chars = [...piece];
      for (let i = 0; i + 1 < chars.length; i += 1) tokens.add(chars[i]! + chars[i + 1]!);
      if (chars.length > 0) tokens.add(chars[chars.length - 1]!);
    }
  }
  return [...tokens];
}

/** The distinct bigrams of one query word (two or more characters). */
export function wordBigrams(word: string): string[] {
  const chars = [...word];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string that starts with `prefix`, in code point
 * order (binary collation), or undefined when none exists: like adding one to a number,
 * trailing U+10FFFF digits carry (they are dropped) and the last other code point goes up
 * by one, skipping the surrogates (no stored text holds one). A prefix of nothing but U+10FFFF
 * has no upper bound: the range stays open. The bound is taken of the text as the database
 * stores it, lone surrogates as U+FFFD.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = [...toWellFormedText(prefix)].map((c) => c.codePointAt(0)!);
  while (points.length > 0 && points[points.length - 1] === MAX_CODE_POINT) points.pop();
  if (points.length === 0) return undefined;
  let last = points.pop()! + 1;
  if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
  return String.fromCodePoint(...points, last);
}
