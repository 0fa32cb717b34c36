import { type ListedSignature, saveInferredJunk, selectSignatures } from '../../db/queries/chain';
import { selectOrder } from '../../db/queries/orders';
import type { PaymentRow } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { SIGNATURE_PAGE_LIMIT } from '../../solana/rpc';
import type { RpcBudget } from './budget';
import { classifySignature } from './classify';
import { merchantCoverage } from './merchant-watch';
import { HISTORY_MARGIN_MS, type LastCheck } from './rules';

type CheckDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

/**
 * The last look at one payment's reference before its order expires, within `budget` (this order's
 * share of the tick). The reference's history is paged back to the order's creation; a signature
 * already classified is not read again; one absent from the merchant account's complete (covered)
 * history cannot have paid the merchant and is remembered as junk without being read; the rest are
 * read. Anyone can attach junk to a public reference, so what this costs is bounded by the budget,
 * and a history the budget cannot cover is `incomplete` — never taken as unpaid.
 */
export async function lastPaymentCheck(
  deps: CheckDeps,
  payment: PaymentRow,
  budget: RpcBudget,
): Promise<LastCheck> {
  const db = deps.database.db;
  const order = await selectOrder(db, { id: payment.orderId, ownerId: null });
  if (!order) return 'unreadable';
  const floor = order.createdAt.getTime() - HISTORY_MARGIN_MS;

  const listed: ListedSignature[] = [];
  let before: string | undefined;
  let complete = false;
  while (!complete && budget.take()) {
    const page = await deps.solana.getSignaturesForAddress(payment.reference, {
      before,
      limit: SIGNATURE_PAGE_LIMIT,
    });
    listed.push(...page);
    const last = page.at(-1);
    complete =
      page.length < SIGNATURE_PAGE_LIMIT ||
      (typeof last?.blockTime === 'number' && last.blockTime * 1000 < floor);
    before = last?.signature;
  }
  if (!complete) return 'incomplete';

  const successful = listed.filter((s) => s.err === null);
  const known = await selectSignatures(
    db,
    successful.map((s) => s.signature),
  );
  const covered = await merchantCoverage(deps);
  const inferredJunk: ListedSignature[] = [];
  const toRead: ListedSignature[] = [];
  for (const s of successful) {
    const row = known.get(s.signature);
    if (row && row.kind !== 'pending') continue; // decided before (a payment is already recorded)
    if (!row && covered(s.slot)) inferredJunk.push(s);
    else toRead.push(s);
  }
  await saveInferredJunk(db, inferredJunk);

  let unreadable = false;
  for (const s of toRead.reverse()) {
    const result = await classifySignature(deps, s, budget);
    if (result === 'no-budget') return 'incomplete';
    if (result === 'unreadable') unreadable = true;
  }
  const after = await selectOrder(db, { id: payment.orderId, ownerId: null });
  if (after?.status !== 'NEW') return 'paid';
  return unreadable ? 'unreadable' : 'unpaid';
}
