/**
 * A replication's own writes that the feed does not echo, and the guard that keeps an older
 * master state from taking the device back behind them.
 *
 * The server's stream skips the states a replication pushed itself (no echo). RxDB applies a
 * master state from the feed whenever the device holds no unpushed change of that document,
 * whatever the state's age. So a state the server read before one of our pushes committed,
 * applied after that push was answered, would undo the push on this device, and with no echo
 * nothing later would bring it forward again: the device would disagree with the server for
 * good. Two ways it can happen, and what the guard does:
 * - a pull is answered with a state read before a push of ours committed: when the answer
 *   names a document pushed while the pull was under way (or still being pushed), the pull is
 *   read again once those pushes are answered;
 * - a stream event read before our push committed arrives after it: an event naming a
 *   document we pushed (and have not seen fresh from a pull since) becomes a pull (RESYNC).
 */
export class OwnWrites {
  private clock = 0;
  /** id → the clock when the server confirmed our latest unechoed write of it (oldest first). */
  private readonly written = new Map<string, number>();
  /** id → pushes of it under way. */
  private readonly pending = new Map<string, number>();
  private readonly underWay = new Set<Promise<void>>();

  /** At most this many writes are remembered (the oldest go first). */
  constructor(private readonly capacity = 50_000) {}

  /**
   * Runs a push of `ids` (not echoed to our stream); `written` picks from its answer the ids
   * the server wrote as sent.
   */
  async push<R>(ids: readonly string[], send: () => Promise<R>, written: (answer: R) => Iterable<string>) {
    for (const id of ids) this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    const answer = send();
    const settled = answer.then(
      () => undefined,
      () => undefined,
    );
    this.underWay.add(settled);
    try {
      const result = await answer;
      const at = ++this.clock;
      for (const id of written(result)) {
        this.written.delete(id); // re-inserted: the Map stays in confirmation order
        this.written.set(id, at);
      }
      for (const id of this.written.keys()) {
        if (this.written.size <= this.capacity) break;
        this.written.delete(id);
      }
      return result;
    } finally {
      this.underWay.delete(settled);
      for (const id of ids) {
        const left = (this.pending.get(id) ?? 1) - 1;
        if (left > 0) this.pending.set(id, left);
        else this.pending.delete(id);
      }
    }
  }

  /** A pull starts: its answer is judged against the pushes confirmed after this moment. */
  beginRead(): number {
    return ++this.clock;
  }

  /**
   * Whether the answer of a pull begun at `start` may hold a state older than a push of ours:
   * it names a document pushed since, or being pushed now. If not, its states are taken as
   * fresh and those documents are forgotten.
   */
  overtaken(start: number, ids: readonly string[]): boolean {
    if (ids.some((id) => this.pending.has(id) || (this.written.get(id) ?? 0) > start)) return true;
    for (const id of ids) this.written.delete(id);
    return false;
  }

  /** Whether a stream event naming `ids` may carry a state older than a push of ours. */
  unsure(ids: readonly string[]): boolean {
    return ids.some((id) => this.pending.has(id) || this.written.has(id));
  }

  /** Resolves once the pushes under way now are answered (or failed). */
  async settled(): Promise<void> {
    await Promise.all([...this.underWay]);
  }
}
