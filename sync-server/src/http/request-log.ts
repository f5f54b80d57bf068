import type { Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Requests never logged: probes and scrapes every few seconds would drown the rest. */
const unlogged = new Set(['/api/healthz', '/api/metrics']);

/**
 * The path a request line shows: no query string (a pull's checkpoint is kilobytes long, and
 * queries may carry personal search words), and invite codes masked (a code lets its holder
 * join a trip).
 */
export function loggedPath(originalUrl: string): string {
  const path = originalUrl.split('?', 1)[0] ?? '';
  return path.replace(/(\/invites\/)[^/]+/g, '$1…');
}

/** `GET /api/trips 200 12ms`: the line's message, also what the pretty output shows first. */
function message(req: Request, res: Response, responseTime: number): string {
  const aborted = req.readableAborted || !res.writableEnded;
  return `${req.method} ${loggedPath(req.originalUrl)} ${res.statusCode} ${responseTime}ms${aborted ? ' (aborted)' : ''}`;
}

/**
 * The fields of a request line. The request id comes from the request's logger (every line
 * logged while serving it has it); the user id once authentication has run. Headers (request
 * and response, Authorization and cookies redacted by the logger) only at debug level.
 */
function fields(req: Request, res: Response, responseTime: number): Record<string, unknown> {
  const line: Record<string, unknown> = {
    method: req.method,
    path: loggedPath(req.originalUrl),
    status: res.statusCode,
    responseTime,
  };
  if (req.auth?.userId) line.userId = req.auth.userId;
  if (req.readableAborted || !res.writableEnded) line.aborted = true;
  if (req.log.isLevelEnabled('debug')) {
    // The standard serializers: method, url, query, params, headers, remote address; status, headers.
    line.req = req;
    line.res = res;
  }
  return line;
}

/**
 * One concise line per request: method, path, status, duration, request id and user id;
 * 5xx answers at error level. Every request gets an id (a well-formed incoming X-Request-Id
 * or a new UUID), echoed in the X-Request-Id response header; `req.log` carries it.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp<Request, Response>({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // req.log and res.log carry the request id only, not the whole request.
    quietReqLogger: true,
    quietResLogger: true,
    autoLogging: { ignore: (req) => unlogged.has(req.url) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, val: { responseTime: number }) => fields(req, res, val.responseTime),
    customSuccessMessage: (req, res, responseTime) => message(req, res, responseTime),
    // An unexpected error is logged with its stack where it happens (problemHandler); the line stays short.
    customErrorObject: (req, res, _err, val: { responseTime: number }) => fields(req, res, val.responseTime),
    // pino-http passes the duration as a fourth argument its types leave out.
    customErrorMessage: (req, res, _err, responseTime?: number) => message(req, res, responseTime ?? 0),
  });
}
