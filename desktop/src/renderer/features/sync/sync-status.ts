/** What the app knows about syncing with the server, shown by the header pill. */
export type SyncPhase =
  /** Not logged in, or the local database is not open yet. */
  | 'off'
  /** Database open, replication starting (first pull/push not done). */
  | 'starting'
  /** Requests or the live stream are moving data. */
  | 'syncing'
  /** In step with the server, listening for changes. */
  | 'idle'
  /** The last attempt failed; RxDB retries with backoff. */
  | 'error'
  /** The server answered 426: syncing stopped until the app is updated. */
  | 'upgrade'
  /** Another tab of this app holds the replication; its status is mirrored here when known. */
  | 'follower';

export type SyncStatus = {
  online: boolean;
  phase: SyncPhase;
  /** Local changes not yet accepted by the server. */
  pending: number;
  /** Epoch ms of the last completed exchange with the server. */
  lastSyncedAt: number | null;
  /** Problem code of the last failure (an `errors.*` i18n key), null when fine. */
  errorCode: string | null;
  /** The replication's first exchange since it started is still running (shows a progress bar). */
  initialSync: boolean;
  /** Documents received from the server during that first exchange. */
  received: number;
};

/** The single word the pill shows, by priority. */
export type PillState =
  | 'off'
  | 'offline'
  | 'upgrade'
  | 'error'
  | 'syncing'
  | 'pending'
  | 'starting'
  | 'synced';

export function pillState(status: SyncStatus): PillState {
  if (status.phase === 'off') return 'off';
  if (status.phase === 'upgrade') return 'upgrade';
  if (!status.online) return 'offline';
  if (status.phase === 'error') return 'error';
  if (status.phase === 'syncing') return 'syncing';
  if (status.pending > 0) return 'pending';
  if (status.phase === 'starting' || status.phase === 'follower') return 'starting';
  return 'synced';
}

export const initialSyncStatus: SyncStatus = {
  online: true,
  phase: 'off',
  pending: 0,
  lastSyncedAt: null,
  errorCode: null,
  initialSync: false,
  received: 0,
};

/** True while a first sync is moving data and a progress bar should show. */
export function showsSyncProgress(status: SyncStatus): boolean {
  return (
    status.initialSync &&
    status.online &&
    status.phase !== 'error' &&
    status.phase !== 'upgrade' &&
    status.phase !== 'off'
  );
}

/** A tiny external store (useSyncExternalStore) holding the current SyncStatus. */
export class SyncStatusStore {
  private status: SyncStatus;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<SyncStatus> = {}) {
    const online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.status = { ...initialSyncStatus, online, ...initial };
  }

  get = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<SyncStatus>): void {
    const next = { ...this.status, ...change };
    if ((Object.keys(next) as (keyof SyncStatus)[]).every((k) => next[k] === this.status[k])) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }

  /** Follows the browser's online/offline events; returns a stop function. */
  trackConnectivity(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const online = () => this.update({ online: true });
    const offline = () => this.update({ online: false });
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  }
}

/** The problem code inside what RxDB reports on error$ (it wraps handler errors as plain JSON). */
export function syncErrorCode(error: unknown): string {
  const candidates: unknown[] = [error];
  const inner = (error as { parameters?: { errors?: unknown[]; error?: unknown } } | null)?.parameters;
  if (Array.isArray(inner?.errors)) candidates.push(...inner.errors);
  if (inner?.error) candidates.push(inner.error);
  for (const candidate of candidates) {
    const { name, code, message } = (candidate ?? {}) as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (name === 'UpgradeRequiredError' || code === 'upgrade_required') return 'upgrade_required';
    // A silent or missing live stream is a connection problem to the traveller.
    if (code === 'stream_stalled' || code === 'no_stream') return 'network';
    // A proxy's 502/503/504 page (not problem+json): the server is down or restarting.
    if (typeof code === 'string' && /^http_5\d\d$/.test(code)) return 'not_ready';
    if (typeof code === 'string' && /^[a-z_]+$/.test(code) && !code.startsWith('http_')) return code;
    if (typeof message === 'string' && /fetch|network|load failed/i.test(message)) return 'network';
  }
  return 'unknown';
}
