import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../http/problem.js';

/**
 * Where a client is in the change feed of one collection.
 * - `changeKey`: every change with a key up to this one in the caller's trips was delivered.
 * - `accessKey`: every gain or loss of a trip up to this key was turned into documents.
 * - `backfill`: a membership change is being delivered: the access events up to `upTo`, and
 *   the documents of those trips with a change key after `after` are still to come.
 */
export interface Checkpoint {
  changeKey: number;
  accessKey: number;
  backfill?: { upTo: number; after: number };
}

const key = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const wireSchema = z.strictObject({
  v: z.literal(1),
  s: key,
  a: key,
  u: key.optional(),
  k: key.optional(),
  m: z.string().max(64),
});

export const CHECKPOINT_MAX_LENGTH = 1024;

function invalidCheckpoint() {
  return new AppError(
    400,
    'invalid_checkpoint',
    'The checkpoint is not one this server issued; pull from the beginning',
  );
}

/** Encodes checkpoints as base64url JSON with an HMAC, so a tampered one is refused. */
export class CheckpointCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('hamgaja sync checkpoint v1').digest();
  }

  private mac(userId: string, collection: string, c: Checkpoint): string {
    const b = c.backfill;
    return createHmac('sha256', this.key)
      .update(`${userId}\n${collection}\n${c.changeKey}.${c.accessKey}.${b ? `${b.upTo}.${b.after}` : '-'}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** The opaque string a client sends back; bound to the user and the collection. */
  encode(userId: string, collection: string, c: Checkpoint): string {
    const wire = {
      v: 1,
      s: c.changeKey,
      a: c.accessKey,
      ...(c.backfill ? { u: c.backfill.upTo, k: c.backfill.after } : {}),
      m: this.mac(userId, collection, c),
    };
    return Buffer.from(JSON.stringify(wire)).toString('base64url');
  }

  /** Parses and verifies a checkpoint; anything else is 400 invalid_checkpoint. */
  decode(userId: string, collection: string, text: string): Checkpoint {
    if (text.length > CHECKPOINT_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCheckpoint();
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      throw invalidCheckpoint();
    }
    const parsed = wireSchema.safeParse(raw);
    if (!parsed.success || (parsed.data.u === undefined) !== (parsed.data.k === undefined))
      throw invalidCheckpoint();
    const w = parsed.data;
    const checkpoint: Checkpoint = {
      changeKey: w.s,
      accessKey: w.a,
      ...(w.u !== undefined && w.k !== undefined ? { backfill: { upTo: w.u, after: w.k } } : {}),
    };
    const expected = Buffer.from(this.mac(userId, collection, checkpoint));
    const given = Buffer.from(w.m);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCheckpoint();
    return checkpoint;
  }
}
