/**
 * The messages between the fuzz orchestrator and its device workers (one worker thread per
 * simulated device, each with its own RxDB module instance: RxDB's open core allows 13 open
 * collections per process and a device has one per synced collection).
 */

export const COLLECTIONS = [
  'trips',
  'stops',
  'checklistItems',
  'expenses',
  'reservations',
  'documents',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** A replicated document as it travels on the wire (no RxDB meta fields). */
export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

/** Probabilities of the faults a device's fetch wrapper injects into each push request. */
export interface PushFaults {
  /** The server commits and answers, then the device sees a network error (RxDB retries). */
  dropAnswer: number;
  /** The same request is sent twice in a row. */
  duplicate: number;
  /** An earlier push body of the same collection is sent again first (its answer ignored). */
  replay: number;
}

export const NO_FAULTS: PushFaults = { dropAnswer: 0, duplicate: 0, replay: 0 };

export interface DeviceConfig {
  /** O1, O2, O3 (owner), E1 (editor), V1 (viewer). */
  name: string;
  userId: string;
  accessToken: string;
  /** Every server instance; the device prefers `preferred` and fails over on refused connections. */
  instanceUrls: string[];
  preferred: number;
  /** Documents per pull request (tiny pages on some devices). */
  pullBatchSize: number;
  faults: PushFaults;
  /** Seeds the device's own fault decisions. */
  seed: number;
  /** Unique name of the RxDB database. */
  dbName: string;
}

/** One push request as the device's fetch wrapper saw it. */
export interface PushRecord {
  device: string;
  collection: Collection;
  rows: { newDocumentState: Doc; assumedMasterState?: Doc }[];
  /** Why it was sent: by the replication, or as an injected duplicate / replay. */
  kind: 'push' | 'duplicate' | 'replay';
  sentAt: number;
  answeredAt: number;
  /** HTTP status, or null when no answer arrived (network error, server gone). */
  status: number | null;
  /** The conflict answer (master states) of a 200. */
  conflicts: Doc[];
}

/** A write on the device's local database, as the app would make it. */
export type LocalWrite =
  | { kind: 'insert'; collection: Collection; doc: Record<string, unknown> }
  | { kind: 'patch'; collection: Collection; id: string; patch: Record<string, unknown> }
  | { kind: 'remove'; collection: Collection; id: string };

export type WriteOutcome = 'applied' | 'missing' | 'exists';

export type Command =
  | { type: 'open'; config: DeviceConfig }
  /** Live local documents of every collection, RxDB meta fields stripped. */
  | { type: 'view' }
  | { type: 'write'; write: LocalWrite }
  | { type: 'offline'; offline: boolean }
  | { type: 'setFaults'; faults: PushFaults }
  /** Aborts every open live stream (the client reconnects). */
  | { type: 'dropStreams' }
  /** Resolves once every collection is in sync, or answers false after the timeout. */
  | { type: 'sync'; timeoutMs: number }
  | { type: 'reSync' }
  | { type: 'report' }
  /** Stops replication and removes the database. */
  | { type: 'close' };

export type View = Record<Collection, Doc[]>;

/** What happened to a document on a device (for the histories of failing documents). */
export interface DeviceEvent {
  device: string;
  at: number;
  collection: Collection;
  /** A write to the local database (by the app or by the replication), a state received from
   * the server, or a conflict the replication resolved (the merge's output). */
  kind: 'local' | 'received' | 'resolved';
  doc: Doc;
  rev?: string;
}

export interface DeviceReport {
  pushes: PushRecord[];
  events: DeviceEvent[];
  rejections: { collection: string; id: string; status: number; code: string }[];
  errors: number;
}

export interface Results {
  open: null;
  view: View;
  write: WriteOutcome;
  offline: null;
  setFaults: null;
  dropStreams: null;
  sync: boolean;
  reSync: null;
  report: DeviceReport;
  close: null;
}

export interface Request {
  id: number;
  command: Command;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
