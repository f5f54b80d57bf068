import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes, currencyMinorDigits, isCurrencyCode } from './currencies.js';
import { applicableRate, convertMinorUnits, crossRate, roundRate, tripAmountOf } from './exchange.js';
import { currencyFractionDigits, fromMinorUnits, toMinorUnits } from '../sync/documents.js';

describe('ISO 4217 minor units', () => {
  it('knows the minor units of real currencies from the table, not from Intl', () => {
    expect(
      Object.fromEntries(
        ['JPY', 'KRW', 'USD', 'EUR', 'KWD', 'BHD', 'CLP', 'UYW'].map((c) => [c, currencyMinorDigits(c)]),
      ),
    ).toEqual({ JPY: 0, KRW: 0, USD: 2, EUR: 2, KWD: 3, BHD: 3, CLP: 0, UYW: 4 });
    expect(currencyCodes.length).toBeGreaterThan(150);
    expect([...currencyCodes]).toEqual([...currencyCodes].sort());
  });

  it('refuses codes that are not currencies', () => {
    for (const code of ['WON', 'krw', 'XXX', 'XAU', 'BOV', 'KR', 'KRWW', '']) {
      expect(isCurrencyCode(code), code).toBe(false);
      expect(() => currencyMinorDigits(code)).toThrow(RangeError);
    }
    expect(isCurrencyCode(42)).toBe(false);
  });

  it('converts typed amounts to and from minor units per currency', () => {
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits(12.34, 'USD')).toBe(1234);
    expect(toMinorUnits(1.005, 'KWD')).toBe(1005);
    expect(fromMinorUnits(1005, 'KWD')).toBe(1.005);
    expect(fromMinorUnits(1500, 'JPY')).toBe(1500);
    // Unknown codes (never stored: the schemas refuse them) display with 2 decimals.
    expect(currencyFractionDigits('WON')).toBe(2);
  });
});

describe('convertMinorUnits', () => {
  it('scales between minor units and rounds half up once', () => {
    // 1,000 yen at 9.12 = 9,120 won (both without decimals).
    expect(convertMinorUnits(1_000, 'JPY', 'KRW', '9.12')).toBe(9_120);
    // 1,234 yen at 9.125 = 11,260.25 won → 11,260; 1,235 → 11,269.375 → 11,269; half goes up.
    expect(convertMinorUnits(1_234, 'JPY', 'KRW', '9.125')).toBe(11_260);
    expect(convertMinorUnits(2, 'JPY', 'KRW', '0.25')).toBe(1);
    expect(convertMinorUnits(1, 'JPY', 'KRW', '0.5')).toBe(1);
    expect(convertMinorUnits(1, 'JPY', 'KRW', '0.4999')).toBe(0);
    // 12.34 USD (1234 cents) at 1456.78 KRW = 17,976.66 → 17,977 won.
    expect(convertMinorUnits(1_234, 'USD', 'KRW', '1456.78')).toBe(17_977);
    // 10,000 won at 0.000686 USD = 6.86 USD = 686 cents.
    expect(convertMinorUnits(10_000, 'KRW', 'USD', '0.000686')).toBe(686);
    // 1 KWD (1000 fils) at 3.2571 USD = 325.71 cents → 326 (3 decimals down to 2).
    expect(convertMinorUnits(1_000, 'KWD', 'USD', '3.2571')).toBe(326);
    // 1 USD at 0.3066 KWD = 306.6 fils → 307.
    expect(convertMinorUnits(100, 'USD', 'KWD', '0.3066')).toBe(307);
    expect(convertMinorUnits(5_000, 'KRW', 'KRW', '1')).toBe(5_000);
  });

  it('is exact where floating point is not', () => {
    // 0.1 + 0.2 style traps: 1.15 × 100 is 114.99999999999999 in floats.
    expect(convertMinorUnits(100, 'USD', 'USD', '1.15')).toBe(115);
    expect(convertMinorUnits(1_005, 'USD', 'JPY', '1')).toBe(10);
    expect(convertMinorUnits(1_050, 'USD', 'JPY', '1')).toBe(11);
  });

  it('matches the exact rational result rounded half up (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('JPY', 'KRW', 'USD', 'EUR', 'KWD', 'BHD'),
        fc.constantFrom('JPY', 'KRW', 'USD', 'EUR', 'KWD', 'BHD'),
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
        (amount, from, to, digits, scale) => {
          const text = String(digits).padStart(scale + 1, '0');
          const rate = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
          const converted = convertMinorUnits(amount, from, to, rate);
          // exact = amount · digits · 10^(dTo − dFrom − scale); check |converted − exact| ≤ ½, ties up.
          const power = currencyMinorDigits(to) - currencyMinorDigits(from) - scale;
          const num = BigInt(amount) * BigInt(digits) * 10n ** BigInt(Math.max(power, 0));
          const den = 10n ** BigInt(Math.max(-power, 0));
          const twice = BigInt(converted) * 2n * den;
          expect(twice - 2n * num).toBeLessThanOrEqual(den);
          expect(2n * num - twice).toBeLessThan(den);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses what is not a rate', () => {
    for (const bad of ['', '1e3', '-1', '1.', '.5', '01', '1,5', 'NaN']) {
      expect(() => convertMinorUnits(1, 'JPY', 'KRW', bad), bad).toThrow(RangeError);
    }
  });
});

