import { userSchema, type SignupRequest, type User } from '@hamgaja/shared';
import { z } from 'zod';
import { ApiError, type FetchLike } from '../../api/http';
import { createAuthApi, type AuthApi } from './auth-api';

/** Where the refresh token and the last known user live (the access token stays in memory). */
export const SESSION_STORAGE_KEY = 'hamgaja.session';

/**
 * Why a session ended without the user logging out: the server ended it (log in again; the
 * local data stays for then), or the account was deleted (the local data goes: DatabaseProvider).
 */
export type SessionEndReason = 'session_ended' | 'account_deleted';

export type SessionState =
  | { status: 'anonymous'; endedReason: SessionEndReason | null }
  | { status: 'authenticated'; user: User };

const storedSessionSchema = z.union([
  z.object({ refreshToken: z.string().min(1), user: userSchema }),
  z.object({ endedReason: z.enum(['session_ended', 'account_deleted']) }),
]);
type StoredSession = z.infer<typeof storedSessionSchema>;

type AccessToken = { token: string; expiresAt: number; lifetimeMs: number };

/** The subset of the Web Locks API we use (absent in some test environments). */
type Locks = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

export type SessionManagerOptions = {
  /** Origin of the server ('' = same origin as the page). */
  baseUrl: string;
  fetch?: FetchLike;
  storage?: Storage;
  /** Refresh this long before the access token expires. */
  refreshAheadMs?: number;
  /** Cross-tab lock so two tabs never spend the same refresh token; null disables it. */
  locks?: Locks | null;
  /** The device clock (tests use a stalled one to meet a server-side expiry first). */
  now?: () => number;
};

const REFRESH_LOCK = 'hamgaja.session.refresh';

/** Seconds the token lives, from its own iat/exp, so a wrong device clock does not matter. */
function accessTokenLifetimeMs(token: string): number | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const claims = z.object({ iat: z.number(), exp: z.number() }).parse(json);
    return (claims.exp - claims.iat) * 1000;
  } catch {
    return null;
  }
}

const isAuthFailure = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 400);

/**
 * The logged-in session: keeps tokens, refreshes the access token before it expires and on
 * `token_expired` (once for any number of concurrent callers), and ends the session with an
 * explanation when the server refuses the refresh token (`refresh_token_reused`, `invalid_token`).
 * Works offline: a stored session opens without the network and refreshes once it is back.
 */
export class SessionManager {
  readonly api: AuthApi;
  private state: SessionState;
  private access: AccessToken | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly storage: Storage | null;
  private readonly refreshAheadMs: number;
  private readonly locks: Locks | null;
  private readonly now: () => number;
  private readonly onStorage = (event: StorageEvent) => {
    if (event.key === SESSION_STORAGE_KEY || event.key === null) this.adoptStoredSession();
  };

  constructor(options: SessionManagerOptions) {
    this.api = createAuthApi(
      options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      options.baseUrl,
    );
    this.storage = options.storage ?? (typeof localStorage === 'undefined' ? null : localStorage);
    this.refreshAheadMs = options.refreshAheadMs ?? 60_000;
    this.now = options.now ?? Date.now;
    const navigatorLocks =
      typeof navigator === 'undefined' ? undefined : (navigator as { locks?: Locks }).locks;
    this.locks = options.locks === undefined ? (navigatorLocks ?? null) : options.locks;
    this.state = this.stateFromStorage();
    if (typeof window !== 'undefined') window.addEventListener('storage', this.onStorage);
  }

