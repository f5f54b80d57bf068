import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { Problem, ProblemCode } from '@hamgaja/shared';

/** The one error type of the server: a stable code, an HTTP status and a short title. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
    readonly errors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new AppError(400, 'validation_failed', message);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);

/** Turns a zod failure into a 400 listing each bad field. */
export function validationError(error: ZodError): AppError {
  return new AppError(
    400,
    'validation_failed',
    'The request has invalid fields',
    error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  );
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  extra?: Partial<Problem>,
): Problem {
  return {
    type: `urn:hamgaja:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

const codeByStatus: Record<number, ProblemCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  426: 'upgrade_required',
  429: 'rate_limited',
};

/** Maps body-parser and router failures (http-errors with a 4xx status) to stable codes. */
function fromHttpError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as {
    type?: unknown;
    status?: unknown;
    statusCode?: unknown;
    code?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Unsupported body encoding');
  }
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  // zlib errors surface untyped from body-parser when a gzip/deflate/br body is corrupt.
  if (typeof e.code === 'string' && /^(Z_|ERR__)/.test(e.code)) {
    return new AppError(400, 'invalid_json', 'The request body could not be decompressed');
  }
  const message =
    e.expose === true && typeof e.message === 'string' ? e.message : (titles[status] ?? 'Bad request');
  return new AppError(status, codeByStatus[status] ?? 'validation_failed', message);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

/** The single place where errors become RFC 9457 problem+json answers. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof AppError ? err : fromHttpError(err);
  const appError = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side');
  if (!known) req.log?.error({ err }, 'unhandled error');
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [k, v] of Object.entries(appError.headers ?? {})) res.setHeader(k, v);
  res
    .status(appError.status)
    .type('application/problem+json')
    .json(
      problemBody(appError.status, appError.code, appError.message, {
        instance: req.originalUrl,
        ...(appError.errors ? { errors: appError.errors } : {}),
      }),
    );
};
