import {
  and,
  asc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../client';
import { orders, payments } from '../schema';
import { keyset, type PageRequest } from './pagination';

export type PaymentRow = typeof payments.$inferSelect;
type PaymentStatus = PaymentRow['status'];

/** Which payments a job wants; each becomes a WHERE clause over payments ⋈ orders. */
export type ClaimKind = { job: 'watch'; lateSince: Date } | { job: 'finalize' } | { job: 'expire' };

function claimCondition(kind: ClaimKind, now: Date): SQL | undefined {
  switch (kind.job) {
    case 'watch':
      // Open orders, and orders that ended recently (a payment for them is recorded as late).
      return and(
        inArray(payments.status, ['pending', 'underpaid']),
        or(
          eq(orders.status, 'NEW'),
          and(
            inArray(orders.status, ['CANCELLED', 'EXPIRED']),
            gt(orders.updatedAt, kind.lateSince),
          ),
        ),
      );
    case 'finalize':
      return and(
        eq(orders.status, 'PAID'),
        isNotNull(payments.txSignature),
        inArray(payments.status, ['seen', 'overpaid']),
        isNull(payments.finalizedAt),
      );
    case 'expire':
      return and(eq(orders.status, 'NEW'), lte(orders.expiresAt, now));
  }
}

/**
 * Leases up to `limit` payments to this worker: rows are picked with FOR UPDATE SKIP LOCKED (two
 * workers never pick the same row) and stamped `claimed_until`, so the lease outlives this short
 * transaction while the worker talks to the RPC node. A crashed worker's lease simply runs out.
 */
export async function claimPayments(
  db: Database,
  kind: ClaimKind,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<PaymentRow[]> {
  const { now } = options;
  const candidates = db
    .select({ id: payments.id })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(
      and(
        claimCondition(kind, now),
        or(isNull(payments.claimedUntil), lt(payments.claimedUntil, now)),
      ),
    )
    .orderBy(sql`${payments.lastCheckedAt} asc nulls first`, asc(payments.createdAt))
    .limit(options.limit)
    .for('update', { of: payments, skipLocked: true });
  return db
    .update(payments)
    .set({ claimedUntil: new Date(now.getTime() + options.leaseMs) })
    .where(inArray(payments.id, candidates))
    .returning();
}

export async function releaseClaim(db: Database, id: string, now: Date) {
  await db
    .update(payments)
    .set({ claimedUntil: null, lastCheckedAt: now })
    .where(eq(payments.id, id));
}

export async function lockPayment(tx: Database, id: string) {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

export async function updatePayment(
  tx: Database,
  id: string,
  values: Partial<
    Pick<PaymentRow, 'status' | 'txSignature' | 'receivedBaseUnits' | 'seenAt' | 'finalizedAt'>
  >,
) {
  await tx
    .update(payments)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(payments.id, id));
}

export async function selectPaymentBySignature(tx: Database, signature: string) {
  const [row] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.txSignature, signature));
  return row;
}

export const REVIEW_STATUSES: PaymentStatus[] = ['late', 'underpaid', 'overpaid'];

/** Payments an admin must look at (refund late ones, chase underpaid, return overpaid change). */
export async function selectPaymentsForReview(db: Database, page: PageRequest) {
  const k = keyset(payments, page, 'desc');
  return db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(inArray(payments.status, REVIEW_STATUSES), k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit)
    .offset(k.offset);
}