  // ---- observable state (useSyncExternalStore) -------------------------------------------

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get user(): User | null {
    return this.state.status === 'authenticated' ? this.state.user : null;
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  // ---- logging in and out ----------------------------------------------------------------

  async login(email: string, password: string): Promise<User> {
    return this.begin(await this.api.login(email, password));
  }

  async signup(request: SignupRequest): Promise<User> {
    return this.begin(await this.api.signup(request));
  }

  /** Ends the session here at once, then revokes it on the server when reachable. */
  async logout(): Promise<void> {
    const stored = this.readStored();
    const access = this.access;
    this.clear(null);
    if (!stored || !('refreshToken' in stored)) return;
    try {
      let token = access && access.expiresAt > this.now() ? access.token : null;
      let refreshToken = stored.refreshToken;
      if (!token) {
        const renewed = await this.api.refresh(refreshToken);
        token = renewed.accessToken;
        refreshToken = renewed.refreshToken;
      }
      await this.api.logout(token, refreshToken);
    } catch {
      // Offline or already revoked: the local session is gone either way.
    }
  }

  /** Ends the session after this device deleted the account: its local data goes too. */
  forget(): void {
    this.clear('account_deleted');
  }

  /** Keeps the cached user in step after a profile change. */
  updateUser(user: User): void {
    const stored = this.readStored();
    if (this.state.status !== 'authenticated' || !stored || !('refreshToken' in stored)) return;
    this.writeStored({ refreshToken: stored.refreshToken, user });
    this.setState({ status: 'authenticated', user });
  }

  /** Clears the "session ended" explanation once it was shown. */
  acknowledgeEnd(): void {
    if (this.state.status === 'anonymous' && this.state.endedReason) {
      if (this.readStored()) this.storage?.removeItem(SESSION_STORAGE_KEY);
      this.setState({ status: 'anonymous', endedReason: null });
    }
  }

  // ---- tokens ----------------------------------------------------------------------------

  /** A valid access token, refreshed first when missing or about to expire. */
  async accessToken(): Promise<string> {
    if (this.state.status !== 'authenticated') throw new ApiError(401, 'unauthenticated', 'Not logged in');
    const access = this.access;
    if (!access || access.expiresAt - this.now() <= Math.min(5_000, access.lifetimeMs / 4)) {
      await this.refresh(this.access?.token ?? null);
    }
    if (!this.access) throw new ApiError(401, 'unauthenticated', 'Not logged in');
    return this.access.token;
  }

  /**
   * Runs an authenticated call; when the server says the token expired (or is not valid),
   * refreshes once and retries once.
   */
  async authorized<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      if (error.code !== 'token_expired' && error.code !== 'invalid_token') throw error;
      await this.refresh(token);
      return call(await this.accessToken());
    }
  }

  /**
   * Exchanges the refresh token for new tokens. Concurrent callers share one request; a
   * caller whose token was already replaced meanwhile (`staleToken` no longer current)
   * does not refresh again.
   */
  refresh(staleToken: string | null = this.access?.token ?? null): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (this.access && staleToken !== this.access.token && this.access.expiresAt > this.now()) {
      return Promise.resolve();
    }
    const run = () => this.refreshNow();
    this.refreshing = (this.locks ? this.locks.request(REFRESH_LOCK, run) : run()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshNow(): Promise<void> {
    // Read inside the lock: another tab may have rotated the token a moment ago.
    const stored = this.readStored();
    if (!stored || !('refreshToken' in stored)) {
      this.clear(this.state.status === 'authenticated' ? 'session_ended' : null);
      throw new ApiError(401, 'unauthenticated', 'Not logged in');
    }
    try {
      const session = await this.api.refresh(stored.refreshToken);
      this.store(session.refreshToken, session.user, session.accessToken);
    } catch (error) {
      // Deleted elsewhere while this device was away: say so, and let its local copy go.
      if (error instanceof ApiError && error.code === 'account_deleted') this.clear('account_deleted');
      else if (isAuthFailure(error)) this.clear('session_ended');
      throw error;
    }
  }

  // ---- internals -------------------------------------------------------------------------

  private begin(session: { user: User; accessToken: string; refreshToken: string }): User {
    this.store(session.refreshToken, session.user, session.accessToken);
    return session.user;
  }

  private store(refreshToken: string, user: User, accessToken: string): void {
    this.writeStored({ refreshToken, user });
    // exp counts whole seconds from a floored iat: expect it up to a second early.
    const lifetime = (accessTokenLifetimeMs(accessToken) ?? 60_000) - 1_000;
    this.access = { token: accessToken, expiresAt: this.now() + lifetime, lifetimeMs: lifetime };
    this.schedule(lifetime);
    const current = this.state;
    if (current.status !== 'authenticated' || JSON.stringify(current.user) !== JSON.stringify(user)) {
      this.setState({ status: 'authenticated', user });
    }
  }

  /** Refreshes ahead of expiry so calls rarely meet an expired token. */
  private schedule(lifetimeMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.refreshAheadMs <= 0) return;
    const delay = Math.max(1_000, lifetimeMs - this.refreshAheadMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh(this.access?.token ?? null).catch(() => {
        // Offline: the next call refreshes on demand.
      });
    }, delay);
  }

  private clear(reason: SessionEndReason | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.access = null;
    if (reason) this.writeStored({ endedReason: reason });
    else this.storage?.removeItem(SESSION_STORAGE_KEY);
    this.setState({ status: 'anonymous', endedReason: reason });
  }

  /** Another tab logged in, out, or rotated the refresh token. */
  private adoptStoredSession(): void {
    const next = this.stateFromStorage();
    const current = this.state;
    if (next.status === 'anonymous') {
      if (current.status === 'authenticated' || current.endedReason !== next.endedReason) {
        if (this.timer) clearTimeout(this.timer);
        this.access = null;
        this.setState(next);
      }
      return;
    }
    if (current.status !== 'authenticated' || current.user.id !== next.user.id) {
      this.access = null;
      this.setState(next);
    } else if (JSON.stringify(current.user) !== JSON.stringify(next.user)) {
      this.setState(next);
    }
  }

  private stateFromStorage(): SessionState {
    const stored = this.readStored();
    if (stored && 'refreshToken' in stored) return { status: 'authenticated', user: stored.user };
    return { status: 'anonymous', endedReason: stored?.endedReason ?? null };
  }

  private readStored(): StoredSession | null {
    const raw = this.storage?.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private writeStored(value: StoredSession): void {
    this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(value));
  }

  /** Stops timers and listeners (tests, hot reload). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') window.removeEventListener('storage', this.onStorage);
    this.listeners.clear();
  }
}
