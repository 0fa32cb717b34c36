import type { OrderStatus, ShippingAddress } from '@puffy/core';
import { and, asc, count, eq, gt, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import {
  orderItems,
  orderStatusEvents,
  orders,
  passCodeUsages,
  payments,
  products,
  referralCodeUsages,
} from '../schema';
import { keyset, type PageRequest } from './pagination';
export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type StatusEventRow = typeof orderStatusEvents.$inferSelect;

/**
 * Serialises requests that carry the same (user, idempotency key) for the rest of the
 * transaction, so a retry storm sees the first order instead of racing it for codes and stock.
 */
export async function lockIdempotencyKey(tx: Tx, userId: string, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}:${key}`}, 0))`);
}

/**
 * Serialises the open-order check of one buyer's concurrent orders: taken after the idempotency
 * lock (every order takes them in that order, so they cannot deadlock).
 */
export async function lockOpenOrdersOf(tx: Tx, userId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`open-orders:${userId}`}, 0))`,
  );
}

/** NEW orders of a buyer still inside their payment window. */
export async function countOpenOrders(tx: Tx, userId: string, now: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.status, 'NEW'), gt(orders.expiresAt, now)));
  return row?.n ?? 0;
}

export async function selectOrderByIdempotencyKey(tx: Tx, userId: string, key: string) {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row;
}

export async function selectProductsForOrder(tx: Tx, ids: string[]) {
  return tx.select().from(products).where(inArray(products.id, ids));
}

/** Conditional decrement: never below zero, so concurrent orders can never oversell. */
export async function takeStock(tx: Tx, productId: string, quantity: number) {
  const [row] = await tx
    .update(products)
    .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: sql`now()` })
    .where(
      and(eq(products.id, productId), eq(products.active, true), gte(products.stock, quantity)),
    )
    .returning({ id: products.id });
  return row !== undefined;
}

/** Gives back every line of an order, in product-id order (the same lock order as takeStock). */
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

type UsageInsert = typeof passCodeUsages.$inferInsert;

/** Everything a new order writes besides its counters; ids are chosen by the caller. */
export interface OrderRecord {
  order: typeof orders.$inferInsert & { id: string };
  items: Array<typeof orderItems.$inferInsert>;
  payment: typeof payments.$inferInsert;
  event: Omit<StatusEventRow, 'id' | 'seq'>;
  passUsage?: UsageInsert | undefined;
  referralUsage?: UsageInsert | undefined;
}

/**
 * Writes the order, its items, its payment request, its first history row and its code-usage
 * audit rows in one statement (data-modifying CTEs): one round trip instead of six. The
 * foreign keys are checked at the end of the statement, when the order row exists.
 */
export async function insertOrderRecord(tx: Tx, record: OrderRecord) {
  const inserts: SQL[] = [
    tx.insert(orders).values(record.order).getSQL(),
    tx.insert(orderItems).values(record.items).getSQL(),
    tx.insert(payments).values(record.payment).getSQL(),
  ];
  if (record.passUsage) inserts.push(tx.insert(passCodeUsages).values(record.passUsage).getSQL());
  if (record.referralUsage) {
    inserts.push(tx.insert(referralCodeUsages).values(record.referralUsage).getSQL());
  }
  const ctes = inserts.map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert})`);
  await tx.execute(
    sql`with ${sql.join(ctes, sql`, `)} ${tx.insert(orderStatusEvents).values(record.event).getSQL()}`,
  );
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
