import { auditTime, combineLatest, map, type Subscription } from 'rxjs';
import { replicateAll, type DatabaseReplication, type HamgajaDatabase } from '@hamgaja/shared';
import type { SessionManager } from '../auth/session';
import { DiscardedCapture } from './discarded-capture';
import type { DiscardedChanges } from './discarded-changes';
import { PendingChanges } from './pending-changes';
import { syncErrorCode, type SyncStatus, type SyncStatusStore } from './sync-status';

export type SyncController = {
  /** Pulls everything new now and retries what failed. */
  syncNow(): void;
  /** Stops replication and status tracking (the database stays open). */
  stop(): Promise<void>;
};

type StatusMessage = { type: 'status'; status: Omit<SyncStatus, 'online'> } | { type: 'hello' };

/**
 * Replicates the user's database with the server and feeds the SyncStatusStore. Every tab
 * calls this; RxDB's leader election lets only one tab replicate, and that tab mirrors its
 * status to the others over a BroadcastChannel.
 */
export function startSync(options: {
  db: HamgajaDatabase;
  session: SessionManager;
  status: SyncStatusStore;
  baseUrl: string;
  /** Where changes the server did not keep are listed for the traveller. */
  discarded?: DiscardedChanges;
}): SyncController {
  const { db, session, status } = options;
  const subscriptions: Subscription[] = [];
  const channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${db.name}-sync-status`);
  let leader = false;
  let stopped = false;

  const replication: DatabaseReplication = replicateAll(db, {
    baseUrl: options.baseUrl,
    getAccessToken: async (request) => {
      if (request?.forceRefresh) await session.refresh();
      return session.accessToken();
    },
    waitForLeadership: true,
  });

  // Local edits not yet accepted by the server (kept across reloads; see PendingChanges).
  const pending = new PendingChanges(
    typeof localStorage === 'undefined' ? null : localStorage,
    `hamgaja.pending.${db.name}`,
  );
  pending.load();
  const pendingCount = () => pending.count;
  const publish = (change: Partial<SyncStatus>) => {
    status.update(change);
    if (leader && channel) {
      const { online: _online, ...shared } = status.get();
      channel.postMessage({ type: 'status', status: shared } satisfies StatusMessage);
    }
  };

  status.update({ phase: 'follower', pending: 0, errorCode: null });
  if (channel) {
    channel.onmessage = (event: MessageEvent<StatusMessage>) => {
      if (event.data.type === 'status' && !leader) status.update(event.data.status);
      if (event.data.type === 'hello' && leader) publish({});
    };
    channel.postMessage({ type: 'hello' } satisfies StatusMessage);
  }

  void db.waitForLeadership().then(() => {
    if (stopped) return;
    leader = true;
    // Reload what a closed leader tab may have saved since this tab started.
    pending.load();
    pending.persist();
    const before = pending.snapshot();
    publish({ phase: 'starting', pending: pendingCount(), errorCode: null, initialSync: true, received: 0 });
    // The first pull and push of this run: a fresh device downloads the whole account here,
    // and whatever earlier runs left unsent goes out.
    void Promise.all(Object.values(replication.replications).map((r) => r.awaitInitialReplication()))
      .then(() => {
        if (stopped) return;
        pending.settle(before);
        publish({ initialSync: false, pending: pendingCount() });
      })
      .catch(() => undefined); // Cancelled by stop().
  });

  for (const [name, collection] of Object.entries(db.collections)) {
    subscriptions.push(
      collection.eventBulks$.subscribe((bulk) => {
        // Writes by the replication itself are the server's state, not pending edits.
        if (bulk.context.startsWith('replication-')) return;
        for (const event of bulk.events) pending.changed(name, event.documentId);
        if (leader) publish({ pending: pendingCount() });
      }),
    );
  }

  let failedSinceActive = false;
  let receivedSinceStart = 0;
  const capture = new DiscardedCapture(db);
  for (const [name, collectionReplication] of Object.entries(replication.replications)) {
    subscriptions.push(
      collectionReplication.sent$.subscribe((doc) => {
        pending.done(name, String((doc as { id?: unknown }).id));
        publish({ pending: pendingCount() });
      }),
    );
  }

  const replications = Object.values(replication.replications);
  subscriptions.push(
    combineLatest(replications.map((r) => r.active$))
      .pipe(map((states) => states.some(Boolean)))
      .subscribe((active) => {
        if (!leader) return;
        if (active) {
          failedSinceActive = false;
          if (status.get().phase !== 'upgrade') publish({ phase: 'syncing' });
          return;
        }
        if (status.get().phase === 'upgrade') return;
        if (failedSinceActive) publish({ phase: 'error' });
        else publish({ phase: 'idle', errorCode: null, lastSyncedAt: Date.now() });
      }),
    replication.error$.subscribe((error) => {
      if (!leader) return;
      failedSinceActive = true;
      const code = syncErrorCode(error);
      publish(
        code === 'upgrade_required'
          ? { phase: 'upgrade', errorCode: code }
          : { phase: 'error', errorCode: code },
      );
    }),
    // A received document proves the connection works again.
    ...replications.map((r) =>
      r.received$.subscribe(() => {
        if (!leader) return;
        const current = status.get();
        if (current.phase === 'error') publish({ phase: 'syncing', errorCode: null });
        if (current.initialSync) receivedSinceStart += 1;
      }),
    ),
    // Counting every document would re-render per document: the count is published per animation frame.
    ...replications.map((r) =>
      r.received$.pipe(auditTime(200)).subscribe(() => {
        if (leader && status.get().initialSync) publish({ received: receivedSinceStart });
      }),
    ),
    // The server did not keep a change (the trip was deleted, the role lowered, …): the device took the
    // server's state; list what was lost so the traveller can read and copy it, and stop counting it as pending.
    replication.rejected$.subscribe((rejection) => {
      pending.done(rejection.collection, rejection.id);
      publish({ pending: pendingCount() });
      void capture
        .entryFor(rejection)
        .then((entry) => options.discarded?.add(entry))
        .catch((error: unknown) => console.error('Recording a discarded change failed', error));
    }),
  );

  const stopConnectivity = typeof window === 'undefined' ? () => undefined : status.trackConnectivity();
  const onOnline = () => replication.reSync();
  // A reload or a closed tab must not lose the last changes of the pending list.
  const onPageHide = () => pending.flush();
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('pagehide', onPageHide);
  }

  return {
    syncNow() {
      replication.reSync();
    },
    async stop() {
      stopped = true;
      pending.flush();
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('pagehide', onPageHide);
      }
      stopConnectivity();
      capture.stop();
      for (const subscription of subscriptions) subscription.unsubscribe();
      channel?.close();
      await replication.stop();
      status.update({
        phase: 'off',
        pending: 0,
        errorCode: null,
        lastSyncedAt: null,
        initialSync: false,
        received: 0,
      });
    },
  };
}
