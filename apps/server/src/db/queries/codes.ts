import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { passCodes, passCodeUsages, referralCodeUsages, users } from '../schema';

/**
 * Takes one use of a pass code with a single conditional UPDATE: of any number of concurrent
 * orders, exactly `max_uses` get a row back. No read-then-write, so nothing can over-count.
 */
export async function consumePassCodeUse(tx: Tx, code: string, now: Date) {
  const [row] = await tx
    .update(passCodes)
    .set({ currentUses: sql`${passCodes.currentUses} + 1` })
    .where(
      and(
        eq(passCodes.code, code),
        lt(passCodes.currentUses, passCodes.maxUses),
        or(isNull(passCodes.expiresAt), gt(passCodes.expiresAt, now)),
      ),
    )
    .returning({ id: passCodes.id, ownerId: passCodes.ownerId });
  return row;
}

/** Why a pass code could not be used (read after the conditional UPDATE found nothing). */
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

/**
 * Takes one use of a referral code, never the buyer's own, within MAX_REFERRAL_USES (null =
 * unlimited) — again one conditional UPDATE on the owner's row.
 */
export async function consumeReferralCodeUse(
  tx: Tx,
  code: string,
  buyerId: string,
  maxUses: number | null,
) {
  const [row] = await tx
    .update(users)
    .set({ referralUses: sql`${users.referralUses} + 1` })
    .where(
      and(
        eq(users.referralCode, code),
        ne(users.id, buyerId),
        maxUses === null ? undefined : lt(users.referralUses, maxUses),
      ),
    )
    .returning({ ownerId: users.id });
  return row;
}

export async function selectReferralCodeOwner(tx: Tx, code: string) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.referralCode, code));
  return row;
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
