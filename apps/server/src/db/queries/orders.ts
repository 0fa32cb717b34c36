import type { OrderStatus, ShippingAddress } from '@puffy/core';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { orderItems, orderStatusEvents, orders, payments, products } from '../schema';
import { keyset, type PageRequest } from './pagination';
export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type StatusEventRow = typeof orderStatusEvents.$inferSelect;

export async function selectOrderByIdempotencyKey(tx: Tx, userId: string, key: string) {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row;
}

/** Gives back every line of an order, in product-id order (the lock order order.create uses too). */
export async function returnStock(tx: Tx, orderId: string) {
  const lines = await tx
    .select({ productId: orderItems.productId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.productId));
  for (const line of lines) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.quantity}`, updatedAt: sql`now()` })
      .where(eq(products.id, line.productId));
  }
}

/** The shipping address as `orders` stores it: one column per field, absent optionals as NULL. */
export function addressColumns(address: ShippingAddress) {
  return {
    shippingName: address.name,
    shippingEmail: address.email,
    shippingPhone: address.phone ?? null,
    shippingLine1: address.line1,
    shippingLine2: address.line2 ?? null,
    shippingCity: address.city,
    shippingState: address.state ?? null,
    shippingPostalCode: address.postalCode,
    shippingCountry: address.country,
  } satisfies Partial<OrderRow>;
}

export async function insertStatusEvent(tx: Tx, values: typeof orderStatusEvents.$inferInsert) {
  await tx.insert(orderStatusEvents).values(values);
}

/**
 * Whose orders a query may see: a user's id (filtered in SQL, so someone else's order is never
 * loaded), or null for callers that act on any order (admins, the worker). The key is required so
 * that leaving the owner out is a compile error, not a query over everyone's orders.
 */
export interface OrderOwner {
  ownerId: string | null;
}

function ownedBy({ ownerId }: OrderOwner) {
  return ownerId === null ? undefined : eq(orders.userId, ownerId);
}

/** Reads one order, if it exists and belongs to `ownerId`. */
export async function selectOrder(tx: Tx, params: { id: string } & OrderOwner) {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, params.id), ownedBy(params)));
  return row;
}

/** Reads and locks an order row for the rest of the transaction (used where a payment decides). */
export async function lockOrder(tx: Tx, id: string) {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
  return row;
}

/**
 * The guarded transition: changes the status only if it is still `from`. A concurrent move that
 * got there first makes this a no-op (undefined), never a double effect.
 */
export async function updateOrderStatus(
  tx: Tx,
  id: string,
  from: OrderStatus,
  to: OrderStatus,
  extra: { trackingNumber?: string | undefined } = {},
) {
  const [row] = await tx
    .update(orders)
    .set({
      status: to,
      updatedAt: sql`now()`,
      ...(extra.trackingNumber === undefined ? {} : { trackingNumber: extra.trackingNumber }),
    })
    .where(and(eq(orders.id, id), eq(orders.status, from)))
    .returning();
  return row;
}

export interface OrderFilter extends OrderOwner {
  status?: OrderStatus | undefined;
}

/** Newest first; keyset on (created_at, id) with the owner filter in SQL. */
export async function selectOrderPage(tx: Tx, page: PageRequest, filter: OrderFilter) {
  const k = keyset(orders, page, 'desc');
  const where: Array<SQL | undefined> = [k.after, ownedBy(filter)];
  if (filter.status) where.push(eq(orders.status, filter.status));
  return tx
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(...k.orderBy)
    .limit(k.limit)
    .offset(k.offset);
}

/** Items, payments and history of several orders in three queries (no N+1). */
export async function selectOrderDetails(tx: Tx, orderIds: string[]) {
  if (orderIds.length === 0) return { items: [], payments: [], events: [] };
  const [items, paymentRows, events] = await Promise.all([
    tx
      .select()
      .from(orderItems)
      .where(inArray(orderItems.orderId, orderIds))
      .orderBy(asc(orderItems.productId)),
    tx.select().from(payments).where(inArray(payments.orderId, orderIds)),
    tx
      .select()
      .from(orderStatusEvents)
      .where(inArray(orderStatusEvents.orderId, orderIds))
      .orderBy(asc(orderStatusEvents.seq)),
  ]);
  return { items, payments: paymentRows, events };
}
