import { causeChain } from '@puffy/core';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { pino } from 'pino';
import type { Config } from './config';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line (pass and referral codes under their own names). pino paths are case-sensitive and Node lower-cases
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
    'passCode',
    'referralCode',
    'verifier',
    'codeVerifier',
    'state',
    'jwt',
  ].flatMap((key) => [key, `*.${key}`]),
  // `code` alone is the tRPC error code or a SQLSTATE, which a log must keep; a secret code (X's
  // OAuth authorization code) only ever travels in a procedure's input.
  'input.code',
  '*.input.code',
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

/** Error properties that carry query parameters or row values (codes, addresses, emails). */
const VALUE_CARRYING_KEYS = ['params', 'parameters', 'query', 'detail', 'where', 'input'];

function scrubText(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  return (
    text
      // drizzle: "Failed query: <sql>\nparams: <values>"
      .replace(/params: .*$/gm, 'params: [redacted]')
      // Postgres: 'Key (code)=(GENESIS-A) already exists.'
      .replace(/=\([^)]*\)/g, '=([redacted])')
  );
}

/**
 * pino's error serializer, minus the values: a database error would otherwise log the statement's
 * parameters (drizzle puts them in the message) and the offending row (Postgres's `detail`) —
 * pass codes, referral codes, emails. The SQL text, SQLSTATE, constraint and stack stay.
 */
export function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  const scrub = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (VALUE_CARRYING_KEYS.includes(key)) continue;
      out[key] = key === 'message' || key === 'stack' ? scrubText(v) : scrub(v, depth + 1);
    }
    return out;
  };
  const scrubbed = scrub(serialized, 0) as Record<string, unknown>;
  // pino folds causes into the message text; keep the database facts that matter for debugging.
  const codes: Array<Record<string, unknown>> = [];
  for (const link of causeChain(err)) {
    const e = link as Record<string, unknown>;
    if (typeof e.code === 'string') {
      codes.push({
        code: e.code,
        constraint: e.constraint_name ?? e.constraint,
        table: e.table_name,
      });
    }
  }
  if (codes.length > 0) scrubbed.codes = codes;
  return scrubbed;
}

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: serializeError },
  };
}

/**
 * A developer's terminal: one line per record. A request's line is its message (method, path,
 * status, time), so the fields that message already says are not repeated below it.
 */
export const PRETTY_OPTIONS = {
  translateTime: 'SYS:HH:MM:ss.l',
  singleLine: true,
  ignore: 'pid,hostname,reqId,req,statusCode,ms',
} as const;

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
      transport: { target: 'pino-pretty', options: PRETTY_OPTIONS },
    });
  }
  return pino(options);
}
