/**
 * RxDB replication with the Hamgaja sync server (browser, Electron renderer, Node 22+).
 *
 *   const db = await createDatabase({ storage: getRxStorageLog(), name: `hamgaja-${userId}`, userId });
 *   const sync = replicateAll(db, { baseUrl: '', getAccessToken: ({ forceRefresh } = {}) => session.token(forceRefresh) });
 *   sync.error$.subscribe((e) => { if (isUpgradeRequired(e)) showUpdateTheApp(); });
 *   sync.rejected$.subscribe((r) => showNotSaved(r));   // refused by the server for good
 *   await sync.stop();                                  // on logout
 */
export * from './errors.js';
export * from './backoff.js';
export * from './tokens.js';
export * from './api.js';
export * from './stream.js';
export * from './replicate.js';
export * from './database.js';
export type { Fetch, FetchInit, FetchResponse } from './runtime.js';
