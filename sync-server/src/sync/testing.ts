import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { QueryTypes } from 'sequelize';
import { isCollectionName, syncedCollections } from '@hamgaja/shared';
import type { Client, TestServer } from '../../test/harness.js';

/** Test support for the sync and sharing suites (not used by the server): valid documents, protocol calls, an SSE reader. */

export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
export const collectionNames = [
  'trips',
  'stops',
  'checklistItems',
  'expenses',
  'reservations',
  'documents',
] as const;
export type CollectionName = (typeof collectionNames)[number];

export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

export function tripDoc(ownerId: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('trip'),
    title: 'Jeju in spring',
    description: 'Canola flowers',
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2025-04-01',
    endDate: '2025-04-04',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 800000,
    coverImage: null,
    notes: '',
    ownerId,
    _deleted: false,
    ...overrides,
  };
}

export function stopDoc(tripId: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('stop'),
    tripId,
    day: 0,
    orderKey: 'a0',
    startTime: '09:00',
    durationMinutes: 120,
    place: { name: 'Seongsan Ilchulbong', lat: 33.4581, lng: 126.9425 },
    category: 'sightseeing',
    cost: { amount: 5000, currency: 'KRW' },
    note: '',
    travelMode: null,
    _deleted: false,
    ...overrides,
  };
}

export function checklistItemDoc(tripId: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('item'),
    tripId,
    text: 'Passport',
    done: false,
    orderKey: 'a0',
    _deleted: false,
    ...overrides,
  };
}

export function expenseDoc(tripId: string, paidBy: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('expense'),
    tripId,
    amount: 32000,
    currency: 'KRW',
    rate: null,
    paidBy,
    splitAmong: [paidBy],
    category: 'food',
    date: '2025-04-01',
    stopId: null,
    note: 'Dinner',
    _deleted: false,
    ...overrides,
  };
}

export function reservationDoc(tripId: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('reservation'),
    tripId,
    type: 'flight',
    title: 'Jeju Air 7C101',
    provider: 'Jeju Air',
    confirmationCode: 'K7X2QP',
    start: { date: '2025-04-01', time: '10:30', timeZone: 'Asia/Seoul' },
    end: { date: '2025-04-01', time: '11:40', timeZone: 'Asia/Seoul' },
    from: { name: 'ICN' },
    to: { name: 'CJU' },
    seats: '14A',
    cost: { amount: 89000, currency: 'KRW' },
    expenseId: null,
    note: '',
    _deleted: false,
    ...overrides,
  };
}

/** Metadata of a travel document (a PDF) in a trip, added by `addedBy`. */
export function documentDoc(tripId: string, addedBy: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId('document'),
    tripId,
    reservationId: null,
    name: 'boarding-pass.pdf',
    mimeType: 'application/pdf',
    size: 1234,
    sha256: 'a'.repeat(64),
    addedBy,
    _deleted: false,
    ...overrides,
  };
}

/** A valid new document of any collection in a trip. */
export function docFor(
  collection: CollectionName,
  tripId: string,
  userId: string,
  overrides: Partial<Doc> = {},
): Doc {
  switch (collection) {
    case 'trips':
      return tripDoc(userId, { id: tripId, ...overrides });
    case 'stops':
      return stopDoc(tripId, overrides);
    case 'checklistItems':
      return checklistItemDoc(tripId, overrides);
    case 'expenses':
      return expenseDoc(tripId, userId, overrides);
    case 'reservations':
      return reservationDoc(tripId, overrides);
    case 'documents':
      return documentDoc(tripId, userId, overrides);
  }
}

/** A harmless edit of a document of any collection. */
export function edited(collection: CollectionName, doc: Doc, marker: string): Doc {
  switch (collection) {
    case 'trips':
      return { ...doc, title: `Trip ${marker}` };
    case 'stops':
      return { ...doc, note: marker };
    case 'checklistItems':
      return { ...doc, text: `Item ${marker}` };
    case 'expenses':
      return { ...doc, note: marker };
    case 'reservations':
      return { ...doc, note: marker };
    case 'documents':
      return { ...doc, name: `Document ${marker}.pdf` };
  }
}

/** The schema-version header of a collection's current version (rule 10); 0 for an unknown name. */
export function schemaHeaders(collection: string): Record<string, string> {
  const version = isCollectionName(collection) ? syncedCollections[collection].version : 0;
  return { 'x-hamgaja-schema-version': String(version) };
}

/** The schema-version header of `trips` (version 0); other collections: schemaHeaders. */
export const V = schemaHeaders('trips');

