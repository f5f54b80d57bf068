import fc from 'fast-check';

/**
 * Text that breaks naive handling: SQL quoting and placeholders, escapes, NUL, the largest
 * code point, lone surrogates, emoji (surrogate pairs), and ordinary Korean.
 */
export const TRICKY_TEXT = [
  '\u0000',
  "'",
  '"',
  '\\',
  '\n',
  '\r\n',
  '%',
  '_',
  '!',
  '$1',
  '$$',
  ':name',
  '?',
  '`',
  ';--',
  '\u001a',
  '😀',
  '\u{10FFFF}',
  '\uFFFF',
  '\uFFFD',
  '\uD7FF',
  '\uE000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u200B',
  '\uFEFF',
  ' ',
  '가',
] as const;

/** One lone surrogate (fast-check's 'binary' unit never yields one). */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Any string: every code point up to U+10FFFF, lone surrogates and the tricky pieces, in any mix. */
export const anyText = (maxLength = 30) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(...TRICKY_TEXT),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      loneSurrogate,
    ),
    maxLength,
  });

/** True when the string has a lone surrogate (UTF-8, so a text column, cannot hold it). */
export const hasLoneSurrogate = (text: string) => /\p{Cs}/u.test(text);
