import { type ListedSignature, markUnreadable, saveClassification } from '../../db/queries/chain';
import { selectPaymentByReferences } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { associatedTokenAddress } from '../../solana/ata';
import { accountKeysOf } from '../../solana/transaction';
import { receivedBaseUnits } from './assess';
import type { RpcBudget } from './budget';
import { recordTransfer } from './record';

type ClassifyDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

export type Classification = 'payment' | 'junk' | 'failed' | 'unreadable' | 'no-budget';

/**
 * Reads one transaction (one getTransaction, paid from `budget`) and remembers what it is, so it is
 * never read again: `payment` when it lists a payment's reference among its account keys and moved
 * that payment's mint to its recipient (recorded as a transfer), `failed`, or `junk` (anything
 * else: a self-transfer naming a reference, a dust transfer with no reference). A node that lists
 * the signature but cannot return the transaction yet leaves it pending (`unreadable`).
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
  const payment = await selectPaymentByReferences(db, accountKeysOf(tx));
  if (payment) {
    const amount = receivedBaseUnits(tx, {
      recipient: payment.recipient,
      mint: payment.splToken,
      tokenAccount: associatedTokenAddress(payment.recipient, payment.splToken),
    });
    if (amount > 0n) {
      await recordTransfer(deps, payment.id, { ...decided, amount });
      return 'payment';
    }
  }
  await saveClassification(db, { ...decided, kind: 'junk' });
  return 'junk';
}
