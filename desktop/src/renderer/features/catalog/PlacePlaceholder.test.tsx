// @vitest-environment jsdom
// The picture a place without photos shows: one drawing and colour per KTO content type, its
// name in the page's language, and colours that keep their contrast in both themes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { ktoContentTypes } from '@hamgaja/shared';
import { useLanguage } from '../../app/test-utils';
import { placeDrawing, PlacePlaceholder } from './PlacePlaceholder';

const types = ktoContentTypes.map((t) => [t.id, t.name.en, t.name.ko] as const);

describe('PlacePlaceholder', () => {
  describe('in English', () => {
    beforeEach(() => useLanguage('en'));

    it.each(types)('type %i: its drawing, colour and name "%s"', (id, en) => {
      render(<PlacePlaceholder contentTypeId={id} variant="hero" />);
      const picture = screen.getByRole('img', {
        name: `${en}: an illustration, as there is no photo of this place yet`,
      });
      expect(picture.classList).toContain(`type-${id}`);
      expect(picture.querySelector('.place-placeholder-label')?.textContent).toBe(en);
      expect(picture.querySelector('svg[data-drawing]')?.getAttribute('data-drawing')).toBe(String(id));
    });

    it('as a result card thumbnail: the drawing alone, hidden from assistive technology', () => {
      const { container } = render(<PlacePlaceholder contentTypeId={39} variant="thumb" />);
      const thumb = container.firstElementChild!;
      expect(thumb.getAttribute('aria-hidden')).toBe('true');
      expect(thumb.classList).toContain('type-39');
      expect(thumb.querySelector('svg[data-drawing="39"]')).not.toBeNull();
      expect(thumb.textContent).toBe('');
      expect(screen.queryByRole('img')).toBeNull();
    });

    it('an unknown type gets the pin and the word "Place"', () => {
      render(<PlacePlaceholder contentTypeId={99} variant="hero" />);
      const picture = screen.getByRole('img', { name: /^Place: an illustration/ });
      expect(picture.className).toBe('place-placeholder is-hero');
      expect(picture.querySelector('svg[data-drawing]')?.getAttribute('data-drawing')).toBe('pin');
    });
  });

  describe('in Korean', () => {
    beforeEach(() => useLanguage('ko'));

    it.each(types)('type %i: its Korean name', (id, _en, ko) => {
      render(<PlacePlaceholder contentTypeId={id} variant="hero" />);
      const picture = screen.getByRole('img', { name: `${ko}: 아직 사진이 없어 그림으로 보여 드려요` });
      expect(picture.querySelector('.place-placeholder-label')?.textContent).toBe(ko);
    });
  });

  it('draws each content type differently', () => {
    const drawings = [...ktoContentTypes.map((t) => t.id), 0].map((id) =>
      renderToStaticMarkup(<svg>{placeDrawing(id)}</svg>),
    );
    expect(new Set(drawings).size).toBe(ktoContentTypes.length + 1);
  });
});

// --- colour contrast (WCAG 2.1), read from the stylesheets the app ships ---------------------

const css = readFileSync(path.join(import.meta.dirname, 'catalog.css'), 'utf8');
const appCss = readFileSync(path.join(import.meta.dirname, '../../app/styles.css'), 'utf8');

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** color-mix(in srgb, colour p, base). */
const mix = (colour: Rgb, p: number, base: Rgb): Rgb =>
  colour.map((c, i) => c * p + base[i]! * (1 - p)) as Rgb;

/** --type and --type-ink of each `.type-N` rule whose selector starts with `prefix`. */
function typeColours(source: string, prefix: string) {
  const found = new Map<number, { type: Rgb; ink: Rgb }>();
  const rule = new RegExp(
    `(?:^|\\n)\\s*${prefix.replace(/[[\]()'.:]/g, '\\$&')}\\.type-(\\d+) \\{\\s*--type: (#[0-9a-f]{6});\\s*--type-ink: (#[0-9a-f]{6});`,
    'g',
  );
  for (const m of source.matchAll(rule)) found.set(Number(m[1]), { type: rgb(m[2]!), ink: rgb(m[3]!) });
  return found;
}
const surface = (selector: string) =>
  rgb(new RegExp(`${selector} \\{[^}]*?--surface: (#[0-9a-f]{6})`).exec(appCss)![1]!);

describe('content type colours', () => {
  const light = typeColours(css, '');
  const darkBySystem = typeColours(css, ":root:not([data-theme='light']) ");
  const darkByChoice = typeColours(css, ":root[data-theme='dark'] ");
  const themes = {
    light: { colours: light, base: surface(':root') },
    dark: { colours: darkByChoice, base: surface(":root\\[data-theme='dark'\\]") },
  };

  it('exist for every content type, the same in both ways of choosing the dark theme', () => {
    for (const colours of [light, darkBySystem, darkByChoice]) {
      expect([...colours.keys()].sort()).toEqual(ktoContentTypes.map((t) => t.id).sort());
    }
    expect(darkBySystem).toEqual(darkByChoice);
  });

  it.each(['light', 'dark'] as const)(
    '%s theme: names and drawings keep 4.5:1 on the surface and on tints up to 30%%',
    (theme) => {
      const { colours, base } = themes[theme];
      for (const [id, { type, ink }] of colours) {
        for (const tint of [0, 0.12, 0.2, 0.3]) {
          expect(
            contrast(ink, mix(type, tint, base)),
            `type ${id} on a ${tint * 100}% tint`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    },
  );
});
