import { type PaymentRow, updatePayment } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import type { RpcBudget } from './budget';
import { lastPaymentCheck } from './last-check';
import { decideExpiry, type ExpiryDecision, INCOMPLETE_HISTORY_REASON } from './rules';
import { systemMove } from './system-move';

type ExpireDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

/**
 * A NEW order past its window: one last look at its reference (within `budget`), then EXPIRED —
 * releasing its stock and code uses once, by the guarded transition — only if the whole history
 * was read and nothing paid it. A history too long to read goes to review instead. If the RPC
 * fails this throws, and the order stays NEW for the next tick.
 */
export async function expireUnpaid(
  deps: ExpireDeps,
  payment: PaymentRow,
  budget: RpcBudget,
): Promise<ExpiryDecision> {
  const decision = decideExpiry(await lastPaymentCheck(deps, payment, budget));
  if (decision === 'expire') {
    await systemMove(
      deps,
      payment,
      { from: 'NEW', to: 'EXPIRED', note: 'payment window ended' },
      async (tx) => {
        if (payment.reviewReason !== null)
          await updatePayment(tx, payment.id, { reviewReason: null });
      },
    );
  } else if (decision === 'review' && payment.reviewReason !== INCOMPLETE_HISTORY_REASON) {
    await updatePayment(deps.database.db, payment.id, {
      reviewReason: INCOMPLETE_HISTORY_REASON,
      reviewedAt: null,
    });
  }
  return decision;
}
