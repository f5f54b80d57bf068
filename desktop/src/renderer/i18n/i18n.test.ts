import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';

/** Every leaf key of a nested message object, as dotted paths. */
function leafKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leafKeys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** The {{placeholders}} a message uses. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function valueAt(messages: object, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
}

describe('i18n resources', () => {
  it('ko and en have exactly the same keys', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(ko).sort());
  });

  it('every message is a non-empty string using the same placeholders in both languages', () => {
    for (const key of leafKeys(ko)) {
      const k = valueAt(ko, key);
      const e = valueAt(en, key);
      expect(typeof k === 'string' && k.trim().length > 0, `ko ${key}`).toBe(true);
      expect(typeof e === 'string' && e.trim().length > 0, `en ${key}`).toBe(true);
      expect(placeholders(e as string), key).toEqual(placeholders(k as string));
    }
  });

  it('has the problem codes the server answers with', async () => {
    const { problemCodes } = await import('@hamgaja/shared');
    for (const code of problemCodes) expect(Object.keys(ko.errors)).toContain(code);
  });
});
