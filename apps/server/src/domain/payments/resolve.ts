import { type AdminPaymentResolveInput, DomainError, type PaymentForReview } from '@puffy/core';
import {
  insertResolution,
  type ResolutionRow,
  selectResolutions,
} from '../../db/queries/payment-transfers';
import {
  lockPaymentInReview,
  selectPaymentWithOrder,
  updatePayment,
} from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';
import { toReviewItems } from './review';

type ResolveDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>;

/**
 * `admin.payment.resolve`: closes one review item, with who, when and why kept in its history.
 * - `refunded`: the money went back. A PAID or CONFIRMED order moves to REFUNDED (which reverses
 *   the referral reward it paid, once); an order that is already over (late money) stays as it is.
 * - `accepted`: the shop keeps the money as it arrived (a short payment waved through, the change
 *   kept by agreement); order moves, if any, are made with `admin.order.transition`.
 * - `dismissed`: nothing to do (a false alarm).
 * Anything new that arrives for the payment later opens it again.
 */
export async function resolvePayment(
  deps: ResolveDeps,
  adminId: string,
  input: AdminPaymentResolveInput,
): Promise<PaymentForReview> {
  const db = deps.database.db;
  await db.transaction(async (tx) => {
    const row = await lockPaymentInReview(tx, input.id);
    if (!row) {
      const exists = await selectPaymentWithOrder(tx, input.id);
      if (!exists) throw new DomainError('PAYMENT_NOT_FOUND', 'No such payment');
      const last = (await selectResolutions(tx, [input.id])).at(-1);
      // The same admin sending the same decision again (a retry after a lost answer) gets the
      // item as it now stands: the decision was taken once, the retry converges on it.
      if (exists.payment.reviewedAt !== null && isSameDecision(last, adminId, input)) return;
      throw new DomainError('PAYMENT_NOT_IN_REVIEW', 'This payment has no open review item', {
        status: exists.payment.status,
      });
    }
    const now = deps.clock.now();
    if (
      input.resolution === 'refunded' &&
      (row.order.status === 'PAID' || row.order.status === 'CONFIRMED')
    ) {
      const moved = await transitionOrder(deps, tx, {
        orderId: row.order.id,
        to: 'REFUNDED',
        actor: 'admin',
        actorId: adminId,
        note: input.note,
        expectedFrom: row.order.status,
      });
      if (!moved.changed) throw new Error('order changed under its payment lock');
    }
    await insertResolution(tx, {
      paymentId: row.payment.id,
      resolution: input.resolution,
      note: input.note,
      refundSignature: input.refundSignature ?? null,
      adminId,
      createdAt: now,
    });
    await updatePayment(tx, row.payment.id, { reviewedAt: now });
  });
  const row = await selectPaymentWithOrder(db, input.id);
  const [item] = row ? await toReviewItems(db, [row]) : [];
  if (!item) throw new Error('resolved payment vanished');
  return item;
}

function isSameDecision(
  last: ResolutionRow | undefined,
  adminId: string,
  input: AdminPaymentResolveInput,
): boolean {
  return (
    last !== undefined &&
    last.adminId === adminId &&
    last.resolution === input.resolution &&
    last.note === input.note.trim() &&
    (last.refundSignature ?? undefined) === input.refundSignature
  );
}
