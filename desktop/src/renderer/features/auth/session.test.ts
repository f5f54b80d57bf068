import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUp, startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { ApiError } from '../../api/http';
import { SESSION_STORAGE_KEY, SessionManager } from './session';

/** localStorage stand-in for Node: the same Storage interface, kept in memory. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

/** Web Locks stand-in for Node (browsers have navigator.locks): one holder per name at a time. */
function inProcessLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const result = previous.then(callback, callback);
      tails.set(
        name,
        result.catch(() => undefined),
      );
      return result;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
const managers: SessionManager[] = [];

/** Real fetch over TCP, counting the refresh requests this client makes. */
function countingFetch() {
  const counter = { refreshes: 0 };
  const fetchFn = (input: string, init?: RequestInit) => {
    if (input.endsWith('/api/auth/refresh')) counter.refreshes += 1;
    return fetch(input, init);
  };
  return { counter, fetchFn };
}

function newManager(options: Partial<ConstructorParameters<typeof SessionManager>[0]> = {}) {
  const manager = new SessionManager({
    baseUrl: server.url,
    storage: new MemoryStorage(),
    locks: null,
    ...options,
  });
  managers.push(manager);
  return manager;
}

beforeAll(async () => {
  // Two-second access tokens, so expiry happens inside the test.
  server = await startTestServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
});

afterAll(async () => {
  for (const manager of managers) manager.dispose();
  await server.stop();
});

