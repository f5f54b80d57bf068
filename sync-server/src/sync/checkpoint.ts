import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../http/problem.js';

/**
 * Where a client is in the change feed of one collection. Trips are named by their number
 * (sync_trip_sequences.trip_no) to keep the text short.
 * - `accessKey`: every gain or loss of a trip up to this key of the user's access sequence
 *   was turned into documents.
 * - `trips`: for each trip the user may read, every change of it up to this key of the trip's
 *   sequence was delivered.
 * - `lost`: trips the user lost whose redacted tombstones are being delivered: those of the
 *   documents with a key after this one are still to come.
 */
export interface Checkpoint {
  accessKey: number;
  trips: Map<number, number>;
  lost: Map<number, number>;
}

export function emptyCheckpoint(): Checkpoint {
  return { accessKey: 0, trips: new Map(), lost: new Map() };
}

const VERSION = 2;
const MAC_BYTES = 16;
/**
 * The longest checkpoint accepted, in characters. A trip costs at most 2 + 8 bytes (its number
 * as a difference from the previous one, its key), about 4 characters in practice: 500 trips
 * take about 2 KB, and 16 KB holds over 1,200 trips even with 10-digit keys (docs/sync.md).
 */
export const CHECKPOINT_MAX_LENGTH = 16 * 1024;

function invalidCheckpoint() {
  return new AppError(
    400,
    'invalid_checkpoint',
    'The checkpoint is not one this server issued; pull from the beginning',
  );
}

function outdatedCheckpoint() {
  return new AppError(
    410,
    'checkpoint_outdated',
    'The checkpoint was issued by an older server; pull from the beginning (your data is kept)',
  );
}

function isVersionOne(raw: Buffer): boolean {
  try {
    return (JSON.parse(raw.toString('utf8')) as { v?: unknown } | null)?.v === 1;
  } catch {
    return false;
  }
}

/** Unsigned LEB128 integers, the checkpoint's only content. */
class Writer {
  private readonly bytes: number[] = [];
  int(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.bytes.push(v % 0x80 | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  map(map: ReadonlyMap<number, number>): void {
    const entries = [...map].sort((a, b) => a[0] - b[0]);
    this.int(entries.length);
    let previous = 0;
    for (const [no, seq] of entries) {
      this.int(no - previous);
      this.int(seq);
      previous = no;
    }
  }
  done(): Buffer {
    return Buffer.from(this.bytes);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  int(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++];
      if (byte === undefined || scale > 2 ** 49) throw invalidCheckpoint();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    if (!Number.isSafeInteger(value)) throw invalidCheckpoint();
    return value;
  }
  map(): Map<number, number> {
    const count = this.int();
    if (count > this.bytes.length) throw invalidCheckpoint();
    const map = new Map<number, number>();
    let previous = 0;
    for (let i = 0; i < count; i++) {
      const delta = this.int();
      if (delta === 0 && i > 0) throw invalidCheckpoint();
      previous += delta;
      map.set(previous, this.int());
    }
    return map;
  }
  get finished(): boolean {
    return this.at === this.bytes.length;
  }
}

/** Encodes checkpoints as base64url bytes with an HMAC, so a tampered one is refused. */
export class CheckpointCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('hamgaja sync checkpoint v2').digest();
  }

  private mac(userId: string, collection: string, body: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update(`${userId}\n${collection}\n`)
      .update(body)
      .digest()
      .subarray(0, MAC_BYTES);
  }

  /** The opaque string a client sends back; bound to the user and the collection. */
  encode(userId: string, collection: string, c: Checkpoint): string {
    const w = new Writer();
    w.int(VERSION);
    w.int(c.accessKey);
    w.map(c.trips);
    w.map(c.lost);
    const body = w.done();
    return Buffer.concat([body, this.mac(userId, collection, body)]).toString('base64url');
  }

  /** Parses and verifies a checkpoint: 410 checkpoint_outdated for an older format, else 400 invalid_checkpoint. */
  decode(userId: string, collection: string, text: string): Checkpoint {
    if (text.length > CHECKPOINT_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCheckpoint();
    const raw = Buffer.from(text, 'base64url');
    // Version 1 was base64url JSON: {"v":1,...}.
    if (raw[0] === 0x7b) throw isVersionOne(raw) ? outdatedCheckpoint() : invalidCheckpoint();
    if (raw.length <= MAC_BYTES) throw invalidCheckpoint();
    const body = raw.subarray(0, raw.length - MAC_BYTES);
    const expected = this.mac(userId, collection, body);
    if (!timingSafeEqual(expected, raw.subarray(raw.length - MAC_BYTES))) throw invalidCheckpoint();
    const r = new Reader(body);
    if (r.int() !== VERSION) throw outdatedCheckpoint();
    const checkpoint: Checkpoint = { accessKey: r.int(), trips: r.map(), lost: r.map() };
    if (!r.finished) throw invalidCheckpoint();
    return checkpoint;
  }
}
