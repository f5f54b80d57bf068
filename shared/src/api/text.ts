/**
 * Unicode rules for text that leaves JSON: a JS string may hold a lone (unpaired) surrogate,
 * but UTF-8, and so every text column of SQLite and MySQL utf8mb4, cannot. Both database
 * drivers would silently turn one into U+FFFD. Text stored as JSON keeps them (JSON escapes
 * them as \udxxx); text stored in a column either refuses them at the API boundary or is made
 * well-formed on purpose with toWellFormedText. Every other code point (NUL, U+10FFFF,
 * noncharacters) is stored as it is.
 */

/** Matches a lone surrogate: with the `u` flag a surrogate pair is one code point, so only unpaired halves are \p{Cs}. */
const loneSurrogate = /\p{Cs}/u;
const loneSurrogates = /\p{Cs}/gu;

/** True when the text is well-formed UTF-16 (no lone surrogate), i.e. it can be stored as UTF-8 unchanged. */
export const isWellFormedText = (text: string): boolean => !loneSurrogate.test(text);

/** The text with every lone surrogate replaced by U+FFFD (what UTF-8 encoders write for one). */
export const toWellFormedText = (text: string): string =>
  isWellFormedText(text) ? text : text.replace(loneSurrogates, '\uFFFD');

/** The message of a field refused for a lone surrogate. */
export const LONE_SURROGATE_MESSAGE = 'must be valid Unicode text (it holds an unpaired surrogate)';

/** The longest search text (catalog and board): the words a user types into a search box. */
export const SEARCH_TEXT_MAX = 100;
