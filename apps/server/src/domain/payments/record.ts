import { saveClassification } from '../../db/queries/chain';
import { lockOrder } from '../../db/queries/orders';
import { insertTransfer, selectTransfers } from '../../db/queries/payment-transfers';
import { lockPayment, updatePayment } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';
import { reviewAfterTransfer } from './resolution-policy';
import { settle } from './rules';

type RecordDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>;

export interface ChainTransfer {
  signature: string;
  /** Base units of the payment's mint that reached the merchant in this transaction. */
  amount: bigint;
  slot: number;
  blockTime: Date | null;
}

export type RecordOutcome = 'recorded' | 'already-recorded';

/**
 * Records one qualifying transfer for a payment and settles the payment from the sum of all its
 * transfers (see `settle`; whether it opens a review item: `reviewAfterTransfer`), in one transaction: the payment and then its order are locked (a cancel
 * racing this payment either commits first, and the money is `late`, or waits and is refused), the
 * transfer is inserted once (its signature is unique across all payments), and the signature is
 * remembered as a payment so it is never read again.
 */
export async function recordTransfer(
  deps: RecordDeps,
  paymentId: string,
  transfer: ChainTransfer,
): Promise<RecordOutcome> {
  let settled: string | null = null;
  const outcome = await deps.database.db.transaction(async (tx): Promise<RecordOutcome> => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) return 'already-recorded';
    const now = deps.clock.now();
    const inserted = await insertTransfer(tx, {
      paymentId,
      signature: transfer.signature,
      amountBaseUnits: transfer.amount,
      slot: transfer.slot,
      blockTime: transfer.blockTime,
      createdAt: now,
    });
    if (!inserted) return 'already-recorded';
    await saveClassification(tx, {
      signature: transfer.signature,
      kind: 'payment',
      slot: transfer.slot,
      blockTime: transfer.blockTime,
      paymentId,
      fetchedAt: now,
    });

    const order = await lockOrder(tx, payment.orderId);
    if (!order) return 'already-recorded';
    const received = (await selectTransfers(tx, [paymentId])).reduce(
      (sum, t) => sum + t.amountBaseUnits,
      0n,
    );
    const settlement = settle({
      orderStatus: order.status,
      amount: payment.amountBaseUnits,
      received,
    });
    if (settlement.movesToPaid) {
      const moved = await transitionOrder(deps, tx, {
        orderId: order.id,
        to: 'PAID',
        actor: 'system',
        actorId: null,
        note: `payment ${transfer.signature}`,
        expectedFrom: 'NEW',
      });
      if (!moved.changed) throw new Error('order changed under its row lock');
    }
    const review = reviewAfterTransfer({
      settlement,
      previousStatus: payment.status,
      amount: transfer.amount,
      received,
      expected: payment.amountBaseUnits,
      dust: BigInt(deps.config.payments.dustBaseUnits),
    });
    await updatePayment(tx, paymentId, {
      status: review.status,
      receivedBaseUnits: settlement.received,
      seenAt: payment.seenAt ?? now,
      // The transfer that completed (or first reached) the payment; later ones are in the table.
      ...(payment.txSignature === null ? { txSignature: transfer.signature } : {}),
      // New money (not dust) on a payment an admin already closed needs a new look.
      ...(review.opensReview ? { reviewedAt: null } : {}),
    });
    settled = settlement.movesToPaid ? 'paid' : review.status;
    return 'recorded';
  });
  // Counted once the transaction has committed, so a rolled-back attempt is not an outcome.
  if (settled !== null) deps.metrics.paymentChecked(settled);
  return outcome;
}
