import { describe, expect, it } from 'vitest';
import { type AppError } from '../http/problem.js';
import { checkSchemaVersion } from './routes.js';

function outcome(raw: unknown, server: number): string {
  try {
    checkSchemaVersion(raw, server);
    return 'ok';
  } catch (err) {
    return `${(err as AppError).status} ${(err as AppError).code}`;
  }
}

describe('schema version check (rule 10)', () => {
  it('accepts the same version, answers 426 to older and 400 to newer, missing or malformed ones', () => {
    expect(outcome('2', 2)).toBe('ok');
    expect(outcome('1', 2)).toBe('426 upgrade_required');
    expect(outcome('0', 2)).toBe('426 upgrade_required');
    expect(outcome('3', 2)).toBe('400 validation_failed');
    // Canonical non-negative integers only.
    for (const bad of [
      undefined,
      '',
      'two',
      '2.0',
      '1e1',
      ['2', '2'],
      ' 2 ',
      '02',
      '00',
      '-0',
      ' 0',
      '+2',
      '-1',
    ])
      expect(outcome(bad, 2)).toBe('400 validation_failed');
  });

  it('says "Update the app to keep syncing" when the client is too old', () => {
    try {
      checkSchemaVersion('0', 1);
    } catch (err) {
      expect((err as AppError).message).toBe('Update the app to keep syncing');
      return;
    }
    throw new Error('expected 426');
  });
});
