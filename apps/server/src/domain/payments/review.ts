import type { Order, Page, PaymentStatus } from '@puffy/core';
import type { Database } from '../../db/client';
import { type PageRequest, toPage } from '../../db/queries/pagination';
import { selectPaymentsForReview } from '../../db/queries/payments';
import { toOrders } from '../orders/view';

export interface PaymentForReview {
  status: PaymentStatus;
  txSignature: string | null;
  /** What arrived on chain, in the token's base units (USDC: 6 decimals). */
  receivedBaseUnits: bigint | null;
  expectedBaseUnits: bigint;
  seenAt: Date | null;
  order: Order;
}

/**
 * `admin.payment.needsReview`: late payments (to refund), underpaid ones (to chase or refund) and
 * overpaid ones (to return the change), newest first, each with its order.
 */
export async function listPaymentsForReview(
  db: Database,
  page: PageRequest,
): Promise<Page<PaymentForReview>> {
  const rows = await selectPaymentsForReview(db, page);
  const keyed = rows.map((r) => ({ ...r, id: r.payment.id, createdAt: r.payment.createdAt }));
  const trimmed = toPage(keyed, page.limit, (r) => r);
  const orderViews = await toOrders(
    db,
    trimmed.items.map((r) => r.order),
  );
  return {
    nextCursor: trimmed.nextCursor,
    items: trimmed.items.map((r, i) => {
      const order = orderViews[i];
      if (!order) throw new Error('order view missing');
      return {
        status: r.payment.status,
        txSignature: r.payment.txSignature,
        receivedBaseUnits: r.payment.receivedBaseUnits,
        expectedBaseUnits: r.payment.amountBaseUnits,
        seenAt: r.payment.seenAt,
        order,
      };
    }),
  };
}
