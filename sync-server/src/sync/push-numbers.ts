/**
 * Tells a replication's pushes from replays of them, so that the stream does not skip a write
 * its replication never saw answered.
 *
 * A replication that names itself (X-Hamgaja-Client) is not sent its own pushes back: it holds
 * those states. That holds for the pushes it makes and whose answers it reads, not for a copy
 * of an earlier request arriving again (a network or proxy replaying it). Rule 7 makes a replay
 * harmless to the data, but one that was refused at first and is allowed now (the caller was
 * made an editor meanwhile) writes, and if that write were not echoed the replication would
 * never learn of it. So clients number their pushes (X-Hamgaja-Push: 1, 2, 3, … per
 * replication name), and a push that is not the newest this instance has seen from that
 * replication is echoed like an unnamed one.
 *
 * A mistake here only ever costs an echo, never a skipped write: pushes that overtake each other
 * (two in flight), a first push this instance sees numbered above 1 (after a restart, or the
 * replication's earlier pushes went to another instance), all are echoed.
 */
export class PushNumbers {
  /** Replication (echoKey) → the highest push number seen, least recently used first. */
  private readonly highest = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** Notes push `n` of replication `key`; true when it is the newest one yet (not a replay). */
  fresh(key: string, n: number): boolean {
    const seen = this.highest.get(key);
    const fresh = seen === undefined ? n === 1 : n > seen;
    this.highest.delete(key);
    this.highest.set(key, Math.max(seen ?? 0, n));
    if (this.highest.size > this.capacity) {
      const oldest = this.highest.keys().next();
      if (!oldest.done) this.highest.delete(oldest.value);
    }
    return fresh;
  }
}
