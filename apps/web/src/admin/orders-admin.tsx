'use client';

import { ORDER_STATUSES, type OrderStatus } from '@puffy/client';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Success } from '../components/field';
import { LoadMore } from '../components/load-more';
import { QueryGate } from '../components/query-gate';
import { useTRPC } from '../trpc/react';
import { OrderCard } from './order-card';

const PAGE = { limit: 20 };

/** Everyone's orders, newest first, filtered by status, paged with "Load more". */
export function OrdersAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const query = useInfiniteQuery(
    trpc.admin.order.list.infiniteQueryOptions(status ? { ...PAGE, status } : PAGE, {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const moved = (message: string) => {
    setDone(message);
    // Every list that shows orders: this section's, the buyer's, and the payments to review.
    void queryClient.invalidateQueries(trpc.admin.order.list.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.payment.pathFilter());
    void queryClient.invalidateQueries(trpc.order.pathFilter());
  };
  return (
    <section className="panel" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <div className="field narrow">
        <label htmlFor="order-status">Status</label>
        <select
          id="order-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as OrderStatus | '')}
        >
          <option value="">All</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <Success message={done} />
      <QueryGate query={query} subject={{ name: 'The orders' }} loading="orders">
        {(data) => {
          const orders = data.pages.flatMap((p) => p.items);
          if (orders.length === 0) return <p className="muted">No orders.</p>;
          return (
            <>
              <div className="grid">
                {orders.map((order) => (
                  <OrderCard key={order.id} order={order} onMoved={moved} />
                ))}
              </div>
              <LoadMore query={query} label="Load more orders" />
            </>
          );
        }}
      </QueryGate>
    </section>
  );
}
