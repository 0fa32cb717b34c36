import { DomainError, type Order, type OrderStatus, type Page } from '@puffy/core';
import type { Database } from '../../db/client';
import { selectOrder, selectOrderPage } from '../../db/queries/orders';
import type { PageRequest } from '../../db/queries/pagination';
import { toPage } from '../../db/queries/pagination';
import { loadOrderView, toOrders } from './view';

/** A buyer's own order; someone else's id is NOT_FOUND (filtered in SQL, never loaded first). */
export async function getOwnOrder(db: Database, userId: string, id: string): Promise<Order> {
  const row = await selectOrder(db, id, userId);
  if (!row) throw new DomainError('ORDER_NOT_FOUND', 'No such order');
  return loadOrderView(db, row);
}

export async function listOrders(
  db: Database,
  request: PageRequest & { status?: OrderStatus | undefined; userId?: string | undefined },
): Promise<Page<Order>> {
  const rows = await selectOrderPage(db, request, {
    userId: request.userId,
    status: request.status,
  });
  const page = toPage(rows, request.limit, (row) => row);
  return { items: await toOrders(db, page.items), nextCursor: page.nextCursor };
}
