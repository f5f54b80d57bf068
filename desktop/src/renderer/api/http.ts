import { problemSchema, type Problem } from '@hamgaja/shared';
import type { z } from 'zod';

/** The one error type of the client: the server's problem `code`, or `network` when it was unreachable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never got an answer (offline, DNS, refused connection). */
  get isNetworkError(): boolean {
    return this.code === 'network';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** Sends one JSON request and returns the raw Response; HTTP errors become ApiError. */
export async function send(
  fetchFn: FetchLike,
  baseUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetchFn(`${baseUrl}/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'Network error');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Reads a problem+json answer; anything else becomes a generic error with the HTTP status. */
export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const problem = problemSchema.safeParse(parsed);
  if (problem.success) {
    return new ApiError(
      response.status,
      problem.data.code,
      problem.data.detail ?? problem.data.title,
      problem.data,
    );
  }
  // Proxies (Nginx 502/504) answer in HTML: treat as the server being unreachable.
  const code =
    response.status >= 502 && response.status <= 504
      ? 'network'
      : response.status >= 500
        ? 'internal_error'
        : 'unknown';
  return new ApiError(response.status, code, `HTTP ${response.status}`);
}

/** Sends a request and validates the JSON answer with `schema` (zod at the boundary). */
export async function sendJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  baseUrl: string,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await send(fetchFn, baseUrl, path, options);
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'unknown', `Unexpected answer from ${path}`);
  return parsed.data;
}
