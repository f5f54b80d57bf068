import { describe, expect, it } from 'vitest';
import { parseImportArgs } from './import-cli.js';
import { TOURAPI_BASE_URL } from './tourapi.js';

describe('catalog:import arguments', () => {
  it('reads a TourAPI import with defaults', () => {
    expect(parseImportArgs(['--from', 'tourapi', '--area', '39'])).toEqual({
      kind: 'tourapi',
      area: 39,
      rows: 100,
      rate: 5,
      details: true,
      images: true,
      restart: false,
      keepDev: false,
      baseUrl: TOURAPI_BASE_URL,
    });
    expect(parseImportArgs(['--from', 'tourapi', '--no-details', '--restart'])).toMatchObject({
      details: false,
      restart: true,
    });
  });

  it('reads a file import', () => {
    expect(parseImportArgs(['--from', 'places.csv'])).toEqual({ kind: 'file', file: 'places.csv' });
    expect(parseImportArgs(['--from', 'x', '--format', 'ndjson'])).toMatchObject({ format: 'ndjson' });
  });

  it('names the wrong flag', () => {
    expect(() => parseImportArgs([])).toThrow(/--from/);
    expect(() => parseImportArgs(['--from', 'tourapi', '--rows', '0'])).toThrow(/^--rows:/);
    expect(() => parseImportArgs(['--from', 'tourapi', '--base-url', 'ftp://x'])).toThrow(/^--base-url:/);
    expect(() => parseImportArgs(['--from', 'x', '--format', 'xml'])).toThrow(/^--format:/);
    expect(() => parseImportArgs(['--from', 'x', '--bogus'])).toThrow(/bogus/);
  });
});
