import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { balanceEvents, balances } from '../schema';

/**
 * Credits points for an order once: the balance event's unique (order_id, reason) decides, and the
 * balance moves only if that event was actually inserted — both in the caller's transaction.
 */
export async function insertRewardOnce(
  tx: Database,
  reward: { userId: string; orderId: string; delta: number; reason: string; now: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(balanceEvents)
    .values({
      userId: reward.userId,
      orderId: reward.orderId,
      delta: reward.delta,
      reason: reward.reason,
      createdAt: reward.now,
    })
    .onConflictDoNothing({ target: [balanceEvents.orderId, balanceEvents.reason] })
    .returning({ id: balanceEvents.id });
  if (inserted.length === 0) return false;
  await tx
    .update(balances)
    .set({ points: sql`${balances.points} + ${reward.delta}`, updatedAt: reward.now })
    .where(eq(balances.userId, reward.userId));
  return true;
}

/**
 * Takes back the points an order's event `reason` paid, once: the reversal is its own event
 * (`reversalReason`, unique per order like any other), so a replayed refund finds it and does
 * nothing. Points already spent cannot go below zero: the reversal takes what is left, and its
 * event records exactly what was taken.
 */
export async function reverseRewardOnce(
  tx: Database,
  reversal: { orderId: string; reason: string; reversalReason: string; now: Date },
): Promise<boolean> {
  const [reward] = await tx
    .select({ userId: balanceEvents.userId, delta: balanceEvents.delta })
    .from(balanceEvents)
    .where(
      and(eq(balanceEvents.orderId, reversal.orderId), eq(balanceEvents.reason, reversal.reason)),
    );
  if (!reward || reward.delta <= 0) return false;
  const [balance] = await tx
    .select({ points: balances.points })
    .from(balances)
    .where(eq(balances.userId, reward.userId))
    .for('update');
  const taken = Math.min(reward.delta, balance?.points ?? 0);
  const inserted = await tx
    .insert(balanceEvents)
    .values({
      userId: reward.userId,
      orderId: reversal.orderId,
      delta: -taken,
      reason: reversal.reversalReason,
      createdAt: reversal.now,
    })
    .onConflictDoNothing({ target: [balanceEvents.orderId, balanceEvents.reason] })
    .returning({ id: balanceEvents.id });
  if (inserted.length === 0) return false;
  await tx
    .update(balances)
    .set({ points: sql`${balances.points} - ${taken}`, updatedAt: reversal.now })
    .where(eq(balances.userId, reward.userId));
  return true;
}
