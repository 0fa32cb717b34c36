import { causeChain, type ErrorReason, findCause, isDomainError } from '@puffy/core';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isDatabaseUnavailable } from '../db/errors';
import { DeadlineExceededError } from '../lib/deadline';
import { StoreUnavailableError } from '../store/types';

/**
 * Every reason maps to exactly one tRPC code. A Record over the union means a new reason in core
 * fails to compile here until someone decides its code.
 */
export const REASON_CODES: Readonly<Record<ErrorReason, TRPC_ERROR_CODE_KEY>> = {
  SIGNATURE_INVALID: 'UNAUTHORIZED',
  SESSION_EXPIRED: 'UNAUTHORIZED',
  SESSION_NOT_FOUND: 'UNAUTHORIZED',
  TOKEN_INVALID: 'UNAUTHORIZED',
  TOKEN_EXPIRED: 'UNAUTHORIZED',
  TOKEN_REVOKED: 'UNAUTHORIZED',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PASS_CODE_INVALID: 'PRECONDITION_FAILED',
  PASS_CODE_EXPIRED: 'PRECONDITION_FAILED',
  PASS_CODE_EXHAUSTED: 'CONFLICT',
  PASS_CODE_REQUIRED: 'PRECONDITION_FAILED',
  PASS_CODE_TAKEN: 'CONFLICT',
  PRODUCT_SLUG_TAKEN: 'CONFLICT',
  STOCK_CHANGED: 'CONFLICT',
  REFERRAL_CODE_INVALID: 'PRECONDITION_FAILED',
  REFERRAL_CODE_EXHAUSTED: 'CONFLICT',
  SELF_REFERRAL: 'PRECONDITION_FAILED',
  COUNTRY_NOT_ELIGIBLE: 'PRECONDITION_FAILED',
  AGE_NOT_CONFIRMED: 'PRECONDITION_FAILED',
  OUT_OF_STOCK: 'CONFLICT',
  PRODUCT_UNAVAILABLE: 'PRECONDITION_FAILED',
  DUPLICATE_PRODUCT: 'BAD_REQUEST',
  INVALID_TRANSITION: 'PRECONDITION_FAILED',
  TRACKING_NUMBER_REQUIRED: 'BAD_REQUEST',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  PRODUCT_NOT_FOUND: 'NOT_FOUND',
  USER_NOT_FOUND: 'NOT_FOUND',
  PAYMENT_NOT_FOUND: 'NOT_FOUND',
  PAYMENT_NOT_IN_REVIEW: 'PRECONDITION_FAILED',
  // The chain does not show the refund the admin names (yet, or at all).
  REFUND_NOT_FOUND: 'PRECONDITION_FAILED',
  REFUND_SIGNATURE_USED: 'CONFLICT',
  REFUND_TOO_LARGE: 'PRECONDITION_FAILED',
  NO_CHANGE_TO_RETURN: 'PRECONDITION_FAILED',
  NOTHING_TO_ACCEPT: 'PRECONDITION_FAILED',
  // The buyer can fix it: ask the shop for a refund.
  ORDER_HAS_PAYMENT: 'PRECONDITION_FAILED',
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  // The buyer can fix it: pay or cancel an open order.
  TOO_MANY_OPEN_ORDERS: 'PRECONDITION_FAILED',
  TWITTER_ALREADY_LINKED: 'CONFLICT',
  TWITTER_NOT_CONFIGURED: 'PRECONDITION_FAILED',
  TWITTER_STATE_INVALID: 'BAD_REQUEST',
  TWITTER_EXCHANGE_FAILED: 'BAD_REQUEST',
  TWITTER_NOT_LINKED: 'PRECONDITION_FAILED',
  INVALID_CURSOR: 'BAD_REQUEST',
  VALIDATION_FAILED: 'BAD_REQUEST',
  DEPENDENCY_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** A TRPCError that carries a reason for `error.data.reason`. */
export class ReasonedTRPCError extends TRPCError {
  readonly reason: ErrorReason;

  constructor(reason: ErrorReason, message: string, cause?: unknown) {
    super({ code: REASON_CODES[reason], message, cause });
    this.reason = reason;
  }
}

/** Store outages, our own deadlines and database outages: retrying later may well succeed. */
export function isDependencyFailure(err: unknown): boolean {
  const ours = findCause(
    err,
    (e) => e instanceof StoreUnavailableError || e instanceof DeadlineExceededError,
  );
  return ours !== undefined || isDatabaseUnavailable(err);
}

/** Turns a thrown domain or dependency error into the TRPCError a client should see. */
export function toClientError(err: unknown): ReasonedTRPCError | undefined {
  for (const e of causeChain(err)) {
    if (e instanceof ReasonedTRPCError) return e;
    if (isDomainError(e)) return new ReasonedTRPCError(e.reason, e.message, e);
  }
  if (isDependencyFailure(err)) {
    return new ReasonedTRPCError(
      'DEPENDENCY_UNAVAILABLE',
      'A service this request needs is unavailable; try again shortly',
      err,
    );
  }
  return undefined;
}
