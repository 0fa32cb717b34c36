'use client';

import type { RouterOutputs } from '@puffy/client';
import { useQuery } from '@tanstack/react-query';
import { QueryGate } from '../components/query-gate';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';
import { OrderAside } from './order-aside';
import { OrderHistory } from './order-history';
import { OrderStatusPanel } from './order-status';
import { PaymentPanel } from './payment-panel';
import { pollInterval } from './status';

export type BuyerOrder = RouterOutputs['order']['byId'];

const NOT_FOUND = {
  title: 'Order not found',
  text: 'There is no such order on this account. Are you signed in with the wallet that placed it?',
  link: { href: '/orders', label: 'Your orders' },
};

/** One of the buyer's orders, kept live while it may still change by itself. */
export function OrderView({ id }: { id: string }) {
  const trpc = useTRPC();
  const session = useSession();
  const query = useQuery(
    trpc.order.byId.queryOptions(
      { id },
      {
        enabled: session !== null,
        refetchInterval: (q) => pollInterval(q.state.data?.status),
      },
    ),
  );

  if (!session) {
    return (
      <>
        <h1>Order</h1>
        <p>Sign in with the wallet that placed this order to see it.</p>
      </>
    );
  }
  return (
    <QueryGate
      query={query}
      subject={{ name: 'This order', notFound: NOT_FOUND }}
      loading="order"
      h1
    >
      {(order) => <OrderPage order={order} />}
    </QueryGate>
  );
}

function OrderPage({ order }: { order: BuyerOrder }) {
  return (
    <>
      <h1>Order {order.id.slice(0, 8)}</h1>
      <div className="columns">
        <div>
          <OrderStatusPanel order={order} />
          {order.status === 'NEW' && <PaymentPanel order={order} />}
          <OrderHistory order={order} />
        </div>
        <OrderAside order={order} />
      </div>
    </>
  );
}
