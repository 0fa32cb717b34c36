import type { OrderStatus } from '@puffy/client';

/** How an order's status reads to a buyer. */
export const STATUS_TEXT: Record<OrderStatus, string> = {
  NEW: 'Awaiting payment',
  PAID: 'Payment received, waiting for finality',
  CONFIRMED: 'Payment confirmed',
  PROCESSING: 'Being packed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
  REFUNDED: 'Refunded',
};

/**
 * How often to ask the API while the order may still change by itself: fast while a payment is
 * on its way (the worker moves NEW → PAID → CONFIRMED), slowly while an admin fulfils it.
 */
export function pollInterval(status: OrderStatus | undefined): number | false {
  if (status === 'NEW' || status === 'PAID') return 1000;
  if (status === 'CONFIRMED' || status === 'PROCESSING' || status === 'SHIPPED') return 10_000;
  return false;
}
