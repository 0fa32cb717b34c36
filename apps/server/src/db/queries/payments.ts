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
export type ClaimKind =
  /** PAID orders to confirm, and dropped payments still watched in case they reappear. */
  | { job: 'finalize'; lateSince: Date; reappearedReason: string }
  /** NEW orders whose windows ended before `dueBefore`. */
  | { job: 'expire'; dueBefore: Date };

function claimCondition(kind: ClaimKind): SQL | undefined {
  switch (kind.job) {
    case 'finalize':
      return or(
        and(
          eq(orders.status, 'PAID'),
          inArray(payments.status, ['seen', 'overpaid']),
          isNull(payments.finalizedAt),
        ),
        and(
          eq(payments.status, 'dropped'),
          eq(orders.status, 'EXPIRED'),
          gt(orders.updatedAt, kind.lateSince),
          sql`${payments.reviewReason} is distinct from ${kind.reappearedReason}`,
        ),
      );
    case 'expire':
      return and(eq(orders.status, 'NEW'), lte(orders.expiresAt, kind.dueBefore));
  }
}

/**
 * Leases up to `limit` payments to this claim: rows are picked with FOR UPDATE SKIP LOCKED (two
 * workers never pick the same row) and stamped `claimed_until` / `claimed_by`, so the lease outlives
 * this short transaction while the worker talks to the RPC node. Least recently checked first, so
 * every payment gets its turn. A crashed worker's lease simply runs out.
 */
export async function claimPayments(
  db: Database,
  kind: ClaimKind,
  options: { now: Date; leaseMs: number; limit: number; token: string },
): Promise<PaymentRow[]> {
  const { now } = options;
  const candidates = db
    .select({ id: payments.id })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(
      and(claimCondition(kind), or(isNull(payments.claimedUntil), lt(payments.claimedUntil, now))),
    )
    .orderBy(sql`${payments.lastCheckedAt} asc nulls first`, asc(payments.createdAt))
    .limit(options.limit)
    .for('update', { of: payments, skipLocked: true });
  const claimed = await db
    .update(payments)
    .set({ claimedUntil: new Date(now.getTime() + options.leaseMs), claimedBy: options.token })
    .where(inArray(payments.id, candidates))
    .returning();
  // RETURNING comes in no particular order: put the queue's order back, so the payments waiting
  // longest are worked on first when the budget runs out mid-batch.
  const at = (d: Date | null) => d?.getTime() ?? Number.NEGATIVE_INFINITY;
  return claimed.sort(
    (a, b) =>
      at(a.lastCheckedAt) - at(b.lastCheckedAt) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Extends this claim's lease on one payment before working on it; false when the lease ran out and
 * another worker claimed the row meanwhile (then this worker must leave it alone).
 */
export async function renewClaim(
  db: Database,
  id: string,
  claim: { token: string; until: Date },
): Promise<boolean> {
  const renewed = await db
    .update(payments)
    .set({ claimedUntil: claim.until })
    .where(and(eq(payments.id, id), eq(payments.claimedBy, claim.token)))
    .returning({ id: payments.id });
  return renewed.length > 0;
}

/** Gives a claimed payment back; `checked` moves it to the back of the round-robin queue. */
export async function releaseClaim(
  db: Database,
  id: string,
  claim: { token: string; now: Date; checked: boolean },
) {
  await db
    .update(payments)
    .set({
      claimedUntil: null,
      claimedBy: null,
      ...(claim.checked ? { lastCheckedAt: claim.now } : {}),
    })
    .where(and(eq(payments.id, id), eq(payments.claimedBy, claim.token)));
}

/** An order's payment, locked (payment before order: the lock order recording a transfer uses). */
export async function lockPaymentOfOrder(tx: Database, orderId: string) {
  const [row] = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
  return row;
}

export async function lockPayment(tx: Database, id: string) {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

export async function updatePayment(
  tx: Database,
  id: string,
  values: Partial<
    Pick<
      PaymentRow,
      | 'status'
      | 'txSignature'
      | 'receivedBaseUnits'
      | 'seenAt'
      | 'finalizedAt'
      | 'reviewReason'
      | 'reviewedAt'
    >
  >,
) {
  await tx
    .update(payments)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(payments.id, id));
}

/**
 * The creation time of the oldest payment still watched (open, or ended after `lateSince`): how far
 * back a first walk of the merchant account's history must read.
 */
export async function selectOldestWatchedPayment(db: Database, lateSince: Date) {
  const [row] = await db
    .select({ createdAt: sql<Date | null>`min(${payments.createdAt})`.mapWith(payments.createdAt) })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(or(inArray(orders.status, ['NEW', 'PAID']), gt(orders.updatedAt, lateSince)));
  return row?.createdAt ?? null;
}

export const REVIEW_STATUSES: PaymentStatus[] = ['late', 'underpaid', 'overpaid', 'dropped'];

const inReview = and(
  or(inArray(payments.status, REVIEW_STATUSES), isNotNull(payments.reviewReason)),
  isNull(payments.reviewedAt),
);

/**
 * Payments an admin must look at and has not resolved yet: late ones (refund), underpaid (chase or
 * refund), overpaid (return the change), dropped, and any with a review reason (ambiguous history,
 * a dropped transaction that reappeared).
 */
export async function selectPaymentsForReview(db: Database, page: PageRequest) {
  const k = keyset(payments, page, 'desc');
  return db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(inReview, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit)
    .offset(k.offset);
}

/** One payment with its order, if it is in review (the row is locked for the resolution). */
export async function lockPaymentInReview(tx: Database, id: string) {
  const [row] = await tx
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(eq(payments.id, id), inReview))
    .for('update', { of: payments });
  return row;
}

export async function selectPaymentWithOrder(db: Database, id: string) {
  const [row] = await db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.id, id));
  return row;
}
