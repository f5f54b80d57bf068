import { describe, expect, it } from 'vitest';
import { boundingBox, distanceSql, doubleLiteral } from './geo.js';

describe('doubleLiteral', () => {
  it('writes a number so MySQL reads a DOUBLE (exponent form) and loses no digit', () => {
    for (const n of [126.33398148917155, 33.45, -0.5, 0, 20, 6371.0088, 1e-9]) {
      const literal = doubleLiteral(n);
      expect(literal).toMatch(/^-?\d(\.\d+)?e[+-]\d+$/);
      expect(Number(literal)).toBe(n);
    }
  });

  it('refuses what is not a finite number', () => {
    for (const n of [NaN, Infinity, -Infinity]) expect(() => doubleLiteral(n)).toThrow(RangeError);
  });
});

describe('distanceSql', () => {
  it('inlines the center as DOUBLE literals and takes no parameters', () => {
    const sql = distanceSql('mysql', { lat: 33.45, lng: 126.55 });
    expect(sql).not.toContain('?');
    expect(sql).toContain('a.lat - 3.345e+1');
    expect(sql).toContain('a.lng - 1.2655e+2');
    expect(distanceSql('sqlite', { lat: 33.45, lng: 126.55 })).toContain('MIN(1,');
  });
});

describe('boundingBox', () => {
  it('holds the circle: points at the radius in every direction are inside', () => {
    const center = { lat: 37.5665, lng: 126.978 };
    const box = boundingBox(center, 20);
    const kmPerDegree = (Math.PI / 180) * 6371.0088;
    expect(box.maxLat - center.lat).toBeCloseTo(20 / kmPerDegree, 6);
    expect(box.maxLng - center.lng).toBeGreaterThan(20 / kmPerDegree);
    expect(box.bands[0]).toBe(Math.floor(box.minLat * 20));
    expect(box.bands.at(-1)).toBe(Math.floor(box.maxLat * 20));
  });
});
