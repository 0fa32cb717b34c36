import { DomainError, type Order, type OrderStatus } from '@puffy/core';
import type { Deps } from '../../deps';
import { getOwnOrder } from './read';
import { transitionOrder } from './transition';
import { loadOrderView } from './view';

type MoveDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>;

/** `order.cancel`: the buyer's own order, NEW only; releases its stock and code uses. */
export async function cancelOwnOrder(
  deps: MoveDeps,
  order: { id: string; ownerId: string },
): Promise<Order> {
  await deps.database.db.transaction(async (tx) => {
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
  return loadOrderView(deps.database.db, row);
}

/** Another move won the race between our read and our guarded UPDATE: nothing was changed. */
function movedMeanwhile(now: OrderStatus | undefined, to: OrderStatus) {
  return new DomainError(
    'INVALID_TRANSITION',
    `The order moved to ${now ?? 'another state'} meanwhile; it cannot go to ${to} now`,
    { from: now ?? null, to },
  );
}
