import type { OrderStatus } from '@puffy/core';

/** Who reads an order: the buyer never sees admin notes; admins see everything. */
export type OrderAudience = 'buyer' | 'admin';

const DEFAULT_MESSAGES: Record<OrderStatus, string> = {
  NEW: 'Order placed; waiting for payment',
  PAID: 'Payment received',
  CONFIRMED: 'Payment confirmed',
  PROCESSING: 'Being prepared',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Order cancelled',
  EXPIRED: 'Order expired: the payment window ended',
  REFUNDED: 'Refunded',
};

/** The buyer-facing line for a move: the one written with it, or the state's own words. */
export function historyMessage(to: OrderStatus, written: string | null): string {
  return written ?? DEFAULT_MESSAGES[to];
}
