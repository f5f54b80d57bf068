/**
 * Local-only mode of the desktop app: no account, no server. The renderer learns it from the
 * preload (`window.hamgaja.connection.mode === 'local'`); the web build never is in it.
 * The app then runs as a fixed local profile: its session is always "signed in" as a
 * pseudo-user whose id names the local database, and nothing ever calls the server.
 */
import type { SignupRequest, User } from '@hamgaja/shared';
import { desktopApi } from '../../../desktop-api/desktop';
import { ApiError, type FetchLike } from '../../api/http';
import { SessionManager, type SessionState } from '../auth/session';

/** The user id (and database name suffix) of the local profile: never a server id (those are UUIDs). */
export const LOCAL_PROFILE_ID = 'local';

/** Set once the local profile was used on this computer: only then is there local data to upload. */
export const LOCAL_PROFILE_USED_KEY = 'hamgaja.localProfile.used';

/** The desktop connection page (CONNECTION_PAGE_PATH in desktop-api/connection-page; not imported to keep zod out of the web bundle). */
export const CONNECTION_PAGE_PATH = '/_desktop/connection.html';

/** True in the desktop app set to local only (read once: changing the connection reloads the window). */
export function isLocalOnly(): boolean {
  return desktopApi()?.connection.mode === 'local';
}

/** The desktop app with a server chosen (the only place local trips may wait for an upload). */
export function isDesktopServerMode(): boolean {
  return desktopApi()?.connection.mode === 'server';
}

/** Opens the desktop connection settings (server or local only); false on the web. */
export function openConnectionSettings(): boolean {
  if (!desktopApi()) return false;
  window.location.assign(CONNECTION_PAGE_PATH);
  return true;
}

/** The pseudo-user of the local profile; the header shows a translated name instead of `displayName`. */
export const localUser: User = Object.freeze({
  id: LOCAL_PROFILE_ID,
  email: '',
  displayName: 'On this computer',
  phone: null,
  address: null,
  locale: 'ko',
  createdAt: '1970-01-01T00:00:00.000Z',
});

const noServer = (): ApiError =>
  new ApiError(0, 'local_only', 'Hamgaja is set to local only: there is no server to call');

/** Never reaches the network: every would-be server call fails at once. */
const refuseFetch: FetchLike = () => Promise.reject(noServer());

/**
 * The session of the local profile: always authenticated as `localUser`, never refreshing,
 * logging in or out, and never calling the server (calls needing a token fail with `local_only`).
 */
export class LocalSessionManager extends SessionManager {
  private readonly localState: SessionState = { status: 'authenticated', user: localUser };

  constructor() {
    super({ baseUrl: '', fetch: refuseFetch, locks: null, refreshAheadMs: 0 });
    try {
      localStorage.setItem(LOCAL_PROFILE_USED_KEY, '1');
    } catch {
      // Storage unavailable: the upload offer just never appears.
    }
  }

  override getState = (): SessionState => this.localState;

  override get user(): User {
    return localUser;
  }

  override login(_email: string, _password: string): Promise<User> {
    return Promise.reject(noServer());
  }

  override signup(_request: SignupRequest): Promise<User> {
    return Promise.reject(noServer());
  }

  override logout(): Promise<void> {
    return Promise.resolve();
  }

  override forget(): void {}

  override updateUser(_user: User): void {}

  override accessToken(): Promise<string> {
    return Promise.reject(noServer());
  }

  override authorized<T>(_call: (accessToken: string) => Promise<T>): Promise<T> {
    return Promise.reject(noServer());
  }

  override refresh(): Promise<void> {
    return Promise.reject(noServer());
  }
}
