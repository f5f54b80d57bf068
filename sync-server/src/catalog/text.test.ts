import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, toWellFormedText } from '@hamgaja/shared';
import { anyText } from '../../test/any-text.js';
import { charLength, indexTokens, prefixUpperBound, wordBigrams } from './text.js';

/** Code point order, as binary collations compare (UTF-8 bytes sort the same way). */
function compare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

describe('prefixUpperBound', () => {
  it('adds one to the last code point, carrying past U+10FFFF and jumping over the surrogates', () => {
    expect(prefixUpperBound('가')).toBe('각');
    expect(prefixUpperBound('a')).toBe('b');
    expect(prefixUpperBound('\u0000')).toBe('\u0001');
    expect(prefixUpperBound('\uD7FF')).toBe('\uE000');
    expect(prefixUpperBound('\uFFFF')).toBe('\u{10000}');
    expect(prefixUpperBound('😀')).toBe('😁');
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('ab\u{10FFFF}\u{10FFFF}')).toBe('ac');
    // Nothing sorts after U+10FFFF: the range has no upper end.
    expect(prefixUpperBound('\u{10FFFF}')).toBeUndefined();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
    expect(prefixUpperBound('')).toBeUndefined();
    // A lone surrogate is taken as the U+FFFD the database stores for it.
    expect(prefixUpperBound('\uD800')).toBe('\uFFFE');
  });

  it('bounds exactly the strings that start with the prefix (property, every code point)', () => {
    const tokens = fc.oneof(
      anyText(4),
      fc.tuple(anyText(3), anyText(3)).map(([p, s]) => p + s),
    );
    fc.assert(
      fc.property(anyText(3), fc.array(tokens, { maxLength: 10 }), (rawPrefix, rawTokens) => {
        const prefix = toWellFormedText(rawPrefix);
        const upper = prefixUpperBound(rawPrefix);
        if (upper !== undefined) expect(toWellFormedText(upper)).toBe(upper);
        for (const raw of [...rawTokens, prefix, prefix + '\u{10FFFF}', upper ?? '']) {
          const token = toWellFormedText(raw);
          const inRange = compare(token, prefix) >= 0 && (upper === undefined || compare(token, upper) < 0);
          expect(inRange, JSON.stringify([prefix, token, upper])).toBe(token.startsWith(prefix));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('index tokens of any text', () => {
  it('are well-formed, normalized bigrams or single characters', () => {
    fc.assert(
      fc.property(anyText(), anyText(), (title, address) => {
        for (const token of indexTokens(title, address)) {
          expect(toWellFormedText(token)).toBe(token);
          expect([1, 2]).toContain(charLength(token));
          expect(token).not.toMatch(/\s/u);
        }
        const word = normalizeText(title).split(' ')[0] ?? '';
        for (const gram of wordBigrams(word)) expect(charLength(gram)).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});
