'use client';

import { errorReason, type OrderStatus, type RouterOutputs } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../components/field';
import { countryName } from '../lib/countries';
import { dollars } from '../lib/money';
import { adviceFor } from '../lib/refusals';
import { useTRPC } from '../trpc/react';
import { type MoveStep, moveStep } from './transitions';

export type AdminOrder = RouterOutputs['admin']['order']['list']['items'][number];

function moveError(err: unknown): string {
  const reason = errorReason(err);
  if (reason === 'INVALID_TRANSITION')
    return 'The order changed meanwhile; reload to see its state.';
  if (reason === 'TRACKING_NUMBER_REQUIRED') return 'Enter the tracking number to ship.';
  return adviceFor(reason).text;
}

/** One order for the admin: its state, its allowed moves (confirmed where they matter). */
export function OrderCard({
  order,
  onMoved,
}: {
  order: AdminOrder;
  onMoved: (message: string) => void;
}) {
  const trpc = useTRPC();
  const short = order.id.slice(0, 8);
  const [pending, setPending] = useState<{ to: OrderStatus; step: MoveStep } | null>(null);
  const [tracking, setTracking] = useState('');
  const move = useMutation(
    trpc.admin.order.transition.mutationOptions({
      onSuccess: (moved) => {
        setPending(null);
        onMoved(`Order ${short} moved to ${moved.status}.`);
      },
    }),
  );
  const go = (to: OrderStatus) => {
    const step = moveStep(to);
    move.reset();
    if (step.kind === 'go') move.mutate({ id: order.id, to });
    else setPending({ to, step });
  };
  return (
    <article className="card" aria-label={`Order ${short}`}>
      <h3>Order {short}</h3>
      <p>
        <span className="status" data-status={order.status}>
          {order.status}
        </span>{' '}
        {dollars(order.totalCents)} · to {countryName(order.shippingAddress.country)}
      </p>
      <p className="muted">{order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}</p>
      {order.trackingNumber && <p>Tracking: {order.trackingNumber}</p>}
      {!pending && order.nextStatuses.length > 0 && (
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
      )}
      {pending?.step.kind === 'confirm' && (
        <fieldset className="confirm">
          <legend>{pending.step.question}</legend>
          <div className="actions">
            <button
              type="button"
              disabled={move.isPending}
              onClick={() => move.mutate({ id: order.id, to: pending.to })}
            >
              Yes, move to {pending.to}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              Keep as {order.status}
            </button>
          </div>
        </fieldset>
      )}
      {pending?.step.kind === 'ship' && (
        <form
          className="confirm"
          onSubmit={(e) => {
            e.preventDefault();
            if (tracking.trim()) {
              move.mutate({ id: order.id, to: 'SHIPPED', trackingNumber: tracking.trim() });
            }
          }}
        >
          <TextField
            id={`tracking-${order.id}`}
            label="Tracking number"
            value={tracking}
            error={undefined}
            autoComplete="off"
            onChange={setTracking}
          />
          <div className="actions">
            <button type="submit" disabled={move.isPending || !tracking.trim()}>
              Ship order
            </button>
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              Not yet
            </button>
          </div>
        </form>
      )}
      {move.error && (
        <p className="error" role="alert">
          {moveError(move.error)}
        </p>
      )}
    </article>
  );
}
