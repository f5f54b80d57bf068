import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { sqlTime } from '../db/bind.js';
import type { Database } from '../db/database.js';
import {
  KTO_ATTRIBUTION,
  ktoItemSchema,
  RecordError,
  toAttractionRow,
  type AttractionRow,
} from './records.js';
import { modifiedTimes, upsertAttractions } from './store.js';

export const TOURAPI_BASE_URL = 'https://apis.data.go.kr/B551011/KorService2';

/** TourAPI result codes worth another try (server-side trouble); the rest mean "fix the request or key". */
const RETRYABLE_CODES = new Set(['01', '02', '04', '05', '99']);
const NO_DATA = '03';

/** A TourAPI failure that retries did not cure (or that no retry can cure). */
export class TourApiError extends Error {
  constructor(
    message: string,
    readonly resultCode?: string,
  ) {
    super(message);
  }
}

/** TourAPI's JSON envelope (the body is absent on error pages; items is "" on an empty page). */
const envelopeSchema = z.object({
  response: z.object({
    header: z.object({ resultCode: z.coerce.string(), resultMsg: z.coerce.string().optional() }),
    body: z
      .object({
        items: z
          .union([
            z.object({
              item: z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]),
            }),
            z.literal(''),
            z.null(),
          ])
          .optional(),
        numOfRows: z.coerce.number().optional(),
        pageNo: z.coerce.number().optional(),
        totalCount: z.coerce.number().optional(),
      })
      .optional(),
  }),
});

export type TourApiPage = { items: Record<string, unknown>[]; totalCount: number };

