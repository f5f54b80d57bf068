/**
 * The bigram token index (MariaDB, and short words elsewhere). Texts arrive normalized by
 * the shared rules (normalizeText), the same ones the app's offline search uses.
 */
import { normalizeText } from '@hamgaja/shared';

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

/** The smallest string greater than every token starting with `char` (binary collation). */
export function afterPrefix(char: string): string {
  let next = char.codePointAt(0)! + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  return String.fromCodePoint(next);
}
