import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

const require = createRequire(import.meta.url);

/** json: one JSON object per line (production, log collectors); pretty: one readable line (a terminal). */
export type LogFormat = 'json' | 'pretty';

/** Fields of a request line that the pretty message already shows (see http/request-log.ts). */
const shownInMessage = 'pid,hostname,reqId,userId,method,path,status,responseTime,aborted';

/**
 * pino-pretty as a stream in this thread: the server is bundled (build.mjs), so pino's
 * worker-thread transports, loaded by module name, would not resolve. Synchronous, so the
 * last lines before an exit are not lost.
 */
function prettyStream(destination: DestinationStream | undefined) {
  // Loaded only for this format: JSON logging (production) does without it.
  const pinoPretty = require('pino-pretty') as typeof PinoPretty;
  return pinoPretty({
    destination: destination ?? 1,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: shownInMessage,
    singleLine: true,
    messageFormat: (log, messageKey, _level, { colors }) => {
      const ids = [
        typeof log.reqId === 'string' ? `req=${log.reqId}` : '',
        typeof log.userId === 'string' ? `user=${log.userId}` : '',
      ].filter(Boolean);
      const text = String(log[messageKey] ?? '');
      return ids.length > 0 ? `${text} ${colors.gray(ids.join(' '))}` : text;
    },
  });
}

/**
 * The server's logger: JSON lines or pretty lines on stdout (or `destination`, for tests).
 * Credentials are redacted wherever they would appear (request headers are only logged at
 * debug level).
 */
export function createLogger(
  level: string,
  options: { format?: LogFormat; destination?: DestinationStream } = {},
): Logger {
  const settings = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
  };
  if (options.format === 'pretty') return pino(settings, prettyStream(options.destination));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