describe('SessionManager against the real server', () => {
  it('logs in, keeps only the refresh token in storage and calls authenticated endpoints', async () => {
    const { email, password } = await signUp(client(server.url), 'Minji');
    const storage = new MemoryStorage();
    const session = newManager({ storage });
    const user = await session.login(email, password);
    expect(user.displayName).toBe('Minji');
    expect(session.getState()).toEqual({ status: 'authenticated', user });
    const stored = JSON.parse(storage.getItem(SESSION_STORAGE_KEY) ?? '{}');
    expect(Object.keys(stored).sort()).toEqual(['refreshToken', 'user']);
    const me = await session.authorized((token) => session.api.getMe(token));
    expect(me.email).toBe(email);
  });

  it('refreshes once for many concurrent calls when the server says token_expired', async () => {
    const { email, password } = await signUp(client(server.url));
    const { counter, fetchFn } = countingFetch();
    // A stalled device clock: the client still trusts its token when the server has expired it.
    const stalled = Date.now();
    const session = newManager({ fetch: fetchFn, refreshAheadMs: 0, now: () => stalled });
    await session.login(email, password);
    await sleep(2_200);
    const stale = await session.accessToken();
    const direct = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${stale}` } });
    expect((await direct.json()).code).toBe('token_expired');

    const answers = await Promise.all(
      Array.from({ length: 6 }, () => session.authorized((token) => session.api.getMe(token))),
    );
    expect(answers.map((me) => me.email)).toEqual(Array(6).fill(email));
    expect(counter.refreshes).toBe(1);
    expect(await session.accessToken()).not.toBe(stale);
  });

  it('refreshes once, ahead of use, when concurrent callers find the token expiring', async () => {
    const { email, password } = await signUp(client(server.url));
    const { counter, fetchFn } = countingFetch();
    const session = newManager({ fetch: fetchFn, refreshAheadMs: 0 });
    await session.login(email, password);
    await sleep(2_100);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => session.authorized((token) => session.api.getMe(token))),
    );
    expect(answers).toHaveLength(5);
    expect(counter.refreshes).toBe(1);
  });

  it('refreshes by itself before the access token expires', async () => {
    const { email, password } = await signUp(client(server.url));
    const { counter, fetchFn } = countingFetch();
    const session = newManager({ fetch: fetchFn, refreshAheadMs: 1_500 });
    await session.login(email, password);
    const first = await session.accessToken();
    expect(counter.refreshes).toBe(0);
    await sleep(1_400);
    expect(counter.refreshes).toBe(1);
    const second = await session.accessToken();
    expect(second).not.toBe(first);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${second}` } });
    expect(me.status).toBe(200);
  });

  it('ends the session with an explanation when its refresh token was reused', async () => {
    const { email, password } = await signUp(client(server.url));
    const storage = new MemoryStorage();
    const session = newManager({ storage, refreshAheadMs: 0 });
    await session.login(email, password);
    const { refreshToken } = JSON.parse(storage.getItem(SESSION_STORAGE_KEY) ?? '{}');
    // Someone else spends the same refresh token first (a stolen copy) and goes on using its
    // successor, so this is no lost answer being retried (those get a grace period).
    const thief = await client(server.url).post('/auth/refresh', { refreshToken });
    expect(thief.status).toBe(200);
    const thiefAgain = await client(server.url).post('/auth/refresh', {
      refreshToken: thief.body.refreshToken,
    });
    expect(thiefAgain.status).toBe(200);

    const error = await session.refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('refresh_token_reused');
    expect(session.getState()).toEqual({ status: 'anonymous', endedReason: 'session_ended' });
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'unauthenticated' });
    // A reload still explains why the user is logged out.
    const reopened = newManager({ storage });
    expect(reopened.getState()).toEqual({ status: 'anonymous', endedReason: 'session_ended' });
  });

  it('says the account was deleted, not just "session ended", to a device that was away then', async () => {
    const { email, password } = await signUp(client(server.url));
    const storage = new MemoryStorage();
    const session = newManager({ storage, refreshAheadMs: 0 });
    await session.login(email, password);
    // Deleted from another device while this one was away.
    const other = newManager({ refreshAheadMs: 0 });
    await other.login(email, password);
    await other.authorized((token) => other.api.deleteMe(token, { password, board: 'delete', trips: {} }));

    const error = await session.refresh().catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('account_deleted');
    expect(session.getState()).toEqual({ status: 'anonymous', endedReason: 'account_deleted' });
    // A reload still knows why (the app removes the local copy and says goodbye).
    expect(newManager({ storage }).getState()).toEqual({
      status: 'anonymous',
      endedReason: 'account_deleted',
    });
  });

  it('lets two tabs refresh at once without spending the same refresh token twice', async () => {
    const { email, password } = await signUp(client(server.url));
    const storage = new MemoryStorage();
    const locks = inProcessLocks();
    const tabA = newManager({ storage, locks, refreshAheadMs: 0 });
    await tabA.login(email, password);
    const tabB = newManager({ storage, locks, refreshAheadMs: 0 });
    expect(tabB.getState().status).toBe('authenticated');

    await Promise.all([tabA.refresh(), tabB.refresh()]);
    expect(tabA.getState().status).toBe('authenticated');
    expect(tabB.getState().status).toBe('authenticated');
    const [meA, meB] = await Promise.all([
      tabA.authorized((t) => tabA.api.getMe(t)),
      tabB.authorized((t) => tabB.api.getMe(t)),
    ]);
    expect(meA.id).toBe(meB.id);
  });

  it('logs out locally at once and revokes the refresh token on the server', async () => {
    const { email, password } = await signUp(client(server.url));
    const storage = new MemoryStorage();
    const session = newManager({ storage });
    await session.login(email, password);
    const { refreshToken } = JSON.parse(storage.getItem(SESSION_STORAGE_KEY) ?? '{}');
    await session.logout();
    expect(session.getState()).toEqual({ status: 'anonymous', endedReason: null });
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    const reuse = await client(server.url).post('/auth/refresh', { refreshToken });
    expect(reuse.status).toBe(401);
  });

  it('maps a wrong password to the invalid_credentials code', async () => {
    const { email } = await signUp(client(server.url));
    const session = newManager();
    await expect(session.login(email, 'not-the-password')).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });
    expect(session.getState().status).toBe('anonymous');
  });
});
