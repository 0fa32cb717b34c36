import { DomainError, type Order, type OrderStatus } from '@puffy/core';
import { selectOrder } from '../../db/queries/orders';
import { selectTransfers } from '../../db/queries/payment-transfers';
import { lockPaymentOfOrder } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { getOwnOrder } from './read';
import { transitionOrder } from './transition';
import { loadOrderView } from './view';

type MoveDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>;

/**
 * `order.cancel`: the buyer's own order, NEW only; releases its stock and code uses. An order that
 * has received money cannot be cancelled by its buyer (ORDER_HAS_PAYMENT): the money would have no
 * order. The buyer asks the shop, which refunds it (`admin.payment.resolve`, `refunded`), and that
 * ends the order. The payment row is locked first, as recording a transfer does, so a transfer and
 * a cancel never both win.
 */
export async function cancelOwnOrder(
  deps: MoveDeps,
  order: { id: string; ownerId: string },
): Promise<Order> {
  await deps.database.db.transaction(async (tx) => {
    const own = await selectOrder(tx, { id: order.id, ownerId: order.ownerId });
    if (!own) throw new DomainError('ORDER_NOT_FOUND', 'No such order');
    const payment = await lockPaymentOfOrder(tx, order.id);
    if (payment && (await selectTransfers(tx, [payment.id])).length > 0) {
      throw new DomainError(
        'ORDER_HAS_PAYMENT',
        'Money has already arrived for this order; contact the shop for a refund',
      );
    }
    // A buyer's move only ever finds the buyer's own order (see transitionOrder).
    const result = await transitionOrder(deps, tx, {
      orderId: order.id,
      to: 'CANCELLED',
      actor: 'buyer',
      actorId: order.ownerId,
    });
    if (!result.changed) throw movedMeanwhile(result.order?.status, 'CANCELLED');
  });
  return getOwnOrder(deps.database.db, order);
}

/** `admin.order.transition`: any move the table allows, recorded with the admin's id. */
export async function adminTransition(
  deps: MoveDeps,
  adminId: string,
  input: {
    id: string;
    to: OrderStatus;
    note?: string | undefined;
    trackingNumber?: string | undefined;
  },
): Promise<Order> {
  const row = await deps.database.db.transaction(async (tx) => {
    const result = await transitionOrder(deps, tx, {
      orderId: input.id,
      to: input.to,
      actor: 'admin',
      actorId: adminId,
      note: input.note,
      trackingNumber: input.trackingNumber,
    });
    if (!result.changed) throw movedMeanwhile(result.order?.status, input.to);
    return result.order;
  });
  return loadOrderView(deps.database.db, row, 'admin');
}

/** Another move won the race between our read and our guarded UPDATE: nothing was changed. */
function movedMeanwhile(now: OrderStatus | undefined, to: OrderStatus) {
  return new DomainError(
    'INVALID_TRANSITION',
    `The order moved to ${now ?? 'another state'} meanwhile; it cannot go to ${to} now`,
    { from: now ?? null, to },
  );
}
