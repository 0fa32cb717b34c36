'use client';

import { errorReason, ORDER_STATUSES, type OrderStatus, type RouterOutputs } from '@puffy/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dollars } from '../lib/money';
import { useTRPC } from '../trpc/react';
import { ReviewItem } from './review-item';

type AdminOrder = RouterOutputs['admin']['order']['list']['items'][number];

function OrderCard({ order, onMoved }: { order: AdminOrder; onMoved: () => void }) {
  const trpc = useTRPC();
  const short = order.id.slice(0, 8);
  const [shipping, setShipping] = useState(false);
  const [tracking, setTracking] = useState('');
  const move = useMutation(
    trpc.admin.order.transition.mutationOptions({
      onSuccess: () => {
        setShipping(false);
        onMoved();
      },
    }),
  );
  const error = move.error
    ? errorReason(move.error) === 'INVALID_TRANSITION'
      ? 'The order changed meanwhile; reload to see its state.'
      : move.error.message
    : null;
  const go = (to: OrderStatus) => {
    if (to === 'SHIPPED') return setShipping(true);
    move.mutate({ id: order.id, to });
  };
  return (
    <article className="card" aria-label={`Order ${short}`}>
      <h3>Order {short}</h3>
      <p>
        <span className="status" data-status={order.status}>
          {order.status}
        </span>{' '}
        {dollars(order.totalCents)} · to {order.shippingAddress.country}
      </p>
      <p className="muted">{order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}</p>
      {order.trackingNumber && <p>Tracking: {order.trackingNumber}</p>}
      <div className="actions">
        {order.nextStatuses.map((to) => (
          <button
            key={to}
            type="button"
            className="secondary"
            disabled={move.isPending}
            onClick={() => go(to)}
          >
            Move to {to}
          </button>
        ))}
      </div>
      {shipping && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({ id: order.id, to: 'SHIPPED', trackingNumber: tracking.trim() });
          }}
        >
          <div className="field">
            <label htmlFor={`tracking-${order.id}`}>Tracking number</label>
            <input
              id={`tracking-${order.id}`}
              value={tracking}
              required
              onChange={(e) => setTracking(e.target.value)}
            />
          </div>
          <button type="submit" disabled={move.isPending || !tracking.trim()}>
            Ship order
          </button>
        </form>
      )}
      {error && <p className="error">{error}</p>}
    </article>
  );
}

export function OrdersAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const query = useQuery(
    trpc.admin.order.list.queryOptions(status ? { limit: 50, status } : { limit: 50 }),
  );
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.admin.order.list.queryKey() });
  return (
    <section className="panel" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <div className="field" style={{ maxWidth: '14rem' }}>
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
      {query.data ? (
        query.data.items.length > 0 ? (
          <div className="grid">
            {query.data.items.map((order) => (
              <OrderCard key={order.id} order={order} onMoved={reload} />
            ))}
          </div>
        ) : (
          <p className="muted">No orders.</p>
        )
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

export function ReviewAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.admin.payment.needsReview.queryOptions({ limit: 50 }));
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.admin.payment.needsReview.queryKey() });
  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Payments to review</h2>
      {!query.data ? (
        <p className="muted">Loading…</p>
      ) : query.data.items.length === 0 ? (
        <p className="muted">Nothing needs review.</p>
      ) : (
        <div className="review-list">
          {query.data.items.map((item) => (
            <ReviewItem key={item.id} item={item} onResolved={reload} />
          ))}
        </div>
      )}
    </section>
  );
}
