import {
  type ListedSignature,
  markUnreadable,
  saveClassification,
  selectWatchedAccounts,
} from '../../db/queries/chain';
import { updatePayment } from '../../db/queries/payments';
import { selectPaymentsByReferences } from '../../db/queries/probes';
import type { Deps } from '../../deps';
import { accountKeysOf } from '../../solana/transaction';
import { receivedBaseUnits } from './assess';
import type { RpcBudget } from './budget';
import { sharedTransactionReason } from './expiry-rule';
import { merchantTokenAccount } from './merchant-watch';
import { recordTransfer } from './record';

type ClassifyDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

export type Classification = 'payment' | 'shared' | 'junk' | 'failed' | 'unreadable' | 'no-budget';

/**
 * Reads one transaction (one getTransaction, paid from `budget`) and remembers what it is, so it is
 * never read again: `payment` when it names exactly one payment's reference and moved that
 * payment's mint into one of the merchant's token accounts (recorded as a transfer); `shared` when
 * it moved money to the merchant naming several payments' references (it cannot say which order
 * each unit was for: every one of them goes to review, none is credited); `failed`; or `junk`
 * (anything else: a self-transfer naming a reference, a transfer with no reference). A node that
 * lists the signature but cannot return the transaction yet leaves it pending (`unreadable`).
 */
export async function classifySignature(
  deps: ClassifyDeps,
  listed: ListedSignature,
  budget: RpcBudget,
): Promise<Classification> {
  if (!budget.take()) return 'no-budget';
  const tx = await deps.solana.getTransaction(listed.signature);
  const db = deps.database.db;
  if (!tx) {
    await markUnreadable(db, listed);
    return 'unreadable';
  }
  const now = deps.clock.now();
  const blockTime =
    tx.blockTime === null || tx.blockTime === undefined ? null : new Date(tx.blockTime * 1000);
  const decided = { signature: listed.signature, slot: tx.slot, blockTime, fetchedAt: now };
  if (!tx.meta || tx.meta.err !== null) {
    await saveClassification(db, { ...decided, kind: 'failed' });
    return 'failed';
  }
  const named = await selectPaymentsByReferences(db, accountKeysOf(tx));
  const first = named[0];
  if (first) {
    const tokenAccounts = new Set([
      merchantTokenAccount(deps.config),
      ...(await selectWatchedAccounts(db)),
    ]);
    const amount = receivedBaseUnits(tx, {
      recipient: first.recipient,
      mint: first.splToken,
      tokenAccounts,
    });
    if (amount > 0n && named.length === 1) {
      await recordTransfer(deps, first.id, { ...decided, amount });
      return 'payment';
    }
    if (amount > 0n) {
      const reason = sharedTransactionReason(listed.signature, named.length);
      await db.transaction(async (t) => {
        for (const payment of named) {
          await updatePayment(t, payment.id, { reviewReason: reason, reviewedAt: null });
        }
        await saveClassification(t, { ...decided, kind: 'payment' });
      });
      deps.metrics.paymentChecked('shared');
      return 'shared';
    }
  }
  await saveClassification(db, { ...decided, kind: 'junk' });
  return 'junk';
}
