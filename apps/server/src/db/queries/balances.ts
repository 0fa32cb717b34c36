import { eq, sql } from 'drizzle-orm';
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