describe('the rate an expense converts with', () => {
  const rate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' } as const;

  it('is 1 in the trip currency, the captured rate when it was captured to it, else missing', () => {
    expect(applicableRate({ currency: 'KRW', rate: null }, 'KRW')).toBe('1');
    expect(applicableRate({ currency: 'JPY', rate }, 'KRW')).toBe('9.12');
    expect(applicableRate({ currency: 'JPY', rate: null }, 'KRW')).toBeNull();
    // The trip's currency changed after the rate was captured: it no longer applies.
    expect(applicableRate({ currency: 'JPY', rate }, 'USD')).toBeNull();
    expect(tripAmountOf({ amount: 1_500, currency: 'JPY', rate }, 'KRW')).toBe(13_680);
    expect(tripAmountOf({ amount: 1_500, currency: 'JPY', rate: null }, 'KRW')).toBeNull();
    expect(
      tripAmountOf({ amount: 9_000_000_000_000, currency: 'JPY', rate: { ...rate, value: '999999' } }, 'KRW'),
    ).toBeNull();
  });
});

describe('crossRate (via the feed base, 6 significant digits)', () => {
  const ecb = {
    base: 'EUR',
    rates: { JPY: '163.45', KRW: '1456.78', USD: '1.0512', KWD: '0.3231', BHD: '0.39625' },
  };

  it('divides the two quotes and rounds half up to 6 significant digits', () => {
    // 1456.78 / 163.45 = 8.912695...
    expect(crossRate(ecb, 'JPY', 'KRW')).toBe('8.9127');
    // 163.45 / 1456.78 = 0.112199...
    expect(crossRate(ecb, 'KRW', 'JPY')).toBe('0.1122'); // 0.112200, trailing zeros dropped
    expect(crossRate(ecb, 'EUR', 'KRW')).toBe('1456.78');
    expect(crossRate(ecb, 'KRW', 'EUR')).toBe('0.000686445');
    expect(crossRate(ecb, 'USD', 'KRW')).toBe('1385.83'); // 1385.8257...
    expect(crossRate(ecb, 'KWD', 'JPY')).toBe('505.881');
    expect(crossRate(ecb, 'KRW', 'KRW')).toBe('1');
    expect(crossRate({ base: 'EUR', rates: { IDR: '17000', USD: '1' } }, 'IDR', 'USD')).toBe('0.0000588235');
    expect(crossRate({ base: 'EUR', rates: { IDR: '17000000', USD: '0.5' } }, 'USD', 'IDR')).toBe('34000000');
  });

  it('is missing when a currency is not quoted', () => {
    expect(crossRate(ecb, 'TWD', 'KRW')).toBeNull();
    expect(crossRate(ecb, 'KRW', 'TWD')).toBeNull();
  });

  it('always gives a rate an expense can store, close to the exact quotient (property)', () => {
    const quote = fc
      .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, scale]) => {
        const text = String(digits).padStart(scale + 1, '0');
        return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
      });
    fc.assert(
      fc.property(quote, quote, (a, b) => {
        const rate = crossRate({ base: 'EUR', rates: { USD: a, JPY: b } }, 'USD', 'JPY');
        if (rate === null) return;
        expect(rate).toMatch(/^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/);
        const exact = Number(b) / Number(a);
        expect(Math.abs(Number(rate) - exact) / exact).toBeLessThan(1e-5);
      }),
    );
  });
});

describe('roundRate', () => {
  it('shortens a rate for showing', () => {
    expect(roundRate('9.1234', 2)).toBe('9.12');
    expect(roundRate('9.125', 2)).toBe('9.13');
    expect(roundRate('0.000686445', 6)).toBe('0.000686');
    expect(roundRate('1456.78', 4)).toBe('1456.78');
    expect(roundRate('2.50', 4)).toBe('2.5');
  });
});
