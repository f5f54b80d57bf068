import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, queryWords, relevanceTitleKey } from '../catalog/text.js';
import { isWellFormedText, toWellFormedText } from './text.js';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Every code point (fast-check's 'binary' unit, U+10FFFF included) mixed with lone surrogates. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    loneSurrogate,
    fc.constant('\u{10FFFF}'),
  ),
  maxLength: 30,
});

describe('well-formed text', () => {
  it('finds lone surrogates only', () => {
    expect(isWellFormedText('a😀\u{10FFFF}\u0000')).toBe(true);
    expect(isWellFormedText('\uD800')).toBe(false);
    expect(isWellFormedText('\uDE00\uD83D')).toBe(false);
    expect(toWellFormedText('a\uD800b\uDFFF😀')).toBe('a\uFFFDb\uFFFD😀');
  });

  it('replaces exactly the code units a UTF-8 encoder would replace (property)', () => {
    // The reference walks code points: a lone surrogate is the only one-unit item in the surrogate range.
    const reference = (text: string) =>
      [...text].map((c) => (c.length === 1 && /[\uD800-\uDFFF]/.test(c) ? '\uFFFD' : c)).join('');
    fc.assert(
      fc.property(anyText, (text) => {
        expect(toWellFormedText(text)).toBe(reference(text));
        expect(isWellFormedText(text)).toBe(reference(text) === text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('search text of any code point', () => {
  it('normalizes to well-formed text without throwing, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normal = normalizeText(text);
        expect(isWellFormedText(normal)).toBe(true);
        expect(normalizeText(normal)).toBe(normal);
        for (const word of queryWords(text)) expect(word).not.toMatch(/\s/u);
        expect(isWellFormedText(relevanceTitleKey(normal))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
