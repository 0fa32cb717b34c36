import type { OrderStatus, PaymentResolution, PaymentStatus } from '@puffy/core';

/**
 * What each review resolution does, free of I/O (the one place to look it up):
 * - `refunded`: money went back. A NEW order ends CANCELLED (stock and codes released; anything
 *   arriving later is late money for review, never a payment); a PAID or CONFIRMED order moves to
 *   REFUNDED (its referral reward, if paid, is taken back once); an order already over stays.
 * - `accepted`: the shop keeps what arrived. A NEW order with money received is settled: PAID for
 *   the amount received, in the same transaction, then confirmed by the usual finality.
 * - `change_returned`: the surplus of an overpaid order went back. The order's state and rewards
 *   are left alone (a CONFIRMED order stays CONFIRMED and can ship).
 * - `dismissed`: a false alarm; nothing changes.
 */
export type ResolutionPlan =
  | {
      ok: true;
      /** The order move this resolution makes, if any. */
      moveTo: OrderStatus | null;
      /** For `accepted` on a NEW order: what the order is settled for. */
      acceptedBaseUnits: bigint | null;
      /** The payment's status after the resolution (null: unchanged). */
      paymentStatus: PaymentStatus | null;
      /** Whether a refund signature is required, and how much it may/must move. */
      refund: RefundRule | null;
    }
  | { ok: false; reason: 'NO_CHANGE_TO_RETURN' | 'NOTHING_TO_ACCEPT'; message: string };

export interface RefundRule {
  required: boolean;
  /** The transaction must move at least this much out of the merchant's account. */
  min: bigint;
  /** … and at most this much. */
  max: bigint;
}

export function planResolution(input: {
  resolution: PaymentResolution;
  orderStatus: OrderStatus;
  /** Sum of every transfer recorded for the payment. */
  received: bigint;
  expected: bigint;
}): ResolutionPlan {
  const { resolution, orderStatus, received, expected } = input;
  const none = { moveTo: null, acceptedBaseUnits: null, paymentStatus: null, refund: null };
  switch (resolution) {
    case 'refunded': {
      const refund = { required: false, min: 1n, max: received };
      if (orderStatus === 'NEW') return { ok: true, ...none, moveTo: 'CANCELLED', refund };
      if (orderStatus === 'PAID' || orderStatus === 'CONFIRMED') {
        return { ok: true, ...none, moveTo: 'REFUNDED', refund };
      }
      return { ok: true, ...none, refund };
    }
    case 'accepted':
      if (orderStatus !== 'NEW') return { ok: true, ...none };
      if (received <= 0n) {
        return {
          ok: false,
          reason: 'NOTHING_TO_ACCEPT',
          message: 'No money has arrived for this order; there is nothing to accept',
        };
      }
      return {
        ok: true,
        ...none,
        moveTo: 'PAID',
        // A NEW order has received less than its price (reaching it would have paid it).
        acceptedBaseUnits: received - surplusOf(received, expected),
        paymentStatus: 'seen',
      };
    case 'change_returned': {
      const surplus = surplusOf(received, expected);
      if (surplus <= 0n) {
        return {
          ok: false,
          reason: 'NO_CHANGE_TO_RETURN',
          message: 'Nothing above the amount arrived; there is no change to return',
        };
      }
      // The change returned is at most the surplus (the buyer's own money beyond the price), and
      // may be less: the merchant may keep a network fee. It must move something.
      return { ok: true, ...none, refund: { required: true, min: 1n, max: surplus } };
    }
    case 'dismissed':
      return { ok: true, ...none };
  }
}

export function surplusOf(received: bigint, expected: bigint): bigint {
  return received > expected ? received - expected : 0n;
}

/** USDC base units as the buyer reads them: "12.34 USDC" (6 decimals, trailing zeros cut to 2). */
export function formatUsdc(baseUnits: bigint): string {
  const negative = baseUnits < 0n;
  const abs = negative ? -baseUnits : baseUnits;
  const whole = abs / 1_000_000n;
  let frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac} USDC`;
}

/** The buyer-facing line in the order's history for a resolution's order move. */
export function buyerMessageFor(input: {
  resolution: PaymentResolution;
  moveTo: OrderStatus;
  amount: bigint | null;
}): string {
  const { resolution, moveTo, amount } = input;
  if (resolution === 'refunded') {
    const what = amount !== null ? `Refunded ${formatUsdc(amount)}` : 'Refunded';
    return moveTo === 'CANCELLED' ? `${what}; the order is cancelled` : what;
  }
  if (resolution === 'accepted' && amount !== null) {
    return `Payment of ${formatUsdc(amount)} accepted; the order is paid`;
  }
  return `Order ${moveTo.toLowerCase()}`;
}

/**
 * Whether a newly recorded transfer opens (or reopens) the payment's review item, and the status
 * the payment is left with. An order has one payment, so one item at most; its running totals
 * (received, expected, surplus) are the payment's. Money below `dust` — a surplus that small on
 * the transfer that paid the order, or a transfer that small arriving afterwards or late — is
 * recorded but opens nothing, so a stranger's 1-unit transfers cannot flood the review list or
 * reopen a dismissed item. A shortfall of any size on an unpaid order is always for review.
 */
export function reviewAfterTransfer(input: {
  settlement: { status: PaymentStatus; movesToPaid: boolean; needsReview: boolean };
  previousStatus: PaymentStatus;
  /** This transfer's amount. */
  amount: bigint;
  received: bigint;
  expected: bigint;
  dust: bigint;
}): { status: PaymentStatus; opensReview: boolean } {
  const { settlement, previousStatus, amount, received, expected, dust } = input;
  if (!settlement.needsReview) return { status: settlement.status, opensReview: false };
  if (settlement.status === 'underpaid' && previousStatus !== 'underpaid') {
    return { status: settlement.status, opensReview: true };
  }
  const big = settlement.movesToPaid ? surplusOf(received, expected) >= dust : amount >= dust;
  if (big) return { status: settlement.status, opensReview: true };
  return { status: settlement.movesToPaid ? 'seen' : previousStatus, opensReview: false };
}