export type TourApiImportOptions = {
  serviceKey: string;
  baseUrl?: string;
  areaCode?: number;
  contentTypeId?: number;
  /** numOfRows of areaBasedList2 (at most 1000 on TourAPI). */
  pageSize?: number;
  /** Requests per second across list and detail calls. */
  requestsPerSecond?: number;
  retries?: number;
  /** First retry waits this long; each further one twice as long. */
  backoffMs?: number;
  /** Fetch detailCommon2 (overview, homepage) for new or changed attractions. */
  details?: boolean;
  /** With details: fetch detailImage2 (more photos) too. */
  images?: boolean;
  /** Forget the saved cursor and start at page 1. */
  restart?: boolean;
  /** Stop after this many pages (the cursor keeps the place). */
  maxPages?: number;
  onProgress?: (p: TourApiProgress) => void;
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
};
export type TourApiProgress = { page: number; totalPages: number; totalCount: number; imported: number };
export type TourApiImportResult = TourApiProgress & {
  finished: boolean;
  rejected: { contentid: unknown; message: string }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls TourAPI with its common parameters, paced and retried. */
export class TourApiClient {
  private nextSlot = 0;
  private readonly key: string;

  constructor(
    private readonly options: Pick<
      TourApiImportOptions,
      'serviceKey' | 'baseUrl' | 'requestsPerSecond' | 'retries' | 'backoffMs' | 'onRetry'
    >,
  ) {
    // data.go.kr hands out an encoded and a decoded key; URLSearchParams encodes, so send the decoded one.
    this.key = /%[0-9A-F]{2}/i.test(options.serviceKey)
      ? decodeURIComponent(options.serviceKey)
      : options.serviceKey;
  }

  /** Waits for the next request slot (a simple pacer: at most requestsPerSecond starts per second). */
  private async pace() {
    const interval = 1000 / (this.options.requestsPerSecond ?? 5);
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await sleep(slot - now);
  }

  async call(operation: string, params: Record<string, string | number | undefined>): Promise<TourApiPage> {
    const url = new URL(`${(this.options.baseUrl ?? TOURAPI_BASE_URL).replace(/\/$/, '')}/${operation}`);
    const query: Record<string, string> = {
      serviceKey: this.key,
      MobileOS: 'ETC',
      MobileApp: 'Hamgaja',
      _type: 'json',
    };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query[k] = String(v);
    url.search = new URLSearchParams(query).toString();
    const retries = this.options.retries ?? 4;
    for (let attempt = 0; ; attempt += 1) {
      await this.pace();
      const outcome = await this.once(url).catch((err: unknown) => ({
        retry: true as const,
        reason: err instanceof Error ? err.message : String(err),
      }));
      if ('items' in outcome) return outcome;
      if (!outcome.retry || attempt >= retries) {
        throw new TourApiError(
          `${operation}: ${outcome.reason}`,
          'code' in outcome ? outcome.code : undefined,
        );
      }
      const waitMs = (this.options.backoffMs ?? 1000) * 2 ** attempt;
      this.options.onRetry?.({ attempt: attempt + 1, waitMs, reason: outcome.reason });
      await sleep(waitMs);
    }
  }

  private async once(url: URL): Promise<TourApiPage | { retry: boolean; reason: string; code?: string }> {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(30_000),
      headers: { accept: 'application/json' },
    });
    const text = await res.text();
    if (res.status >= 500 || res.status === 429) return { retry: true, reason: `HTTP ${res.status}` };
    // The data.go.kr gateway answers key and quota problems in XML, whatever _type says.
    const gatewayCode = /<returnReasonCode>\s*(\d+)\s*</.exec(text)?.[1];
    if (gatewayCode) {
      const message =
        /<returnAuthMsg>([^<]*)</.exec(text)?.[1] ?? /<errMsg>([^<]*)</.exec(text)?.[1] ?? 'gateway error';
      return {
        retry: RETRYABLE_CODES.has(gatewayCode),
        reason: `${gatewayCode} ${message}`,
        code: gatewayCode,
      };
    }
    if (!res.ok) return { retry: false, reason: `HTTP ${res.status}` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { retry: true, reason: 'the answer is not JSON' };
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) return { retry: false, reason: 'the answer is not in the TourAPI format' };
    const { header, body } = parsed.data.response;
    if (header.resultCode === NO_DATA) return { items: [], totalCount: 0 };
    if (header.resultCode !== '0000' && header.resultCode !== '00') {
      return {
        retry: RETRYABLE_CODES.has(header.resultCode),
        reason: `${header.resultCode} ${header.resultMsg ?? ''}`.trim(),
        code: header.resultCode,
      };
    }
    const item = body?.items ? body.items.item : [];
    return { items: Array.isArray(item) ? item : [item], totalCount: body?.totalCount ?? 0 };
  }
}

type Cursor = {
  next_page: number;
  total_pages: number | null;
  total_count: number | null;
  imported: number;
  finished_at: unknown;
};

async function loadCursor(db: Database, job: string): Promise<Cursor | undefined> {
  const [row] = await db.sequelize.query<Cursor>(
    'SELECT next_page, total_pages, total_count, imported, finished_at FROM catalog_import_jobs WHERE job = $job',
    { bind: { job }, type: QueryTypes.SELECT },
  );
  return row;
}

async function saveCursor(db: Database, job: string, c: Omit<Cursor, 'finished_at'> & { finished: boolean }) {
  const now = new Date();
  await db.write(async (transaction) => {
    await db.sequelize.query('DELETE FROM catalog_import_jobs WHERE job = $job', {
      bind: { job },
      transaction,
    });
    await db.sequelize.query(
      `INSERT INTO catalog_import_jobs (job, next_page, total_pages, total_count, imported, started_at, updated_at, finished_at)
       VALUES ($job, $nextPage, $totalPages, $totalCount, $imported, $now, $now, $finishedAt)`,
      {
        bind: {
          job,
          nextPage: c.next_page,
          totalPages: c.total_pages,
          totalCount: c.total_count,
          imported: c.imported,
          now: sqlTime(db.dialect, now),
          finishedAt: c.finished ? sqlTime(db.dialect, now) : null,
        },
        transaction,
      },
    );
  });
}

