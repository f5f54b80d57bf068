import { z } from 'zod';
import { ApiError } from '../../api/http';
import { membersSchema, type Member } from './sharing-api';

/**
 * - idle: not asked yet (members may come from the device cache)
 * - loading / ready: asking / answered
 * - offline: the server was unreachable (members, if any, are the cached ones)
 * - not_member: the server says the user is not on this trip (removed, or it never reached the server)
 * - error: any other failure
 */
export type MembersState = 'idle' | 'loading' | 'ready' | 'offline' | 'not_member' | 'error';

export type MembersSnapshot = {
  /** The last known members (from the server or this device's cache); null = never known. */
  members: Member[] | null;
  state: MembersState;
  /** Epoch ms of the answer `members` came from. */
  fetchedAt: number | null;
};

const cacheSchema = z.record(z.string(), z.object({ members: membersSchema, fetchedAt: z.number() }));
type Cache = z.infer<typeof cacheSchema>;

/** Where a user's last known members of each trip are kept, so names and roles work offline. */
export const membersCacheKey = (userId: string) => `hamgaja.tripMembers.${userId}`;

export type MembersStoreOptions = {
  userId: string;
  load: (tripId: string) => Promise<Member[]>;
  storage?: Storage | null;
  /** How often watched trips are asked again (role changes reach a co-traveller without a reload). */
  pollMs?: number;
  /** Whether the device believes it is online (no polling while offline). */
  isOnline?: () => boolean;
};

/**
 * The members of the trips on screen: one request per trip however many components ask,
 * refreshed while watched (every `pollMs`, on reconnect and when the window regains focus),
 * cached per user in localStorage.
 */
export class TripMembersStore {
  private readonly entries = new Map<string, MembersSnapshot>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly watchers = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly storage: Storage | null;
  private readonly pollMs: number;
  private readonly isOnline: () => boolean;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onWake = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    for (const tripId of this.watchers.keys()) void this.refresh(tripId);
  };

  constructor(private readonly options: MembersStoreOptions) {
    this.storage =
      options.storage === undefined
        ? typeof localStorage === 'undefined'
          ? null
          : localStorage
        : options.storage;
    this.pollMs = options.pollMs ?? 10_000;
    this.isOnline = options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  }

  get(tripId: string): MembersSnapshot {
    let entry = this.entries.get(tripId);
    if (!entry) {
      const cached = this.readCache()[tripId];
      entry = { members: cached?.members ?? null, state: 'idle', fetchedAt: cached?.fetchedAt ?? null };
      this.entries.set(tripId, entry);
    }
    return entry;
  }

  subscribe(tripId: string, listener: () => void): () => void {
    let set = this.listeners.get(tripId);
    if (!set) this.listeners.set(tripId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Asks the server now (joins a request already under way). */
  refresh(tripId: string): Promise<void> {
    const running = this.inflight.get(tripId);
    if (running) return running;
    const current = this.get(tripId);
    if (current.state === 'idle') this.set(tripId, { ...current, state: 'loading' });
    const request = this.options
      .load(tripId)
      .then(
        (members) => {
          const fetchedAt = Date.now();
          this.set(tripId, { members, state: 'ready', fetchedAt });
          this.writeCache((cache) => ({ ...cache, [tripId]: { members, fetchedAt } }));
        },
        (error: unknown) => {
          const previous = this.get(tripId);
          if (error instanceof ApiError && error.status === 404) {
            this.set(tripId, { members: null, state: 'not_member', fetchedAt: Date.now() });
            this.writeCache(({ [tripId]: _gone, ...rest }) => rest);
          } else {
            const offline = error instanceof ApiError && error.isNetworkError;
            this.set(tripId, { ...previous, state: offline ? 'offline' : 'error' });
          }
        },
      )
      .finally(() => this.inflight.delete(tripId));
    this.inflight.set(tripId, request);
    return request;
  }

  /** Keeps `tripId` fresh until the returned function is called. */
  watch(tripId: string): () => void {
    const count = this.watchers.get(tripId) ?? 0;
    this.watchers.set(tripId, count + 1);
    const entry = this.get(tripId);
    if (count === 0 && (entry.state !== 'ready' || Date.now() - (entry.fetchedAt ?? 0) > this.pollMs / 2)) {
      void this.refresh(tripId);
    }
    this.startTimer();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const left = (this.watchers.get(tripId) ?? 1) - 1;
      if (left > 0) this.watchers.set(tripId, left);
      else this.watchers.delete(tripId);
      if (this.watchers.size === 0) this.stopTimer();
    };
  }

  /** Records members known from elsewhere (e.g. right after accepting an invite). */
  seed(tripId: string, members: Member[]): void {
    const fetchedAt = Date.now();
    this.set(tripId, { members, state: 'ready', fetchedAt });
    this.writeCache((cache) => ({ ...cache, [tripId]: { members, fetchedAt } }));
  }

  private set(tripId: string, snapshot: MembersSnapshot): void {
    this.entries.set(tripId, snapshot);
    for (const listener of this.listeners.get(tripId) ?? []) listener();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.isOnline()) return;
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      for (const tripId of this.watchers.keys()) void this.refresh(tripId);
    }, this.pollMs);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onWake);
      window.addEventListener('focus', this.onWake);
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onWake);
      window.removeEventListener('focus', this.onWake);
    }
  }

  private readCache(): Cache {
    try {
      const raw = this.storage?.getItem(membersCacheKey(this.options.userId));
      if (!raw) return {};
      const parsed = cacheSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private writeCache(change: (cache: Cache) => Cache): void {
    try {
      this.storage?.setItem(membersCacheKey(this.options.userId), JSON.stringify(change(this.readCache())));
    } catch {
      // A full or blocked storage only costs the offline fallback.
    }
  }
}
