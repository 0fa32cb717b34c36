import { DomainError, type Order, type OrderStatus, type Page } from '@puffy/core';
import type { Database } from '../../db/client';
import { type OrderFilter, selectOrder, selectOrderPage } from '../../db/queries/orders';
import type { PageRequest } from '../../db/queries/pagination';
import { toPage } from '../../db/queries/pagination';
import type { OrderAudience } from './history-message';
import { loadOrderView, toOrders } from './view';

/** A buyer's own order; someone else's id is NOT_FOUND (filtered in SQL, never loaded first). */
export async function getOwnOrder(
  db: Database,
  params: { id: string; ownerId: string },
): Promise<Order> {
  const row = await selectOrder(db, params);
  if (!row) throw new DomainError('ORDER_NOT_FOUND', 'No such order');
  return loadOrderView(db, row, 'buyer');
}

type OrderPageRequest = PageRequest & { status?: OrderStatus | undefined };

/** `order.list`: the caller's own orders, newest first. */
export function listOwnOrders(
  db: Database,
  request: OrderPageRequest & { ownerId: string },
): Promise<Page<Order>> {
  return listOrderPage(db, request, { ownerId: request.ownerId, status: request.status }, 'buyer');
}

/** `admin.order.list`: everyone's orders, or one user's when `userId` is given. */
export function listAllOrders(
  db: Database,
  request: OrderPageRequest & { userId?: string | undefined },
): Promise<Page<Order>> {
  return listOrderPage(
    db,
    request,
    { ownerId: request.userId ?? null, status: request.status },
    'admin',
  );
}

async function listOrderPage(
  db: Database,
  request: PageRequest,
  filter: OrderFilter,
  audience: OrderAudience,
): Promise<Page<Order>> {
  const rows = await selectOrderPage(db, request, filter);
  const page = toPage(rows, request.limit, (row) => row);
  return { items: await toOrders(db, page.items, audience), nextCursor: page.nextCursor };
}
