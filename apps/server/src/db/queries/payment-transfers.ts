import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { paymentResolutions, paymentTransfers } from '../schema';

export type TransferRow = typeof paymentTransfers.$inferSelect;
export type ResolutionRow = typeof paymentResolutions.$inferSelect;

/** Records one transfer; false if its signature was already recorded (for any payment). */
export async function insertTransfer(
  tx: Database,
  values: {
    paymentId: string;
    signature: string;
    amountBaseUnits: bigint;
    slot: number;
    blockTime: Date | null;
    createdAt: Date;
  },
): Promise<boolean> {
  const inserted = await tx
    .insert(paymentTransfers)
    .values(values)
    .onConflictDoNothing({ target: paymentTransfers.signature })
    .returning({ id: paymentTransfers.id });
  return inserted.length > 0;
}

export async function selectTransfers(db: Database, paymentIds: string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .select()
    .from(paymentTransfers)
    .where(inArray(paymentTransfers.paymentId, paymentIds))
    .orderBy(asc(paymentTransfers.slot), asc(paymentTransfers.createdAt));
}

export async function updateTransfer(
  db: Database,
  id: string,
  values: Partial<Pick<TransferRow, 'missingSince' | 'finalizedAt'>>,
) {
  await db.update(paymentTransfers).set(values).where(eq(paymentTransfers.id, id));
}

export async function insertResolution(
  tx: Database,
  values: typeof paymentResolutions.$inferInsert,
) {
  const [row] = await tx.insert(paymentResolutions).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function selectResolutions(db: Database, paymentIds: string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .select()
    .from(paymentResolutions)
    .where(inArray(paymentResolutions.paymentId, paymentIds))
    .orderBy(asc(paymentResolutions.createdAt));
}

/** The resolution that already names this refund transaction, if any. */
export async function selectResolutionByRefundSignature(db: Database, signature: string) {
  const [row] = await db
    .select({ id: paymentResolutions.id })
    .from(paymentResolutions)
    .where(eq(paymentResolutions.refundSignature, signature));
  return row;
}
