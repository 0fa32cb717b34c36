import type { OrderStatus, PaymentStatus } from '@puffy/core';
import { formatUsdc, surplusOf } from './resolution-policy';

/**
 * Why a payment is in review, in the admin's words, with the running totals of its one item.
 * A reason the worker wrote (an unreadable history, a reappeared transaction) comes first.
 */
export function reviewReason(input: {
  paymentStatus: PaymentStatus;
  orderStatus: OrderStatus;
  writtenReason: string | null;
  received: bigint;
  expected: bigint;
}): string {
  const { paymentStatus, orderStatus, writtenReason, received, expected } = input;
  if (writtenReason !== null) return writtenReason;
  const totals = `received ${formatUsdc(received)} of ${formatUsdc(expected)}`;
  switch (paymentStatus) {
    case 'late':
      return `paid after the order was ${orderStatus} (${totals}): refund it`;
    case 'underpaid':
      return `less than the amount arrived (${totals}, ${formatUsdc(expected - received)} missing); the order is ${orderStatus}: accept it (the order is settled) or refund it (the order is cancelled)`;
    case 'overpaid':
      return `more than the amount arrived (${totals}): return the change of ${formatUsdc(surplusOf(received, expected))}`;
    default:
      return `payment ${paymentStatus}; the order is ${orderStatus}`;
  }
}
