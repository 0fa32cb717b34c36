import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { chainCursors, chainSignatures } from '../schema';

export type ChainSignatureRow = typeof chainSignatures.$inferSelect;
export type CursorRow = typeof chainCursors.$inferSelect;
type SignatureKind = ChainSignatureRow['kind'];

export interface ListedSignature {
  signature: string;
  slot: number;
  err: unknown;
  blockTime?: number | null | undefined;
}

const blockDate = (s: ListedSignature) =>
  s.blockTime === null || s.blockTime === undefined ? null : new Date(s.blockTime * 1000);

/**
 * Remembers signatures listed on the merchant's token account: failed ones are settled by their
 * listing, the rest wait to be read (`pending`). A signature already decided stays decided, except
 * junk that was only inferred (never read): being on the merchant account contradicts the
 * inference, so it is read after all.
 */
export async function rememberMerchantSignatures(db: Database, listed: ListedSignature[]) {
  if (listed.length === 0) return;
  await db
    .insert(chainSignatures)
    .values(
      listed.map((s) => ({
        signature: s.signature,
        kind: (s.err === null ? 'pending' : 'failed') as SignatureKind,
        slot: s.slot,
        blockTime: blockDate(s),
        onMerchantAccount: true,
      })),
    )
    .onConflictDoUpdate({
      target: chainSignatures.signature,
      set: {
        onMerchantAccount: true,
        kind: sql`case when ${chainSignatures.kind} = 'junk' and ${chainSignatures.fetchedAt} is null then 'pending' else ${chainSignatures.kind} end`,
      },
    });
}

/** Stores what reading (or inferring) a signature taught us. */
export async function saveClassification(
  db: Database,
  row: {
    signature: string;
    kind: Exclude<SignatureKind, 'pending'>;
    slot: number;
    blockTime: Date | null;
    paymentId?: string | null;
    fetchedAt: Date | null;
  },
) {
  const values = { ...row, paymentId: row.paymentId ?? null };
  await db
    .insert(chainSignatures)
    .values(values)
    .onConflictDoUpdate({
      target: chainSignatures.signature,
      set: { kind: values.kind, paymentId: values.paymentId, fetchedAt: values.fetchedAt },
    });
}

/** A listed transaction the node could not return yet: stays pending, tried after fresher ones. */
export async function markUnreadable(db: Database, listed: ListedSignature) {
  await db
    .insert(chainSignatures)
    .values({
      signature: listed.signature,
      kind: 'pending',
      slot: listed.slot,
      blockTime: blockDate(listed),
      unreadable: 1,
    })
    .onConflictDoUpdate({
      target: chainSignatures.signature,
      set: { unreadable: sql`${chainSignatures.unreadable} + 1` },
    });
}

/** The next signatures to read: the least-retried first, then oldest first. */
export async function selectPendingSignatures(db: Database, limit: number) {
  if (limit <= 0) return [];
  return db
    .select()
    .from(chainSignatures)
    .where(eq(chainSignatures.kind, 'pending'))
    .orderBy(asc(chainSignatures.unreadable), asc(chainSignatures.slot))
    .limit(limit);
}

export async function selectSignatures(db: Database, signatures: string[]) {
  if (signatures.length === 0) return new Map<string, ChainSignatureRow>();
  const rows: ChainSignatureRow[] = [];
  // Chunked: a reference's history can hold thousands of signatures.
  for (let i = 0; i < signatures.length; i += 1000) {
    rows.push(
      ...(await db
        .select()
        .from(chainSignatures)
        .where(inArray(chainSignatures.signature, signatures.slice(i, i + 1000)))),
    );
  }
  return new Map(rows.map((r) => [r.signature, r]));
}

/** Junk inferred in bulk (absent from the merchant account's complete history); never overwrites. */
export async function saveInferredJunk(db: Database, listed: ListedSignature[]) {
  for (let i = 0; i < listed.length; i += 1000) {
    const chunk = listed.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    await db
      .insert(chainSignatures)
      .values(
        chunk.map((s) => ({
          signature: s.signature,
          kind: 'junk' as const,
          slot: s.slot,
          blockTime: blockDate(s),
        })),
      )
      .onConflictDoNothing();
  }
}

export async function selectCursor(db: Database, address: string) {
  const [row] = await db.select().from(chainCursors).where(eq(chainCursors.address, address));
  return row;
}

/**
 * Leases the watch of one account to this worker (one walker at a time), creating its cursor on
 * first use. Undefined when another worker holds it.
 */
export async function claimCursor(
  db: Database,
  address: string,
  claim: { token: string; now: Date; leaseMs: number },
) {
  await db.insert(chainCursors).values({ address }).onConflictDoNothing();
  const [row] = await db
    .update(chainCursors)
    .set({ claimedBy: claim.token, claimedUntil: new Date(claim.now.getTime() + claim.leaseMs) })
    .where(
      and(
        eq(chainCursors.address, address),
        or(isNull(chainCursors.claimedUntil), lt(chainCursors.claimedUntil, claim.now)),
      ),
    )
    .returning();
  return row;
}

export type CursorState = Pick<
  CursorRow,
  | 'headSignature'
  | 'headSlot'
  | 'coveredFromSlot'
  | 'coveredSlot'
  | 'walkSlot'
  | 'walkTopSignature'
  | 'walkTopSlot'
  | 'walkBefore'
>;

/** Saves the walk's progress, only while this worker still holds the lease. */
export async function saveCursor(db: Database, address: string, token: string, state: CursorState) {
  const saved = await db
    .update(chainCursors)
    .set({ ...state, updatedAt: sql`now()` })
    .where(and(eq(chainCursors.address, address), eq(chainCursors.claimedBy, token)))
    .returning({ address: chainCursors.address });
  return saved.length > 0;
}

export async function releaseCursor(db: Database, address: string, token: string) {
  await db
    .update(chainCursors)
    .set({ claimedUntil: null, claimedBy: null })
    .where(and(eq(chainCursors.address, address), eq(chainCursors.claimedBy, token)));
}
