import { type AdminPaymentResolveInput, DomainError, type PaymentForReview } from '@puffy/core';
import { isUniqueViolation } from '../../db/errors';
import {
  insertResolution,
  type ResolutionRow,
  selectResolutionByRefundSignature,
  selectResolutions,
  selectTransfers,
} from '../../db/queries/payment-transfers';
import {
  lockPaymentInReview,
  selectPaymentWithOrder,
  updatePayment,
} from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';
import { endHeldOrder } from './expire';
import { HELD_REASON } from './expiry-rule';
import { checkRefundOnChain } from './refund-check';
import { buyerMessageFor, planResolution, type ResolutionPlan } from './resolution-policy';
import { toReviewItems } from './review';

type ResolveDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics' | 'solana'>;

const sumOf = (transfers: Array<{ amountBaseUnits: bigint }>) =>
  transfers.reduce((s, t) => s + t.amountBaseUnits, 0n);

function assertPlan(plan: ResolutionPlan): asserts plan is Extract<ResolutionPlan, { ok: true }> {
  if (!plan.ok) throw new DomainError(plan.reason, plan.message);
}

const signatureUsed = () =>
  new DomainError(
    'REFUND_SIGNATURE_USED',
    'That refund transaction already closed another review item',
  );

/**
 * `admin.payment.resolve`: closes one review item, with who, when and why kept in its history.
 * What each resolution does is `planResolution`'s (resolution-policy.ts). A refund signature is
 * read on chain first (outside the transaction: no lock is held while the node answers), then the
 * plan is made again under the payment's lock and the order move, the payment's settlement and the
 * resolution are written in one transaction. The admin's note stays admin-only; the buyer's history
 * gets a message of its own.
 */
export async function resolvePayment(
  deps: ResolveDeps,
  adminId: string,
  input: AdminPaymentResolveInput,
): Promise<PaymentForReview> {
  const db = deps.database.db;
  const signature = input.refundSignature ?? null;
  let refundBaseUnits: bigint | null = null;
  let replay = false;
  if (signature !== null) {
    const seen = await selectPaymentWithOrder(db, input.id);
    if (!seen) throw new DomainError('PAYMENT_NOT_FOUND', 'No such payment');
    const last = (await selectResolutions(db, [input.id])).at(-1);
    if (seen.payment.reviewedAt !== null && isSameDecision(last, adminId, input)) replay = true;
  }
  if (signature !== null && !replay) {
    const seen = await selectPaymentWithOrder(db, input.id);
    if (!seen) throw new DomainError('PAYMENT_NOT_FOUND', 'No such payment');
    if (await selectResolutionByRefundSignature(db, signature)) throw signatureUsed();
    const received = sumOf(await selectTransfers(db, [seen.payment.id]));
    const plan = planResolution({
      resolution: input.resolution,
      orderStatus: seen.order.status,
      received,
      expected: seen.payment.amountBaseUnits,
    });
    assertPlan(plan);
    if (plan.refund) {
      refundBaseUnits = await checkRefundOnChain(deps, signature, seen.payment, plan.refund);
    }
  }

  try {
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
      const received = sumOf(await selectTransfers(tx, [row.payment.id]));
      const plan = planResolution({
        resolution: input.resolution,
        orderStatus: row.order.status,
        received,
        expected: row.payment.amountBaseUnits,
      });
      assertPlan(plan);
      if (plan.refund && refundBaseUnits !== null && refundBaseUnits > plan.refund.max) {
        throw new DomainError('REFUND_TOO_LARGE', 'The refund is more than this item returns');
      }
      const now = deps.clock.now();
      if (plan.moveTo !== null) {
        const moved = await transitionOrder(deps, tx, {
          orderId: row.order.id,
          to: plan.moveTo,
          actor: 'admin',
          actorId: adminId,
          note: input.note,
          message: buyerMessageFor({
            resolution: input.resolution,
            moveTo: plan.moveTo,
            amount: input.resolution === 'accepted' ? plan.acceptedBaseUnits : refundBaseUnits,
          }),
          expectedFrom: row.order.status,
        });
        if (!moved.changed) throw new Error('order changed under its payment lock');
      }
      // A held order (past its window with transactions still unread) ends when its item is
      // dismissed: EXPIRED with stock and codes released, never left NEW and unlisted.
      if (
        input.resolution === 'dismissed' &&
        row.order.status === 'NEW' &&
        row.payment.reviewReason === HELD_REASON
      ) {
        await endHeldOrder(deps, tx, { payment: row.payment, actorId: adminId, note: input.note });
      }
      await insertResolution(tx, {
        paymentId: row.payment.id,
        resolution: input.resolution,
        note: input.note,
        refundSignature: signature,
        refundBaseUnits,
        adminId,
        createdAt: now,
      });
      await updatePayment(tx, row.payment.id, {
        reviewedAt: now,
        ...(plan.paymentStatus !== null ? { status: plan.paymentStatus } : {}),
        ...(plan.acceptedBaseUnits !== null ? { acceptedBaseUnits: plan.acceptedBaseUnits } : {}),
      });
    });
  } catch (err) {
    // Two resolutions racing with one signature: the unique index lets one through.
    if (signature !== null && isUniqueViolation(err, 'payment_resolutions_refund_signature_idx'))
      throw signatureUsed();
    throw err;
  }
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
