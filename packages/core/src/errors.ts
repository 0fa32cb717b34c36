// Every reason the API can put in `error.data.reason`. A frontend switches on these, so the
// list is data (iterable, testable) and the type is derived from it rather than written twice.
export const ERROR_REASONS = [
  // sign-in and tokens
  'SIGNATURE_INVALID',
  'SESSION_EXPIRED',
  'SESSION_NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  // pass and referral codes
  'PASS_CODE_INVALID',
  'PASS_CODE_EXPIRED',
  'PASS_CODE_EXHAUSTED',
  'PASS_CODE_REQUIRED',
  'PASS_CODE_TAKEN',
  'PRODUCT_SLUG_TAKEN',
  'STOCK_CHANGED',
  'REFERRAL_CODE_INVALID',
  'REFERRAL_CODE_EXHAUSTED',
  'SELF_REFERRAL',
  // ordering
  'COUNTRY_NOT_ELIGIBLE',
  'AGE_NOT_CONFIRMED',
  'OUT_OF_STOCK',
  'PRODUCT_UNAVAILABLE',
  'DUPLICATE_PRODUCT',
  'INVALID_TRANSITION',
  'TRACKING_NUMBER_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'TOO_MANY_OPEN_ORDERS',
  // lookups
  'ORDER_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'USER_NOT_FOUND',
  'PAYMENT_NOT_FOUND',
  // payment review
  'PAYMENT_NOT_IN_REVIEW',
  'REFUND_NOT_FOUND',
  'REFUND_SIGNATURE_USED',
  'REFUND_TOO_LARGE',
  'NO_CHANGE_TO_RETURN',
  'NOTHING_TO_ACCEPT',
  // a buyer's cancel after money arrived (the money needs a refund, not a lost order)
  'ORDER_HAS_PAYMENT',
  // X (Twitter) linking
  'TWITTER_ALREADY_LINKED',
  'TWITTER_NOT_CONFIGURED',
  'TWITTER_STATE_INVALID',
  'TWITTER_EXCHANGE_FAILED',
  'TWITTER_NOT_LINKED',
  // generic
  'INVALID_CURSOR',
  'VALIDATION_FAILED',
  'DEPENDENCY_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

const REASON_SET: ReadonlySet<string> = new Set(ERROR_REASONS);

export function isErrorReason(s: unknown): s is ErrorReason {
  return typeof s === 'string' && REASON_SET.has(s);
}

/**
 * A business rule said no. Domain code throws these; the server maps `reason` to a tRPC code
 * and copies it into `error.data.reason`. `details` must never hold secrets: it may reach clients.
 */
export class DomainError extends Error {
  readonly reason: ErrorReason;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    reason: ErrorReason,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.reason = reason;
    this.details = details === undefined ? undefined : Object.freeze({ ...details });
  }
}

export function isDomainError(e: unknown): e is DomainError {
  if (e instanceof DomainError) return true;
  // A bundler can end up with two copies of this module (e.g. server and a linked package), and
  // then `instanceof` fails for a perfectly good DomainError; fall back to its shape.
  return (
    e instanceof Error &&
    e.name === 'DomainError' &&
    isErrorReason((e as { reason?: unknown }).reason)
  );
}
