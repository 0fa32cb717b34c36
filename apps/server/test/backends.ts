/**
 * Which real servers the suite may use. Tests read the environment directly (the app never does
 * outside config.ts): CI sets both URLs, a laptop may set neither.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || undefined;
export const TEST_REDIS_URL = process.env.REDIS_URL || undefined;

export const usesRealPostgres = TEST_DATABASE_URL !== undefined;
export const usesRealRedis = TEST_REDIS_URL !== undefined;

export function describeBackends(): string {
  const db = usesRealPostgres ? 'real Postgres (DATABASE_URL)' : 'embedded PGlite (in memory)';
  const store = usesRealRedis ? 'real Redis (REDIS_URL)' : 'in-memory store';
  return `database: ${db}; store: ${store}`;
}
