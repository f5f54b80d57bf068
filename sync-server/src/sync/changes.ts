import { QueryTypes, type Transaction } from 'sequelize';
import { sqlInt } from '../db/bind.js';
import type { Database } from '../db/database.js';

/** One committed change as the change bus carries it, identified by its change key. */
export type ChangeItem =
  | {
      seq: number;
      kind: 'document';
      collection: string;
      tripId: string;
      json: string;
      /** The pushing replication (see echoKey): its own stream already holds this state. */
      origin?: string;
    }
  | { seq: number; kind: 'access'; userId: string; tripId: string; gained: boolean };

/**
 * What one committed transaction announces: the change keys it used (`first`..`last`, one
 * per item, in order) and its items; `resync` names users whose streams must RESYNC.
 */
export interface ChangeMessage {
  first?: number;
  last?: number;
  items: ChangeItem[];
  resync: string[];
}

/** Who pushed a document: a user's replication (X-Hamgaja-Client), matched by that replication's stream. */
export function echoKey(userId: string, client: string): string {
  return `${userId}\u0000${client}`;
}

/** The changes of one write transaction; it holds the change counter until it commits. */
export class ChangeSet {
  readonly items: ChangeItem[] = [];
  readonly resync = new Set<string>();
  private last: number;

  constructor(
    readonly transaction: Transaction,
    readonly base: number,
  ) {
    this.last = base;
  }

  /** Records a document write and returns its change key; `origin` when it is a pushed state as sent. */
  document(collection: string, tripId: string, json: string, origin?: string): number {
    const seq = ++this.last;
    this.items.push(
      origin === undefined
        ? { seq, kind: 'document', collection, tripId, json }
        : { seq, kind: 'document', collection, tripId, json, origin },
    );
    return seq;
  }

  /** Records that a user gained or lost a trip and returns its change key. */
  access(userId: string, tripId: string, gained: boolean): number {
    const seq = ++this.last;
    this.items.push({ seq, kind: 'access', userId, tripId, gained });
    return seq;
  }

  get used(): number {
    return this.last - this.base;
  }

  message(): ChangeMessage | undefined {
    if (this.used === 0 && this.resync.size === 0) return undefined;
    return {
      ...(this.used > 0 ? { first: this.base + 1, last: this.last } : {}),
      items: this.items,
      resync: [...this.resync],
    };
  }
}

/**
 * Runs fn in a write transaction that first locks the change counter row. Every writer of
 * replicated data or membership goes through here, so change keys are handed out one
 * transaction at a time and the lock is held until commit: key order = commit order, and no
 * key can become visible after a larger one (rule 3). A rollback also rolls the counter back,
 * so committed keys have no gaps. The announcement is published after the commit only.
 */
export async function writeChanges<T>(
  db: Database,
  publish: (message: ChangeMessage) => void,
  fn: (changes: ChangeSet) => Promise<T>,
): Promise<T> {
  let message: ChangeMessage | undefined;
  const result = await db.write(async (t) => {
    const lock = db.dialect === 'mysql' ? ' FOR UPDATE' : '';
    const rows = await db.sequelize.query<{ value: number | string }>(
      `SELECT value FROM sync_counters WHERE name = 'change'${lock}`,
      { type: QueryTypes.SELECT, transaction: t },
    );
    const changes = new ChangeSet(t, Number(rows[0]?.value ?? 0));
    const value = await fn(changes);
    if (changes.used > 0) {
      // A change key is written as a checked integer: bound, MySQL would send it as a DOUBLE.
      await db.sequelize.query(
        `UPDATE sync_counters SET value = ${sqlInt(changes.base + changes.used)} WHERE name = 'change'`,
        { transaction: t },
      );
    }
    message = changes.message();
    return value;
  });
  if (message) publish(message);
  return result;
}

/** The last committed change key (a plain read never sees an uncommitted counter). */
export async function lastChangeKey(db: Database): Promise<number> {
  const rows = await db.sequelize.query<{ value: number | string }>(
    `SELECT value FROM sync_counters WHERE name = 'change'`,
    { type: QueryTypes.SELECT },
  );
  return Number(rows[0]?.value ?? 0);
}