/** The sync endpoints of one user. */
export function syncClient(api: Client, token: string) {
  return {
    token,
    pull: (collection: string, checkpoint?: string | null, limit?: number) => {
      const params = new URLSearchParams();
      if (checkpoint) params.set('checkpoint', checkpoint);
      if (limit) params.set('limit', String(limit));
      const q = params.toString();
      return api.get<{ documents: Doc[]; checkpoint: string }>(
        `/sync/${collection}/pull${q ? `?${q}` : ''}`,
        { token, headers: schemaHeaders(collection) },
      );
    },
    push: (collection: string, rows: { newDocumentState: Doc; assumedMasterState?: Doc }[]) =>
      api.post<Doc[]>(`/sync/${collection}/push`, rows, { token, headers: schemaHeaders(collection) }),
    /** Pulls from `checkpoint` until a short page; returns every document and the last checkpoint. */
    async pullAll(collection: string, checkpoint?: string | null, limit = 200) {
      const documents: Doc[] = [];
      let cp = checkpoint ?? null;
      for (;;) {
        const res = await this.pull(collection, cp, limit);
        expect(res.status, res.text).toBe(200);
        documents.push(...res.body.documents);
        cp = res.body.checkpoint;
        if (res.body.documents.length < limit) return { documents, checkpoint: cp };
      }
    },
    /** Pushes new documents and expects no conflict. */
    async create(collection: string, docs: Doc[]) {
      const res = await this.push(
        collection,
        docs.map((d) => ({ newDocumentState: d })),
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual([]);
      return docs;
    },
    /** Pushes a change of a document whose master is `before`; expects no conflict. */
    async update(collection: string, before: Doc, after: Doc) {
      const res = await this.push(collection, [{ newDocumentState: after, assumedMasterState: before }]);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual([]);
      return after;
    },
  };
}
export type SyncClient = ReturnType<typeof syncClient>;

/** The latest state per id of a list of pulled documents. */
export function latest(docs: Doc[]): Map<string, Doc> {
  const map = new Map<string, Doc>();
  for (const d of docs) map.set(d.id, d);
  return map;
}

export type StreamEvent = { documents: Doc[]; checkpoint: string } | 'RESYNC';

/** An open SSE stream read over real HTTP: collects events and comments. */
export interface OpenStream {
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /** The events with their SSE event name (a shared stream names each event's collection). */
  named: { event: string | undefined; data: StreamEvent }[];
  comments: string[];
  ended: boolean;
  /** Waits until an event matching `predicate` has arrived (looking at all events so far). */
  waitFor(predicate: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  waitForEnd(timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openStream(
  baseUrl: string,
  collection: string,
  token: string,
  headers: Record<string, string> = schemaHeaders(collection),
  query = '',
): Promise<OpenStream> {
  return readStream(`${baseUrl}/api/sync/${collection}/stream${query}`, token, headers);
}

/** The stream every collection shares (GET /api/sync/stream?streams=…), read over real HTTP. */
export function openSharedStream(baseUrl: string, token: string, streams: string): Promise<OpenStream> {
  return readStream(`${baseUrl}/api/sync/stream?streams=${encodeURIComponent(streams)}`, token, {});
}

async function readStream(url: string, token: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const stream: OpenStream = {
    status: res.status,
    headers: res.headers,
    events: [],
    named: [],
    comments: [],
    ended: false,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stream.events.find(predicate);
        if (found) return found;
        if (stream.ended || Date.now() > deadline) {
          throw new Error(
            `stream event not seen (ended=${stream.ended}); got ${JSON.stringify(stream.events).slice(0, 500)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async waitForEnd(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!stream.ended) {
        if (Date.now() > deadline) throw new Error('stream did not end');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => controller.abort(),
  };
  if (res.status !== 200 || !res.body) {
    stream.ended = true;
    (stream as { body?: unknown }).body = await res.json().catch(() => undefined);
    return stream;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event: string | undefined;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) {
              const data = JSON.parse(line.slice(6)) as StreamEvent;
              stream.events.push(data);
              stream.named.push({ event, data });
            }
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      stream.ended = true;
    }
  })();
  return stream;
}

export const isResync = (e: StreamEvent) => e === 'RESYNC';
export const hasDoc = (id: string) => (e: StreamEvent) =>
  e !== 'RESYNC' && e.documents.some((d) => d.id === id);

/** Every row of the sync and sharing tables, to prove a refused request wrote nothing. */
export async function syncState(server: TestServer) {
  const q = (sql: string) => server.ctx.db.sequelize.query(sql, { type: QueryTypes.SELECT });
  return {
    documents: await q(
      'SELECT collection, id, trip_id, change_seq, deleted, data FROM sync_documents ORDER BY collection, id',
    ),
    sequences: await q('SELECT trip_id, value FROM sync_trip_sequences ORDER BY trip_id'),
    userSequences: await q('SELECT user_id, value FROM sync_user_sequences ORDER BY user_id'),
    members: await q('SELECT trip_id, user_id, role FROM trip_members ORDER BY trip_id, user_id'),
    accessLog: await q(
      'SELECT user_id, change_seq, trip_id, trip_seq, gained FROM trip_access_log ORDER BY user_id, change_seq',
    ),
    invites: await q('SELECT code, role, uses, revoked_at FROM trip_invites ORDER BY code'),
    calendarFeeds: await q(
      'SELECT trip_id, token_hash, created_by, created_at, rotated_at FROM trip_calendar_feeds ORDER BY trip_id',
    ),
  };
}

/** The value of a counter (summed over its labels, or for one label set) on a server's /metrics registry. */
export async function counter(
  server: TestServer,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = server.ctx.metrics.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .filter((v) => !('metricName' in v) || v.metricName === name || v.metricName === `${name}_count`)
    .reduce((sum, v) => sum + v.value, 0);
}
