/** Postgres SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when `err` (or a cause of it: drizzle wraps driver errors) is a unique violation, optionally
 * of one named constraint. Works for postgres.js and PGlite errors alike.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (e.code === UNIQUE_VIOLATION) {
      if (constraint === undefined) return true;
      const name = e.constraint_name ?? e.constraint;
      return name === constraint;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
