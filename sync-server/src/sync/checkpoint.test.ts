import { describe, expect, it } from 'vitest';
import { AppError } from '../http/problem.js';
import { CheckpointCodec } from './checkpoint.js';

const codec = new CheckpointCodec('a-secret-of-at-least-thirty-two-characters');

function refused(run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_checkpoint');
    return;
  }
  throw new Error('expected invalid_checkpoint');
}

describe('checkpoints', () => {
  it('round-trips through an opaque base64url JSON string', () => {
    for (const c of [
      { changeKey: 0, accessKey: 0 },
      { changeKey: 42, accessKey: 7, backfill: { upTo: 9, after: 3 } },
    ]) {
      const text = codec.encode('u1', 'stops', c);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(JSON.parse(Buffer.from(text, 'base64url').toString())).toMatchObject({ v: 1, s: c.changeKey });
      expect(codec.decode('u1', 'stops', text)).toEqual(c);
    }
  });

  it('refuses tampered, foreign and malformed checkpoints', () => {
    const text = codec.encode('u1', 'stops', { changeKey: 10, accessKey: 2 });
    const wire = JSON.parse(Buffer.from(text, 'base64url').toString()) as Record<string, unknown>;
    const reencode = (w: unknown) => Buffer.from(JSON.stringify(w)).toString('base64url');
    refused(() => codec.decode('u1', 'stops', reencode({ ...wire, s: 11 })));
    refused(() => codec.decode('u1', 'stops', reencode({ ...wire, u: 1 })));
    refused(() => codec.decode('u2', 'stops', text));
    refused(() => codec.decode('u1', 'trips', text));
    refused(() =>
      new CheckpointCodec('another-secret-of-at-least-thirty-two-chars').decode('u1', 'stops', text),
    );
    for (const bad of [
      '',
      '!!',
      'e30',
      reencode([1]),
      reencode({ ...wire, s: -1 }),
      reencode({ ...wire, s: 1.5 }),
      'a'.repeat(5000),
    ]) {
      refused(() => codec.decode('u1', 'stops', bad));
    }
  });
});
