import { DomainError } from '@puffy/core';
import { countOpenOrders, lockOpenOrdersOf } from '../../db/queries/orders';
import type { Deps } from '../../deps';

type Tx = Deps['database']['db'];

/**
 * Caps the unpaid NEW orders one buyer holds (MAX_OPEN_ORDERS_PER_USER): each holds stock for
 * the whole payment window, and nothing else stops a wallet from reserving a catalog it never
 * pays for. Runs inside the order's transaction under a per-buyer advisory lock, so concurrent
 * orders from one buyer are counted one after another and cannot all slip under the cap.
 */
export async function assertOpenOrderSlot(
  tx: Tx,
  buyerId: string,
  maxOpenOrders: number,
  now: Date,
): Promise<void> {
  await lockOpenOrdersOf(tx, buyerId);
  if ((await countOpenOrders(tx, buyerId, now)) >= maxOpenOrders) {
    throw new DomainError(
      'TOO_MANY_OPEN_ORDERS',
      `You already have ${maxOpenOrders} unpaid orders; pay or cancel one first`,
      { maxOpenOrders },
    );
  }
}
