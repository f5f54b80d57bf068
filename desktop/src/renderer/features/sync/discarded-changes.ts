/**
 * Local changes the server did not keep (it refused them, or the document or its trip was
 * deleted there), remembered per signed-in user on this device so the traveller can read what
 * was lost and copy it. Kept in localStorage: the tab that replicates adds entries, every tab
 * shows them and may dismiss them.
 */
export type DiscardedStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

type Loose = Record<string, unknown>;

/** One discarded change as recorded (plain JSON, so it survives a reload). */
export type DiscardedChange = {
  /** collection/id/content hash: one entry per distinct discarded state. */
  key: string;
  /** 'trips' | 'stops' | 'checklistItems' | 'expenses' */
  collection: string;
  id: string;
  /** The trip the document belongs to (its own id for a trip), when known. */
  tripId: string | null;
  /** The trip's title when the change was discarded (the trip may be gone since). */
  tripTitle: string | null;
  /** For an expense tied to a stop: that stop's place name then. */
  stopName: string | null;
  /** HTTP status, or 409 when a conflict answer discarded the change. */
  status: number;
  /** The server's problem code, `refused` or `deleted_on_server`. */
  code: string;
  /** English, technical (for the copied text). */
  message: string;
  /** The local state that was not kept, when known. */
  document: Loose | null;
  /** Epoch ms when this device learnt it was discarded. */
  at: number;
};

/** What the sync controller knows when a change is discarded. */
export type DiscardedInput = Omit<DiscardedChange, 'key' | 'at'>;

/** At most this many entries are kept (the oldest leave first). */
export const MAX_DISCARDED = 50;

export function discardedStorageKey(userId: string): string {
  return `hamgaja.discarded.${userId}`;
}

/** JSON with object keys sorted, so equal documents give equal text whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Loose)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** FNV-1a, 32 bits, as 8 hex digits: a short key for a document's content. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The dedupe key: the same document discarded with the same content is one entry. */
export function discardedKey(input: Pick<DiscardedInput, 'collection' | 'id' | 'document' | 'code'>): string {
  const content = input.document ? stableJson(input.document) : `no-document:${input.code}`;
  return `${input.collection}/${input.id}/${hash(content)}`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const stringOrNull = (value: unknown): string | null => (isString(value) ? value : null);

/** An entry read back from storage, or null when it is not one (an older or damaged list). */
function parseEntry(value: unknown): DiscardedChange | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Loose;
  if (
    !isString(raw.key) ||
    !isString(raw.collection) ||
    !isString(raw.id) ||
    !isString(raw.code) ||
    typeof raw.at !== 'number'
  )
    return null;
  const document =
    raw.document && typeof raw.document === 'object' && !Array.isArray(raw.document)
      ? (raw.document as Loose)
      : null;
  return {
    key: raw.key,
    collection: raw.collection,
    id: raw.id,
    tripId: stringOrNull(raw.tripId),
    tripTitle: stringOrNull(raw.tripTitle),
    stopName: stringOrNull(raw.stopName),
    status: typeof raw.status === 'number' ? raw.status : 0,
    code: raw.code,
    message: isString(raw.message) ? raw.message : '',
    document,
    at: raw.at,
  };
}

export class DiscardedChanges {
  /** Newest first. Replaced (never mutated) on change, so it doubles as a React snapshot. */
  private entries: readonly DiscardedChange[] = [];
  private readonly listeners = new Set<() => void>();
  /** Set when storage refused a write: from then on the list lives in memory only. */
  private memoryOnly = false;

  constructor(
    private readonly storage: DiscardedStorage | null,
    private readonly storageKey: string,
    private readonly options: { max?: number; now?: () => number } = {},
  ) {
    this.entries = this.read();
  }

  /** Newest first. */
  list = (): readonly DiscardedChange[] => this.entries;

  /** The entries about one trip (its own changes and those of its stops, checklist and expenses). */
  forTrip(tripId: string): DiscardedChange[] {
    return this.entries.filter((entry) => entry.tripId === tripId);
  }

  /**
   * Records discarded changes (newest last in `inputs`). A change already listed with the same
   * content is not added twice; the list keeps the newest `max` entries.
   */
  add(...inputs: DiscardedInput[]): void {
    if (inputs.length === 0) return;
    const now = (this.options.now ?? Date.now)();
    let next = this.read();
    let changed = false;
    for (const input of inputs) {
      const key = discardedKey(input);
      if (next.some((entry) => entry.key === key)) continue;
      next = [{ ...input, key, at: now }, ...next];
      changed = true;
    }
    if (!changed) return;
    this.save(next.slice(0, this.options.max ?? MAX_DISCARDED));
  }

  dismiss(key: string): void {
    const current = this.read();
    const next = current.filter((entry) => entry.key !== key);
    if (next.length !== current.length) this.save(next);
  }

  /** Dismisses every entry, or those of `keys`. */
  dismissAll(keys?: readonly string[]): void {
    const current = this.read();
    const next = keys ? current.filter((entry) => !keys.includes(entry.key)) : [];
    if (next.length !== current.length) this.save(next);
  }

  /** Puts dismissed entries back where their time places them ("undo"). */
  restore(entries: readonly DiscardedChange[]): void {
    const current = this.read();
    const missing = entries.filter((entry) => !current.some((other) => other.key === entry.key));
    if (missing.length === 0) return;
    const next = [...current, ...missing].sort((a, b) => b.at - a.at);
    this.save(next.slice(0, this.options.max ?? MAX_DISCARDED));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Follows changes other tabs make to the list; returns a stop function. */
  watch(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.storageKey || event.key === null) this.replace(this.read());
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  /** The list as stored now (another tab may have changed it since this one last looked). */
  private read(): readonly DiscardedChange[] {
    if (!this.storage || this.memoryOnly) return this.entries;
    try {
      const stored: unknown = JSON.parse(this.storage.getItem(this.storageKey) ?? '[]');
      if (!Array.isArray(stored)) return [];
      return stored.map(parseEntry).filter((entry): entry is DiscardedChange => entry !== null);
    } catch {
      return [];
    }
  }

  private save(next: readonly DiscardedChange[]): void {
    try {
      if (next.length === 0) this.storage?.removeItem(this.storageKey);
      else this.storage?.setItem(this.storageKey, JSON.stringify(next));
    } catch {
      // Storage full or blocked: the list is kept for this run only.
      this.memoryOnly = true;
    }
    this.replace(next);
  }

  private replace(next: readonly DiscardedChange[]): void {
    if (next.length === this.entries.length && next.every((entry, i) => entry.key === this.entries[i]?.key))
      return;
    this.entries = next;
    for (const listener of this.listeners) listener();
  }
}
