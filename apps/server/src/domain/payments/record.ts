import { isUniqueViolation } from '../../db/errors';
import { lockOrder } from '../../db/queries/orders';
import {
  lockPayment,
  type PaymentRow,
  selectPaymentBySignature,
  updatePayment,
} from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';

type RecordDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>;

export type RecordOutcome = 'paid' | 'late' | 'underpaid' | 'already-recorded' | 'signature-used';

/**
 * Records a transfer that paid the full amount, in one transaction: the payment row is locked and
 * re-read (another worker may have recorded it meanwhile), the signature must not already pay
 * another order (one transfer could carry two references), and then:
 * NEW → PAID (payment `seen`, or `overpaid`); CANCELLED/EXPIRED → payment `late`, order untouched.
 */
export async function recordFullPayment(
  deps: RecordDeps,
  payment: PaymentRow,
  signature: string,
  received: bigint,
  overpaid: boolean,
): Promise<RecordOutcome> {
  try {
    return await deps.database.db.transaction(async (tx) => {
      const current = await lockPayment(tx, payment.id);
      if (!current || (current.status !== 'pending' && current.status !== 'underpaid')) {
        return 'already-recorded';
      }
      const other = await selectPaymentBySignature(tx, signature);
      if (other && other.id !== payment.id) return 'signature-used';
      // Locked, not just read: a cancel racing this payment either commits first (and the payment
      // is recorded `late`) or waits until the order is PAID (and the cancel is refused).
      const order = await lockOrder(tx, payment.orderId);
      if (!order) return 'already-recorded';
      const now = deps.clock.now();
      const base = { txSignature: signature, receivedBaseUnits: received, seenAt: now };
      if (order.status === 'CANCELLED' || order.status === 'EXPIRED') {
        await updatePayment(tx, payment.id, { ...base, status: 'late' });
        return 'late';
      }
      if (order.status === 'NEW') {
        const moved = await transitionOrder(deps, tx, {
          orderId: order.id,
          to: 'PAID',
          actor: 'system',
          actorId: null,
          note: `payment ${signature}`,
          expectedFrom: 'NEW',
        });
        if (!moved.changed) throw new Error('order changed under its row lock');
      }
      await updatePayment(tx, payment.id, { ...base, status: overpaid ? 'overpaid' : 'seen' });
      return 'paid';
    });
  } catch (err) {
    // The unique index is the last word if two payments raced for one signature.
    if (isUniqueViolation(err, 'payments_tx_signature_key')) return 'signature-used';
    throw err;
  }
}

/** Less than the amount arrived: the order stays NEW and the payment is flagged for review. */
export async function recordUnderpayment(
  deps: RecordDeps,
  payment: PaymentRow,
  signature: string,
  received: bigint,
): Promise<RecordOutcome> {
  try {
    return await deps.database.db.transaction(async (tx) => {
      const current = await lockPayment(tx, payment.id);
      if (current?.status !== 'pending') return 'already-recorded';
      const other = await selectPaymentBySignature(tx, signature);
      if (other && other.id !== payment.id) return 'signature-used';
      await updatePayment(tx, payment.id, {
        status: 'underpaid',
        txSignature: signature,
        receivedBaseUnits: received,
        seenAt: deps.clock.now(),
      });
      return 'underpaid';
    });
  } catch (err) {
    if (isUniqueViolation(err, 'payments_tx_signature_key')) return 'signature-used';
    throw err;
  }
}
