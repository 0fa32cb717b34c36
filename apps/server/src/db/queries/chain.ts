import {
  and,
  asc,
  count,
  eq,
  inArray,
  isNull,
  lt,
  lte,
  min,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
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

/** How many listed signatures wait to be read. */
export async function countPending(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(chainSignatures)
    .where(eq(chainSignatures.kind, 'pending'));
  return row?.n ?? 0;
}

/**
 * Unread signatures listed on the merchant's accounts that could hold a payment made before
 * `before` (chain block time; one without a block time always could), optionally only those older
 * than `belowSlot`.
 */
export async function countUnreadBefore(
  db: Database,
  options: { before: Date; belowSlot?: number | undefined },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(chainSignatures)
    .where(
      and(
        eq(chainSignatures.kind, 'pending'),
        or(isNull(chainSignatures.blockTime), lte(chainSignatures.blockTime, options.before)),
        options.belowSlot === undefined ? undefined : lt(chainSignatures.slot, options.belowSlot),
      ),
    );
  return row?.n ?? 0;
}

/** Which of `signatures` are listed on the merchant's accounts and still unread. */
export async function selectPendingAmong(db: Database, signatures: string[]) {
  if (signatures.length === 0) return [];
  const rows: ChainSignatureRow[] = [];
  for (let i = 0; i < signatures.length; i += 1000) {
    rows.push(
      ...(await db
        .select()
        .from(chainSignatures)
        .where(
          and(
            eq(chainSignatures.kind, 'pending'),
            inArray(chainSignatures.signature, signatures.slice(i, i + 1000)),
          ),
        )),
    );
  }
  return rows;
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
  | 'walkStartedAt'
  | 'coveredAt'
>;

/** The merchant accounts the watch follows (one cursor each). */
export async function selectWatchedAccounts(db: Database): Promise<string[]> {
  const rows = await db.select({ address: chainCursors.address }).from(chainCursors);
  return rows.map((r) => r.address);
}

/**
 * Stops following accounts the merchant no longer holds (closed): a cursor that never moves again
 * would hold every expiry back.
 */
export async function forgetCursorsExcept(db: Database, keep: string[]) {
  if (keep.length === 0) return;
  await db.delete(chainCursors).where(notInArray(chainCursors.address, keep));
}

/**
 * How far the watch has listed every followed account: the start of the oldest account's last
 * finished walk (null until every account has finished one).
 */
export async function selectCoveredAt(db: Database): Promise<Date | null> {
  const [row] = await db
    .select({
      all: count(),
      covered: count(chainCursors.coveredAt),
      at: min(chainCursors.coveredAt),
    })
    .from(chainCursors);
  if (!row || row.all === 0 || row.covered < row.all || row.at === null) return null;
  return row.at instanceof Date ? row.at : new Date(row.at);
}

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
