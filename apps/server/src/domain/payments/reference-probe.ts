import { selectPendingAmong } from '../../db/queries/chain';
import type { PaymentRow } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { SIGNATURE_PAGE_LIMIT } from '../../solana/rpc';
import type { RpcBudget } from './budget';
import { type Classification, classifySignature } from './classify';
import { BLOCK_TIME_MARGIN_MS } from './expiry-rule';

type ProbeDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

export interface ProbeResult {
  /** False when the budget had no call left for the page. */
  listed: boolean;
  /**
   * The page reaches back past the order's creation: every transaction naming the reference is
   * on it. Otherwise only transactions from `oldestSlot` on are.
   */
  complete: boolean;
  oldestSlot: number | null;
  /** Listed on the merchant's accounts, named by the reference, and still unread afterwards. */
  stillUnread: number;
  outcomes: Classification[];
}

/**
 * One page (newest first, at most 1000) of an order's reference history, read against the unread
 * backlog of the merchant's accounts: a payment must be on both, so only transactions in both are
 * read (within `budget`), and junk on either alone costs nothing. Anyone can make the reference's
 * history long, so it is never paged further: what the page does not reach is reported, not read.
 */
export async function probeReference(
  deps: ProbeDeps,
  payment: Pick<PaymentRow, 'reference' | 'createdAt'>,
  budget: RpcBudget,
): Promise<ProbeResult> {
  if (!budget.take()) {
    return { listed: false, complete: false, oldestSlot: null, stillUnread: 0, outcomes: [] };
  }
  const page = await deps.solana.getSignaturesForAddress(payment.reference, {
    limit: SIGNATURE_PAGE_LIMIT,
  });
  const last = page.at(-1);
  const floor = payment.createdAt.getTime() - BLOCK_TIME_MARGIN_MS;
  const complete =
    page.length < SIGNATURE_PAGE_LIMIT ||
    (typeof last?.blockTime === 'number' && last.blockTime * 1000 < floor);
  const candidates = await selectPendingAmong(
    deps.database.db,
    page.filter((s) => s.err === null).map((s) => s.signature),
  );
  const outcomes: Classification[] = [];
  let stillUnread = 0;
  for (const row of candidates) {
    const outcome = await classifySignature(deps, { ...row, err: null, blockTime: null }, budget);
    outcomes.push(outcome);
    if (outcome === 'no-budget' || outcome === 'unreadable') stillUnread += 1;
  }
  return { listed: true, complete, oldestSlot: last?.slot ?? null, stillUnread, outcomes };
}
