import { type ErrorReason, isErrorReason } from '@puffy/core';
import type { AppRouter } from '@puffy/server/router';
import { TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { createPuffyClient } from './client';

/** The API's router type (type-only: no server code reaches a bundle through it). */
export type { AppRouter };

/** What each procedure takes, as the caller writes it (before defaults): `RouterInputs['product']['list']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure returns, Dates and all: `RouterOutputs['product']['list']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
/** The client `createPuffyClient` returns. */
export type PuffyClient = ReturnType<typeof createPuffyClient>;
/** The error every failed call rejects with, typed for this API (`data.code`, `data.reason`, ...). */
export type PuffyError = TRPCClientError<AppRouter>;

export { TRPCClientError };

/** Whether `err` is the error a client call rejects with (a server error, timeout or abort). */
export function isPuffyError(err: unknown): err is PuffyError {
  return err instanceof TRPCClientError;
}

/**
 * The server's reason for refusing a call (`error.data.reason`), such as `'PRODUCT_NOT_FOUND'`;
 * null for network failures, timeouts, aborts, and anything this client does not know.
 */
export function errorReason(err: unknown): ErrorReason | null {
  if (!isPuffyError(err)) return null;
  const reason: unknown = err.data?.reason;
  return isErrorReason(reason) ? reason : null;
}
