/** An HTTP answer of the sync API that is not a success; `code` is the problem+json code. */
export class SyncHttpError extends Error {
  override name = 'SyncHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The server no longer accepts this app's schema version (426): syncing stops until the app
 * is updated. Emitted on the replication's `error$` so the app can say "update the app".
 */
export class UpgradeRequiredError extends SyncHttpError {
  override name = 'UpgradeRequiredError';
  constructor(message = 'Update the app to keep syncing') {
    super(426, 'upgrade_required', message);
  }
}

/**
 * A local change that did not reach the server and was not kept: the server refused it (403,
 * invalid, too large) or answered with its own state instead (`refused`: the role is too low or
 * access was lost; `deleted_on_server`: deleted there while edited here). The device took the
 * server's state; `document` is the local state that was discarded, for the app to show.
 */
export interface SyncRejection {
  collection: string;
  id: string;
  /** HTTP status, or 409 when a conflict answer discarded the change. */
  status: number;
  code: string;
  message: string;
  /** The local state that was not kept (RxDB meta removed), when known. */
  document?: Record<string, unknown>;
}

/** 401 codes after which a refreshed access token is worth one more try. */
export const RENEWABLE_AUTH_CODES: readonly string[] = ['token_expired', 'invalid_token'];

/**
 * Statuses that mean "this request's documents are refused", as opposed to "try again":
 * validation (400, 422), permission (403) and size (413). Anything else is retried.
 */
export function isRejection(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && [400, 403, 413, 422].includes(error.status);
}

/** Finds our error inside what RxDB puts on `error$` (it wraps handler errors as plain JSON). */
export function isUpgradeRequired(error: unknown): boolean {
  if (error instanceof UpgradeRequiredError) return true;
  const inner = (error as { parameters?: { errors?: { name?: string }[] } } | null)?.parameters?.errors;
  return Array.isArray(inner) && inner.some((e) => e?.name === 'UpgradeRequiredError');
}
