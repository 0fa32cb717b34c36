/**
 * When a NEW order whose payment window has ended is EXPIRED, as pure rules.
 *
 * Every payment lands in one of the merchant's token accounts, and the watch lists those accounts'
 * histories completely (a cursor per account). So "nothing paid this order" is read from what the
 * watch has covered, not from the order's reference history (anyone can make that history as long
 * as they like, cheaply): once every merchant account has been listed past the window's end plus
 * the time a transaction takes to land, and every listed transaction that could hold this order's
 * payment has been read, the order is unpaid. Unread listed transactions (a flood, a lagging node)
 * are narrowed with one bounded page of the reference's history; what that cannot rule out holds
 * the order, and an order held too long becomes a review item an admin can end.
 */

/**
 * How long after the window's end a transfer sent inside it is waited for (a transaction is
 * usually confirmed within seconds). One landing later is recorded as late money for review,
 * never lost; a longer wait would only hold unpaid stock longer.
 */
export const LANDING_MARGIN_MS = 15_000;

/** Our clock and the cluster's block times may differ: unread transactions this close count. */
export const BLOCK_TIME_MARGIN_MS = 10 * 60_000;

/** A held order becomes a review item this long after its window ended. */
export const HELD_REVIEW_AFTER_MS = 10 * 60_000;

/** Orders whose windows ended before this time are due for the expiry decision. */
export function expiryDueBefore(now: Date): Date {
  return new Date(now.getTime() - LANDING_MARGIN_MS);
}

/** Unread transactions with block times up to this could hold a payment made in the window. */
export function unreadRelevantUntil(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() + BLOCK_TIME_MARGIN_MS);
}

export interface ExpiryFacts {
  now: Date;
  expiresAt: Date;
  /** The start of the oldest merchant account's last finished walk; null = not listed yet. */
  coveredAt: Date | null;
  /**
   * Unread transactions on the merchant's accounts that could hold this order's payment, after
   * what the bounded read of its reference ruled out; null when they could not be counted.
   */
  unreadCandidates: number | null;
  /** The order moved on (a payment was recorded) while it was being checked. */
  moved: boolean;
}

export type ExpiryDecision =
  /** Unpaid: EXPIRED, stock and codes released. */
  | 'expire'
  /** The order is no longer NEW. */
  | 'moved'
  /** The watch has not listed past the window yet (a moment, or the node is down): ask again. */
  | 'wait'
  /** Unread transactions might pay it: kept NEW (counted toward its buyer's open orders). */
  | 'hold'
  /** Held too long: kept NEW and listed for an admin, who can end it. */
  | 'review';

export function decideExpiry(facts: ExpiryFacts): ExpiryDecision {
  if (facts.moved) return 'moved';
  if (facts.coveredAt === null) return 'wait';
  if (facts.coveredAt.getTime() < facts.expiresAt.getTime() + LANDING_MARGIN_MS) return 'wait';
  if (facts.unreadCandidates === 0) return 'expire';
  const heldFor = facts.now.getTime() - facts.expiresAt.getTime();
  return heldFor >= HELD_REVIEW_AFTER_MS ? 'review' : 'hold';
}

export const HELD_REASON =
  'the payment window ended while transactions on the merchant account that could hold this payment were still unread (a flood or a lagging node); the order stays NEW until they are read, or until an admin ends it (dismissing this item expires the order and releases its stock and codes)';

/** Why both orders named by one transaction are in review (their transfers cannot be told apart). */
export function sharedTransactionReason(signature: string, orders: number): string {
  return `transaction ${signature} names ${orders} orders' references and cannot say which order each unit was for: it paid none of them; credit or refund by hand`;
}