/**
 * Imports attractions from TourAPI: pages through areaBasedList2, fetches detailCommon2 for
 * new or changed ones, writes each page, then saves the cursor, so a stopped import resumes
 * at the page after the last one written. Every row keeps the KTO attribution.
 */
export async function importFromTourApi(
  db: Database,
  options: TourApiImportOptions,
): Promise<TourApiImportResult> {
  const client = new TourApiClient(options);
  const pageSize = options.pageSize ?? 100;
  const job = `tourapi:areaBasedList2:area=${options.areaCode ?? 'all'}:type=${options.contentTypeId ?? 'all'}:rows=${pageSize}`;
  const saved = options.restart ? undefined : await loadCursor(db, job);
  const resume = saved && !saved.finished_at;
  let page = resume ? Number(saved.next_page) : 1;
  let imported = resume ? Number(saved.imported) : 0;
  let totalCount = resume ? Number(saved.total_count ?? 0) : 0;
  let totalPages = resume ? Number(saved.total_pages ?? 1) : 1;
  const rejected: TourApiImportResult['rejected'] = [];
  let pagesDone = 0;

  while (page <= totalPages) {
    if (options.maxPages !== undefined && pagesDone >= options.maxPages) break;
    const list = await client.call('areaBasedList2', {
      numOfRows: pageSize,
      pageNo: page,
      arrange: 'D',
      areaCode: options.areaCode,
      contentTypeId: options.contentTypeId,
    });
    totalCount = list.totalCount;
    totalPages = Math.max(1, Math.ceil(totalCount / pageSize));
    const rows: AttractionRow[] = [];
    const ids = list.items.map((i) => Number(i.contentid)).filter(Number.isFinite);
    const known = options.details === false ? new Map() : await modifiedTimes(db, ids);
    for (const listed of list.items) {
      try {
        let fields = listed;
        const id = Number(listed.contentid);
        const unchanged = known.has(id) && known.get(id) === String(listed.modifiedtime ?? '');
        if (options.details !== false && !unchanged) {
          const detail = await client.call('detailCommon2', { contentId: id, numOfRows: 1, pageNo: 1 });
          // The detail has overview, homepage and telname; list fields fill what it leaves out.
          fields = {
            ...listed,
            ...Object.fromEntries(Object.entries(detail.items[0] ?? {}).filter(([, v]) => v !== '')),
          };
          if (options.images !== false) {
            // detailImage2: the photos beyond firstimage, for the detail page's carousel.
            const photos = await client.call('detailImage2', {
              contentId: id,
              imageYN: 'Y',
              numOfRows: 50,
              pageNo: 1,
            });
            fields.images = photos.items
              .filter((p) => typeof p.originimgurl === 'string' && p.originimgurl !== '')
              .map((p) => ({
                url: String(p.originimgurl),
                thumbnailUrl: typeof p.smallimageurl === 'string' ? p.smallimageurl : null,
              }));
          }
        }
        if (unchanged) continue;
        const item = ktoItemSchema.parse(fields);
        rows.push(toAttractionRow(item, { source: 'kto', attribution: KTO_ATTRIBUTION }));
      } catch (error) {
        if (error instanceof TourApiError) throw error;
        const message =
          error instanceof RecordError || !(error as { issues?: unknown }).issues
            ? (error as Error).message
            : (error as z.ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        rejected.push({ contentid: listed.contentid, message });
      }
    }
    await upsertAttractions(db, rows);
    imported += rows.length;
    pagesDone += 1;
    page += 1;
    await saveCursor(db, job, {
      next_page: page,
      total_pages: totalPages,
      total_count: totalCount,
      imported,
      finished: page > totalPages,
    });
    options.onProgress?.({ page: page - 1, totalPages, totalCount, imported });
  }
  return { page: page - 1, totalPages, totalCount, imported, finished: page > totalPages, rejected };
}
