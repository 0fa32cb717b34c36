import type { OrderStatus, PaymentStatus } from '@puffy/core';

/**
 * The payment rules, free of I/O so each can be tested on its own: how transfers add up, when a
 * PAID order is final or dropped (when a NEW order expires: expiry-rule.ts).
 */

export interface Settlement {
  status: PaymentStatus;
  /** Sum of every transfer recorded for the payment. */
  received: bigint;
  /** The order is NEW and the transfers now cover its amount. */
  movesToPaid: boolean;
  /** Something an admin must look at (late money, change to return, a shortfall). */
  needsReview: boolean;
}

/**
 * What a payment becomes once a new transfer is recorded, from the sum of all its transfers:
 * - order NEW: the sum reaches the amount → PAID (`overpaid` above it, else `seen`); below → `underpaid`;
 * - order CANCELLED/EXPIRED: money arrived for an order that is over → `late` (to refund);
 * - order already paid (PAID and later): an extra transfer → `overpaid` (the change goes back).
 */
export function settle(input: {
  orderStatus: OrderStatus;
  amount: bigint;
  received: bigint;
}): Settlement {
  const { orderStatus, amount, received } = input;
  if (orderStatus === 'NEW') {
    if (received >= amount) {
      const overpaid = received > amount;
      return {
        status: overpaid ? 'overpaid' : 'seen',
        received,
        movesToPaid: true,
        needsReview: overpaid,
      };
    }
    return { status: 'underpaid', received, movesToPaid: false, needsReview: true };
  }
  if (orderStatus === 'CANCELLED' || orderStatus === 'EXPIRED') {
    return { status: 'late', received, movesToPaid: false, needsReview: true };
  }
  return { status: 'overpaid', received, movesToPaid: false, needsReview: true };
}

export type ChainState = 'finalized' | 'confirmed' | 'missing';

export interface TransferState {
  signature: string;
  amount: bigint;
  state: ChainState;
  /** When the cluster first stopped reporting it (null while it is reported). */
  missingSince: Date | null;
}

/** A transfer that answered `missing` keeps the time it first went missing; one seen again resets. */
export function nextMissingSince(state: ChainState, before: Date | null, now: Date): Date | null {
  if (state !== 'missing') return null;
  return before ?? now;
}

export type Finality =
  | { kind: 'confirm' }
  | { kind: 'wait' }
  /** These transfers have been missing for the whole grace period: confirm with getTransaction. */
  | { kind: 'verify-drop'; signatures: string[] };

/**
 * A PAID order is CONFIRMED once finalized transfers cover its amount. It is a drop candidate only
 * when transfers that have been missing *continuously* for the grace period are needed to reach
 * the amount — one null answer from a lagging node never is.
 */
export function decideFinality(input: {
  amount: bigint;
  transfers: TransferState[];
  now: Date;
  graceMs: number;
}): Finality {
  const { amount, transfers, now, graceMs } = input;
  const sum = (list: TransferState[]) => list.reduce((s, t) => s + t.amount, 0n);
  if (sum(transfers.filter((t) => t.state === 'finalized')) >= amount) return { kind: 'confirm' };
  const goneLong = transfers.filter(
    (t) =>
      t.state === 'missing' &&
      t.missingSince !== null &&
      now.getTime() - t.missingSince.getTime() >= graceMs,
  );
  const rest = transfers.filter((t) => !goneLong.includes(t));
  if (goneLong.length > 0 && sum(rest) < amount) {
    return { kind: 'verify-drop', signatures: goneLong.map((t) => t.signature) };
  }
  return { kind: 'wait' };
}

export function droppedReason(orderStatus: OrderStatus): string {
  return `the payment transaction was missing for the whole grace period and is no longer known to the cluster; the order moved to ${orderStatus} and its stock and codes were released`;
}

export const REAPPEARED_REASON =
  'a transaction of this payment reappeared on chain after the order expired by drop: the order stays EXPIRED (its stock and codes were already released and may have been sold again); refund the buyer or fulfil by hand';
