import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { orders, payments } from '../schema';
import type { PaymentRow } from './payments';

/**
 * Open orders whose references the watch lists to find their payments among an unread backlog on
 * the merchant's accounts: the least recently probed first (never-probed, i.e. new, orders lead).
 */
export async function selectPaymentsToProbe(db: Database, limit: number): Promise<PaymentRow[]> {
  if (limit <= 0) return [];
  const rows = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(orders.status, 'NEW'))
    .orderBy(sql`${payments.probedAt} asc nulls first`, asc(payments.createdAt))
    .limit(limit);
  return rows.map((r) => r.payment);
}

export async function markProbed(db: Database, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await db.update(payments).set({ probedAt: at }).where(inArray(payments.id, ids));
}

/** Every payment whose reference is among a transaction's account keys, oldest first. */
export async function selectPaymentsByReferences(db: Database, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(and(inArray(payments.reference, keys)))
    .orderBy(asc(payments.createdAt));
}
