import { nextStatuses, type Order } from '@puffy/core';
import type { Tx } from '../../db/client';
import {
  type OrderItemRow,
  type OrderRow,
  type PaymentRow,
  type StatusEventRow,
  selectOrderDetails,
} from '../../db/queries/orders';
import { historyMessage, type OrderAudience } from './history-message';
import { solanaPayUrl } from './solana-pay';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The one mapping from an order's rows to the API's Order: explicit fields, nothing stray. */
export function toOrder(
  order: OrderRow,
  items: Array<Pick<OrderItemRow, 'productId' | 'name' | 'unitPriceCents' | 'quantity'>>,
  payment: Pick<
    PaymentRow,
    'recipient' | 'splToken' | 'amount' | 'reference' | 'status' | 'txSignature'
  >,
  events: Array<
    Pick<StatusEventRow, 'fromStatus' | 'toStatus' | 'actor' | 'note' | 'message' | 'createdAt'>
  >,
  audience: OrderAudience,
): Order {
  return {
    id: order.id,
    status: order.status,
    items: items.map((i) => ({
      productId: i.productId,
      name: i.name,
      unitPriceCents: i.unitPriceCents,
      quantity: i.quantity,
    })),
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    totalCents: order.totalCents,
    currency: order.currency,
    shippingAddress: {
      name: order.shippingName,
      email: order.shippingEmail,
      ...(order.shippingPhone === null ? {} : { phone: order.shippingPhone }),
      line1: order.shippingLine1,
      ...(order.shippingLine2 === null ? {} : { line2: order.shippingLine2 }),
      city: order.shippingCity,
      ...(order.shippingState === null ? {} : { state: order.shippingState }),
      postalCode: order.shippingPostalCode,
      country: order.shippingCountry,
    },
    passCode: order.passCode,
    referralCode: order.referralCode,
    payment: {
      url: solanaPayUrl({
        recipient: payment.recipient,
        amount: payment.amount,
        splToken: payment.splToken,
        reference: payment.reference,
        orderId: order.id,
      }),
      recipient: payment.recipient,
      splToken: payment.splToken,
      amount: payment.amount,
      reference: payment.reference,
      status: payment.status,
      txSignature: payment.txSignature,
    },
    trackingNumber: order.trackingNumber,
    history: events.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actor,
      note: audience === 'admin' ? e.note : null,
      message: historyMessage(e.toStatus, e.message),
      at: e.createdAt,
    })),
    nextStatuses: [...nextStatuses(order.status)],
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
  };
}

/** Loads the details of already-authorised order rows and maps them, keeping the rows' order. */
export async function toOrders(
  db: Tx,
  rows: OrderRow[],
  audience: OrderAudience,
): Promise<Order[]> {
  const details = await selectOrderDetails(
    db,
    rows.map((r) => r.id),
  );
  const items = groupBy(details.items, (i) => i.orderId);
  const events = groupBy(details.events, (e) => e.orderId);
  const payments = new Map(details.payments.map((p) => [p.orderId, p]));
  return rows.map((row) => {
    const payment = payments.get(row.id);
    if (!payment) throw new Error(`order ${row.id} has no payment row`);
    return toOrder(row, items.get(row.id) ?? [], payment, events.get(row.id) ?? [], audience);
  });
}

/** One order row, read back with its details (the single-order form of `toOrders`). */
export async function loadOrderView(
  db: Tx,
  row: OrderRow,
  audience: OrderAudience,
): Promise<Order> {
  const [order] = await toOrders(db, [row], audience);
  if (!order) throw new Error(`order ${row.id} vanished`);
  return order;
}
