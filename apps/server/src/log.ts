import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { pino } from 'pino';
import type { Config } from './config';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line. pino paths are case-sensitive and Node lower-cases
 * header names, so the header paths are lower case; the rest cover our own log objects at the top
 * level and one level down (`{ err: { token } }`, `{ input: { signature } }`).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...[
    'authorization',
    'token',
    'accessToken',
    'refreshToken',
    'signature',
    'secret',
    'password',
    'code',
    'passCode',
    'referralCode',
    'verifier',
    'codeVerifier',
    'state',
    'jwt',
  ].flatMap((key) => [key, `*.${key}`]),
];

type RequestLike = { method?: string; url?: string; ip?: string; id?: unknown };

/**
 * Fastify logs the full URL and tRPC queries carry their input in `?input=`; nothing secret should
 * travel in a query, but a client that sends a mutation as a GET by mistake would put it there.
 * Logging the path only makes that mistake harmless.
 */
function serializeRequest(req: RequestLike) {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return { method: req.method, path: q === -1 ? url : url.slice(0, q), ip: req.ip };
}

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: pino.stdSerializers.err },
  };
}

/** JSON in production and tests; pretty lines for a developer's terminal. */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'nodeEnv'>,
  destination?: DestinationStream,
): Logger {
  const options = loggerOptions(config);
  if (destination) return pino(options, destination);
  if (config.nodeEnv === 'development') {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  return pino(options);
}
