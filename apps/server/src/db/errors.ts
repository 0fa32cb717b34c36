import { causeChain, findCause } from '@puffy/core';

/** Postgres SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';
/** statement_timeout fired. */
const QUERY_CANCELED = '57014';
/** Connection exceptions (08), insufficient resources (53), operator intervention / shutdown (57P0x). */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0)/;
/** postgres.js and Node socket codes that mean "the database is not there right now". */
const UNAVAILABLE_CLIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

type DriverError = { code?: unknown; constraint_name?: unknown; constraint?: unknown };

function codeOf(e: unknown): unknown {
  return (e as DriverError).code;
}

/**
 * True when `err` (or a cause of it: drizzle wraps driver errors) is a unique violation, optionally
 * of one named constraint. Works for postgres.js and PGlite errors alike.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const violation = findCause(err, (e) => codeOf(e) === UNIQUE_VIOLATION) as
    | DriverError
    | undefined;
  if (violation === undefined) return false;
  return (
    constraint === undefined || (violation.constraint_name ?? violation.constraint) === constraint
  );
}

/**
 * True when `err` (or a cause) says the database cannot answer right now — connection lost or
 * refused, server shutting down or out of resources, or our statement timeout — as opposed to a
 * query the database refused on its merits.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const code = codeOf(e);
    if (typeof code !== 'string') continue;
    if (UNAVAILABLE_CLIENT_CODES.has(code)) return true;
    if (code === QUERY_CANCELED || UNAVAILABLE_SQLSTATE.test(code)) return true;
  }
  return false;
}
