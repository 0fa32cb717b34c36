import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { passCodes, passCodeUsages, referralCodeUsages, users } from '../schema';

/** One pass code as it stands: why `code.check` would refuse it. */
export async function selectPassCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(passCodes).where(eq(passCodes.code, code));
  return row;
}

export async function releasePassCodeUse(tx: Tx, code: string) {
  await tx
    .update(passCodes)
    .set({ currentUses: sql`${passCodes.currentUses} - 1` })
    .where(and(eq(passCodes.code, code), gt(passCodes.currentUses, 0)));
}

/** The referral code's owner and how often it was used: why `code.check` would refuse it. */
export async function selectReferralCodeStanding(tx: Tx, code: string) {
  const [row] = await tx
    .select({ id: users.id, uses: users.referralUses })
    .from(users)
    .where(eq(users.referralCode, code));
  return row;
}

export async function releaseReferralCodeUse(tx: Tx, code: string) {
  await tx
    .update(users)
    .set({ referralUses: sql`${users.referralUses} - 1` })
    .where(and(eq(users.referralCode, code), gt(users.referralUses, 0)));
}

/** Marks the order's usage rows released; returns how many were still held (0 or 1 each). */
export async function releaseUsagesOfOrder(tx: Tx, orderId: string, now: Date) {
  const pass = await tx
    .update(passCodeUsages)
    .set({ releasedAt: now })
    .where(and(eq(passCodeUsages.orderId, orderId), isNull(passCodeUsages.releasedAt)))
    .returning({ code: passCodeUsages.code });
  const referral = await tx
    .update(referralCodeUsages)
    .set({ releasedAt: now })
    .where(and(eq(referralCodeUsages.orderId, orderId), isNull(referralCodeUsages.releasedAt)))
    .returning({ code: referralCodeUsages.code, ownerId: referralCodeUsages.codeOwnerId });
  return { pass, referral };
}

export async function selectReferralUsageOfOrder(tx: Tx, orderId: string) {
  const [row] = await tx
    .select({ ownerId: referralCodeUsages.codeOwnerId })
    .from(referralCodeUsages)
    .where(and(eq(referralCodeUsages.orderId, orderId), isNull(referralCodeUsages.releasedAt)));
  return row;
}

export async function insertPassCode(tx: Tx, values: typeof passCodes.$inferInsert) {
  const [row] = await tx.insert(passCodes).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function selectPassCodesOfOwner(tx: Tx, ownerId: string) {
  return tx
    .select()
    .from(passCodes)
    .where(eq(passCodes.ownerId, ownerId))
    .orderBy(passCodes.createdAt, passCodes.id)
    .limit(100);
}
