import { describe, expect, it } from 'vitest';
import { AppError } from '../http/problem.js';
import { CHECKPOINT_MAX_LENGTH, CheckpointCodec, type Checkpoint } from './checkpoint.js';

const codec = new CheckpointCodec('a-secret-of-at-least-thirty-two-characters');

function refusedWith(code: string, run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}
const refused = (run: () => unknown) => refusedWith('invalid_checkpoint', run);

const checkpoint = (
  accessKey: number,
  trips: [number, number][],
  lost: [number, number][] = [],
): Checkpoint => ({
  accessKey,
  trips: new Map(trips),
  lost: new Map(lost),
});

describe('checkpoints', () => {
  it('round-trip through an opaque base64url string', () => {
    for (const c of [
      checkpoint(0, []),
      checkpoint(7, [
        [3, 42],
        [1, 0],
        [900, 2 ** 40],
      ]),
      checkpoint(2 ** 52, [[Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]], [[5, 9]]),
    ]) {
      const text = codec.encode('u1', 'stops', c);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(codec.decode('u1', 'stops', text)).toEqual(c);
    }
  });

  it('stay short: 500 trips fit in a few kilobytes, far below the limit', () => {
    const trips: [number, number][] = Array.from({ length: 500 }, (_, i) => [
      1000 + i * 37,
      250_000 + i * 11,
    ]);
    const text = codec.encode('u1', 'stops', checkpoint(1200, trips));
    expect(text.length).toBeLessThan(4096);
    expect(CHECKPOINT_MAX_LENGTH).toBeGreaterThan(text.length * 3);
    // Worst case per trip: numbers and keys of 10 digits still fit 1,000 trips.
    const wide: [number, number][] = Array.from({ length: 1000 }, (_, i) => [i * 4_000_000, 9_999_999_999]);
    expect(codec.encode('u1', 'stops', checkpoint(1, wide)).length).toBeLessThan(CHECKPOINT_MAX_LENGTH);
  });

  it('refuses tampered, foreign and malformed checkpoints', () => {
    const text = codec.encode('u1', 'stops', checkpoint(2, [[1, 10]]));
    const bytes = Buffer.from(text, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[2] = (flipped[2] ?? 0) ^ 1;
    refused(() => codec.decode('u1', 'stops', flipped.toString('base64url')));
    refused(() => codec.decode('u2', 'stops', text));
    refused(() => codec.decode('u1', 'trips', text));
    refused(() =>
      new CheckpointCodec('another-secret-of-at-least-thirty-two-chars').decode('u1', 'stops', text),
    );
    for (const bad of [
      '',
      '!!',
      'AA',
      bytes.subarray(0, 10).toString('base64url'),
      'a'.repeat(CHECKPOINT_MAX_LENGTH + 1),
    ]) {
      refused(() => codec.decode('u1', 'stops', bad));
    }
  });

  it('tells a client holding a checkpoint of the older format to start over', () => {
    const v1 = Buffer.from(JSON.stringify({ v: 1, s: 10, a: 2, m: 'x' })).toString('base64url');
    refusedWith('checkpoint_outdated', () => codec.decode('u1', 'stops', v1));
  });
});
