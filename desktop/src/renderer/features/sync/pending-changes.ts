/**
 * Local changes not yet accepted by the server, counted per document and kept in
 * localStorage so the count survives a reload made offline. An entry leaves when its push
 * succeeds; entries from before this run (or from before this tab led the replication) leave
 * once the first push of the run has gone through, unless they were changed again since.
 */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const SAVE_DELAY_MS = 400;

export class PendingChanges {
  /** "collection/id" → write sequence (to tell a later edit from the one already pushed). */
  private readonly entries = new Map<string, number>();
  private sequence = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Only the tab that replicates writes the list (the others would save a stale view). */
  private persisting = false;

  constructor(
    private readonly storage: PendingStorage | null,
    private readonly storageKey: string,
  ) {}

  get count(): number {
    return this.entries.size;
  }

  /** Adds what an earlier run left unsent. */
  load(): void {
    try {
      const stored: unknown = JSON.parse(this.storage?.getItem(this.storageKey) ?? '[]');
      if (!Array.isArray(stored)) return;
      for (const key of stored)
        if (typeof key === 'string' && !this.entries.has(key)) this.entries.set(key, this.next());
    } catch {
      // Unreadable: start counting afresh.
    }
  }

  changed(collection: string, id: string): void {
    this.entries.set(`${collection}/${id}`, this.next());
    this.scheduleSave();
  }

  /** The server accepted (or refused for good) the document: it is no longer waiting. */
  done(collection: string, id: string): void {
    if (this.entries.delete(`${collection}/${id}`)) this.scheduleSave();
  }

  /** The entries as they are now, to `settle` once everything up to here has been pushed. */
  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.entries);
  }

  /** Drops the entries of `snapshot` that were not changed again since it was taken. */
  settle(snapshot: ReadonlyMap<string, number>): void {
    for (const [key, seq] of snapshot) if (this.entries.get(key) === seq) this.entries.delete(key);
    this.scheduleSave();
  }

  /** From now on the list is saved (this tab replicates). */
  persist(): void {
    this.persisting = true;
    this.scheduleSave();
  }

  /** Writes now (e.g. when stopping). */
  flush(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.persisting) return;
    try {
      if (this.entries.size === 0) this.storage?.removeItem(this.storageKey);
      else this.storage?.setItem(this.storageKey, JSON.stringify([...this.entries.keys()]));
    } catch {
      // Storage full or blocked: the count is only kept for this run.
    }
  }

  private next(): number {
    this.sequence += 1;
    return this.sequence;
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null || !this.storage || !this.persisting) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }
}
