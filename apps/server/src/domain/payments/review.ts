import type { Page, PaymentForReview } from '@puffy/core';
import type { Database } from '../../db/client';
import type { OrderRow } from '../../db/queries/orders';
import { type PageRequest, toPage } from '../../db/queries/pagination';
import { selectResolutions, selectTransfers } from '../../db/queries/payment-transfers';
import { type PaymentRow, selectPaymentsForReview } from '../../db/queries/payments';
import { toOrders } from '../orders/view';
import { reviewReason } from './review-wording';

/** Maps payment rows (with their orders) to review items, loading transfers and resolutions. */
export async function toReviewItems(
  db: Database,
  rows: Array<{ payment: PaymentRow; order: OrderRow }>,
): Promise<PaymentForReview[]> {
  const ids = rows.map((r) => r.payment.id);
  const [orderViews, transfers, resolutions] = await Promise.all([
    toOrders(
      db,
      rows.map((r) => r.order),
      'admin',
    ),
    selectTransfers(db, ids),
    selectResolutions(db, ids),
  ]);
  return rows.map((r, i) => {
    const order = orderViews[i];
    if (!order) throw new Error('order view missing');
    const received = r.payment.receivedBaseUnits;
    const expected = r.payment.amountBaseUnits;
    return {
      id: r.payment.id,
      status: r.payment.status,
      reason: reviewReason({
        paymentStatus: r.payment.status,
        orderStatus: r.order.status,
        writtenReason: r.payment.reviewReason,
        received: received ?? 0n,
        expected,
      }),
      txSignature: r.payment.txSignature,
      receivedBaseUnits: received,
      expectedBaseUnits: expected,
      overpaidBaseUnits: received !== null && received > expected ? received - expected : 0n,
      seenAt: r.payment.seenAt,
      reviewedAt: r.payment.reviewedAt,
      transfers: transfers
        .filter((t) => t.paymentId === r.payment.id)
        .map((t) => ({
          signature: t.signature,
          amountBaseUnits: t.amountBaseUnits,
          slot: t.slot,
          blockTime: t.blockTime,
          finalized: t.finalizedAt !== null,
          missingSince: t.missingSince,
          recordedAt: t.createdAt,
        })),
      resolutions: resolutions
        .filter((x) => x.paymentId === r.payment.id)
        .map((x) => ({
          resolution: x.resolution,
          note: x.note,
          refundSignature: x.refundSignature,
          refundBaseUnits: x.refundBaseUnits,
          adminId: x.adminId,
          at: x.createdAt,
        })),
      order,
    };
  });
}

/**
 * `admin.payment.needsReview`: open items, newest first — late payments (to refund), underpaid
 * ones (to chase or refund), overpaid ones (to return the change), dropped ones, and ambiguous
 * ones (a history that could not be read completely, a dropped transaction that reappeared) —
 * each with its order and every transfer that arrived for it.
 */
export async function listPaymentsForReview(
  db: Database,
  page: PageRequest,
): Promise<Page<PaymentForReview>> {
  const rows = await selectPaymentsForReview(db, page);
  const keyed = rows.map((r) => ({ ...r, id: r.payment.id, createdAt: r.payment.createdAt }));
  const trimmed = toPage(keyed, page.limit, (r) => r);
  return { nextCursor: trimmed.nextCursor, items: await toReviewItems(db, trimmed.items) };
}
