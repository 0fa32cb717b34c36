'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { LoadMore } from '../components/load-more';
import { dollars } from '../lib/money';
import { pagedQueryOptions } from '../lib/paged-query';
import { useSession } from '../session/use-session';
import { useTRPCClient } from '../trpc/react';
import { STATUS_TEXT } from './status';

export function OrdersList() {
  const client = useTRPCClient();
  const session = useSession();
  const query = useInfiniteQuery({
    ...pagedQueryOptions('order.list', { limit: 20 }, (i) => client.order.list.query(i)),
    enabled: session !== null,
  });
  if (!session) return <p>Sign in to see your orders.</p>;
  if (query.isError) return <p className="notice bad">Your orders could not be loaded.</p>;
  if (!query.data) return <p className="muted">Loading…</p>;
  const orders = query.data.pages.flatMap((p) => p.items);
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
}
