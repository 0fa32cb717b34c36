import type { ErrorReason } from '@puffy/client';

/**
 * What a failed read means to the person waiting for it. Kept free of value imports: the error
 * view is on every page, the catalog's too.
 *  - `not-found`: the thing does not exist for this visitor (an unknown or someone else's id, a
 *    malformed id in the URL). Retrying cannot help.
 *  - `signed-out`: the session is over; signing in again helps.
 *  - `refused`: the shop said no for another reason (its message says why).
 *  - `unavailable`: the shop did not answer, or failed: an outage. Retrying may help.
 */
export type ProblemKind = 'not-found' | 'signed-out' | 'refused' | 'unavailable';

export interface Problem {
  kind: ProblemKind;
  reason: ErrorReason | null;
  details: Readonly<Record<string, unknown>> | null;
}

const SIGNED_OUT: ReadonlySet<string> = new Set([
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'UNAUTHENTICATED',
]);

interface ErrorData {
  httpStatus?: unknown;
  reason?: unknown;
  details?: unknown;
}

/** Reads a tRPC client error (or anything else thrown) without importing the client. */
export function problemOf(error: unknown): Problem {
  const data = (error as { data?: ErrorData | null } | null)?.data ?? null;
  const status = typeof data?.httpStatus === 'number' ? data.httpStatus : null;
  const reason = typeof data?.reason === 'string' ? (data.reason as ErrorReason) : null;
  const details =
    typeof data?.details === 'object' && data.details !== null
      ? (data.details as Record<string, unknown>)
      : null;
  const problem = (kind: ProblemKind): Problem => ({ kind, reason, details });
  // No answer at all (network, timeout) or a server-side failure: an outage.
  if (status === null || status >= 500) return problem('unavailable');
  if (reason !== null && SIGNED_OUT.has(reason)) return problem('signed-out');
  // A malformed id in the URL (VALIDATION_FAILED) is as unknown as a well-formed unknown one.
  if (status === 404 || reason === 'VALIDATION_FAILED') return problem('not-found');
  return problem('refused');
}
