'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { LoadMore } from '../components/load-more';
import { QueryGate } from '../components/query-gate';
import { dollars } from '../lib/money';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';
import { STATUS_TEXT } from './status';

export function OrdersList() {
  const trpc = useTRPC();
  const session = useSession();
  const query = useInfiniteQuery(
    trpc.order.list.infiniteQueryOptions(
      { limit: 20 },
      { enabled: session !== null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  if (!session) return <p>Sign in to see your orders.</p>;
  return (
    <QueryGate query={query} subject={{ name: 'Your orders' }} loading="your orders">
      {(data) => {
        const orders = data.pages.flatMap((p) => p.items);
        if (orders.length === 0) {
          return (
            <p>
              No orders yet. <Link href="/">Browse the catalog</Link>
            </p>
          );
        }
        return (
          <>
            <ul className="grid" aria-label="Your orders">
              {orders.map((order) => (
                <li key={order.id} className="card">
                  <h2>
                    <Link href={`/orders/${order.id}`}>Order {order.id.slice(0, 8)}</Link>
                  </h2>
                  <p>
                    <span className="status" data-status={order.status}>
                      {order.status}
                    </span>{' '}
                    <span className="muted">{STATUS_TEXT[order.status]}</span>
                  </p>
                  <p className="price">{dollars(order.totalCents)}</p>
                  <p className="muted">
                    {order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')} ·{' '}
                    {order.createdAt.toLocaleDateString('en-US', { dateStyle: 'medium' })}
                  </p>
                </li>
              ))}
            </ul>
            <LoadMore query={query} />
          </>
        );
      }}
    </QueryGate>
  );
}
