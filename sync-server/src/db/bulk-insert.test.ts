import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, hasLoneSurrogate } from '../../test/any-text.js';
import { bulkInsertStatements, sqlLiteral } from './bulk-insert.js';

describe('sqlLiteral', () => {
  it('writes plain text quoted, with quotes doubled, on both dialects', () => {
    for (const dialect of ['sqlite', 'mysql'] as const) {
      expect(sqlLiteral(dialect, "it's")).toBe("'it''s'");
      expect(sqlLiteral(dialect, '$1 :name ? % " 😀 \u{10FFFF}\n')).toBe("'$1 :name ? % \" 😀 \u{10FFFF}\n'");
      expect(sqlLiteral(dialect, '')).toBe("''");
    }
  });

  it('writes text with a NUL (both) or a backslash (MySQL) as UTF-8 hex typed as text', () => {
    expect(sqlLiteral('sqlite', 'a\u0000b')).toBe("CAST(X'610062' AS TEXT)");
    expect(sqlLiteral('mysql', 'a\u0000b')).toBe("_utf8mb4 X'610062'");
    expect(sqlLiteral('sqlite', 'a\\b')).toBe("'a\\b'");
    expect(sqlLiteral('mysql', 'a\\b')).toBe("_utf8mb4 X'615c62'");
    expect(sqlLiteral('mysql', '가\u0000')).toBe("_utf8mb4 X'eab08000'");
  });

  it('writes null, booleans, numbers and times; refuses what has no faithful literal', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(sqlLiteral('sqlite', null)).toBe('NULL');
    expect([sqlLiteral('mysql', true), sqlLiteral('mysql', false)]).toEqual(['1', '0']);
    expect([sqlLiteral('sqlite', 42), sqlLiteral('sqlite', -1.5), sqlLiteral('sqlite', 1e21)]).toEqual([
      '42',
      '-1.5',
      '1e+21',
    ]);
    expect(sqlLiteral('sqlite', at)).toBe("'2026-03-04 05:06:07.089 +00:00'");
    expect(sqlLiteral('mysql', at)).toBe("'2026-03-04 05:06:07.089'");
    expect(() => sqlLiteral('sqlite', Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral('mysql', Infinity)).toThrow(TypeError);
    // A lone surrogate cannot be stored as UTF-8: refused rather than turned into U+FFFD.
    expect(() => sqlLiteral('sqlite', 'a\uD800')).toThrow(/lone surrogate/);
    expect(() => sqlLiteral('mysql', '\uDFFFb')).toThrow(/lone surrogate/);
    expect(sqlLiteral('mysql', '\uD83D\uDE00')).toBe("'😀'");
  });

  it('never leaves a quote open: every literal of any text is one closed token', () => {
    fc.assert(
      fc.property(anyText(), fc.constantFrom('sqlite' as const, 'mysql' as const), (text, dialect) => {
        if (hasLoneSurrogate(text)) {
          expect(() => sqlLiteral(dialect, text)).toThrow(TypeError);
          return;
        }
        const literal = sqlLiteral(dialect, text);
        expect(literal).not.toMatch(/\0/);
        if (literal.startsWith("'")) {
          // Quoted: the inside has only doubled quotes, and no backslash on MySQL.
          expect(literal.slice(1, -1).replaceAll("''", '')).not.toContain("'");
          if (dialect === 'mysql') expect(literal).not.toContain('\\');
          expect(literal.slice(1, -1).replaceAll("''", "'")).toBe(text);
        } else {
          const hex = /X'([0-9a-f]*)'/.exec(literal)![1]!;
          expect(Buffer.from(hex, 'hex').toString('utf8')).toBe(text);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('bulkInsertStatements', () => {
  const spec = { table: 'notes', columns: ['id', 'text'], conflictKey: ['id'] };

  it('writes an upsert per dialect', () => {
    expect(bulkInsertStatements('sqlite', spec, [[1, 'a']])).toEqual([
      "INSERT INTO notes (id, text) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET text = excluded.text",
    ]);
    expect(bulkInsertStatements('mysql', spec, [[1, 'a']])).toEqual([
      "INSERT INTO notes (id, text) VALUES (1, 'a') ON DUPLICATE KEY UPDATE text = VALUES(text)",
    ]);
    expect(bulkInsertStatements('mysql', { table: 'notes', columns: ['id'] }, [[1], [2]])).toEqual([
      'INSERT INTO notes (id) VALUES (1), (2)',
    ]);
    expect(bulkInsertStatements('mysql', spec, [])).toEqual([]);
  });

  it('splits by rows and by size, never within a row', () => {
    const rows = Array.from({ length: 7 }, (_, i) => [i, 'x']);
    expect(bulkInsertStatements('sqlite', spec, rows, 3)).toHaveLength(3);
    const big = 'y'.repeat(400_000);
    const statements = bulkInsertStatements('sqlite', spec, [
      [1, big],
      [2, big],
      [3, big],
      [4, 'z'.repeat(1_200_000)],
    ]);
    expect(statements).toHaveLength(3);
    expect(statements.map((s) => s.length <= 1_300_000)).toEqual([true, true, true]);
  });

  it('refuses names that are not plain identifiers and rows of the wrong width', () => {
    expect(() => bulkInsertStatements('sqlite', { table: 'notes; DROP', columns: ['id'] }, [[1]])).toThrow(
      /identifier/,
    );
    expect(() => bulkInsertStatements('sqlite', { table: 'notes', columns: ['id"'] }, [[1]])).toThrow(
      /identifier/,
    );
    expect(() => bulkInsertStatements('sqlite', spec, [[1]])).toThrow(/2 columns/);
  });
});
