'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSettings } from '../components/settings';
import { dollars } from '../lib/money';
import { useTRPC } from '../trpc/react';
import type { BuyerOrder } from './order-view';
import { QrCode } from './qr-code';

const when = (d: Date) =>
  d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** How to pay a NEW order: the Solana Pay QR code and link, and the dev simulator's buttons. */
export function PaymentPanel({ order }: { order: BuyerOrder }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { devTools } = useSettings();
  const [message, setMessage] = useState<string | null>(null);
  const simulate = useMutation(
    trpc.dev.simulatePayment.mutationOptions({
      onSuccess: (_result, input) => {
        setMessage(
          input.mode === 'under'
            ? 'Simulated an underpayment (half the amount).'
            : 'Simulated a full payment; the worker will pick it up in a moment.',
        );
        void queryClient.invalidateQueries(trpc.order.byId.queryFilter({ id: order.id }));
      },
      onError: (err) => setMessage(`Simulation failed: ${err.message}`),
    }),
  );
  return (
    <section className="panel" aria-labelledby="pay-heading">
      <h2 id="pay-heading">Pay {dollars(order.totalCents)} in USDC</h2>
      <p>
        Scan with a Solana wallet, or{' '}
        <a href={order.payment.url}>open the payment in your wallet</a>. Pay before{' '}
        {when(order.expiresAt)} UTC.
      </p>
      <QrCode value={order.payment.url} label="Solana Pay QR code" />
      {order.payment.status === 'underpaid' && (
        <p className="notice bad">
          We received less than the total. Send the rest, or contact us for a refund.
        </p>
      )}
      {devTools && (
        <div className="dev">
          <h3>Dev tools</h3>
          {message && <p className="notice">{message}</p>}
          <div className="actions">
            <button
              type="button"
              disabled={simulate.isPending}
              onClick={() => simulate.mutate({ orderId: order.id, mode: 'full' })}
            >
              Simulate payment
            </button>
            <button
              type="button"
              className="secondary"
              disabled={simulate.isPending}
              onClick={() => simulate.mutate({ orderId: order.id, mode: 'under' })}
            >
              Simulate underpayment
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
