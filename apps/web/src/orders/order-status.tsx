'use client';

import { errorReason } from '@puffy/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adviceFor } from '../lib/refusals';
import { useTRPC } from '../trpc/react';
import type { BuyerOrder } from './order-view';
import { STATUS_TEXT } from './status';

/** Where the order stands (live), its tracking number once shipped, and "Cancel order". */
export function OrderStatusPanel({ order }: { order: BuyerOrder }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: () => {
        setMessage(null);
        // The order, the orders list, and the stock it gave back.
        void queryClient.invalidateQueries(trpc.order.pathFilter());
        void queryClient.invalidateQueries(trpc.product.pathFilter());
      },
      onError: (err) => setMessage(`Could not cancel: ${adviceFor(errorReason(err)).text}`),
    }),
  );
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <p role="status" aria-live="polite">
        <span className="status" data-status={order.status}>
          {order.status}
        </span>{' '}
        {STATUS_TEXT[order.status]}
      </p>
      {order.trackingNumber && (
        <p>
          Tracking number: <strong>{order.trackingNumber}</strong>
        </p>
      )}
      {message && order.status === 'NEW' && <p className="notice bad">{message}</p>}
      {order.status === 'NEW' && (
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ id: order.id })}
          >
            Cancel order
          </button>
        </div>
      )}
    </section>
  );
}
