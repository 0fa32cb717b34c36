'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useSettings } from '../components/settings';
import { dollars } from '../lib/money';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';
import { QrCode } from './qr-code';
import { pollInterval, STATUS_TEXT } from './status';

const when = (d: Date) =>
  d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function OrderView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const { devTools } = useSettings();
  const [message, setMessage] = useState<string | null>(null);
  const orderQuery = trpc.order.byId.queryOptions(
    { id },
    {
      enabled: session !== null,
      refetchInterval: (query) => pollInterval(query.state.data?.status),
    },
  );
  const query = useQuery(orderQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: orderQuery.queryKey });

  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: () => refresh(),
      onError: (err) => setMessage(`Could not cancel: ${err.message}`),
    }),
  );
  const simulate = useMutation(
    trpc.dev.simulatePayment.mutationOptions({
      onSuccess: (_result, input) => {
        setMessage(
          input.mode === 'under'
            ? 'Simulated an underpayment (half the amount).'
            : 'Simulated a full payment; the worker will pick it up in a moment.',
        );
        void refresh();
      },
      onError: (err) => setMessage(`Simulation failed: ${err.message}`),
    }),
  );

  if (!session) {
    return (
      <>
        <h1>Order</h1>
        <p>Sign in with the wallet that placed this order to see it.</p>
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <h1>Order not found</h1>
        <p>
          There is no such order on this account. <Link href="/orders">Your orders</Link>
        </p>
      </>
    );
  }
  const order = query.data;
  if (!order) return <h1>Loading order…</h1>;
  const short = order.id.slice(0, 8);

  return (
    <>
      <h1>Order {short}</h1>
      <div className="columns">
        <div>
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
            {/* Action notes are about paying or cancelling; once the order moves on they are stale. */}
            {message && order.status === 'NEW' && <p className="notice">{message}</p>}
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
          {order.status === 'NEW' && (
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
          )}
          <section className="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <ol className="timeline">
              {order.history.map((event) => (
                <li key={`${event.to}-${event.at.getTime()}`}>
                  <strong>{event.to}</strong>{' '}
                  <span className="muted">
                    {when(event.at)} · by {event.actor}
                  </span>
                  {event.note && <div>{event.note}</div>}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="panel" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <table>
            <tbody>
              {order.items.map((item) => (
                <tr key={item.productId}>
                  <td>
                    {item.quantity} × {item.name}
                  </td>
                  <td className="num">{dollars(item.unitPriceCents * item.quantity)}</td>
                </tr>
              ))}
              {order.discountCents > 0 && (
                <tr>
                  <td>Referral discount</td>
                  <td className="num">−{dollars(order.discountCents)}</td>
                </tr>
              )}
              <tr>
                <td>
                  <strong>Total</strong>
                </td>
                <td className="num">
                  <strong>{dollars(order.totalCents)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <h2>Ships to</h2>
          <address>
            {order.shippingAddress.name}
            <br />
            {order.shippingAddress.line1}
            {order.shippingAddress.line2 && (
              <>
                <br />
                {order.shippingAddress.line2}
              </>
            )}
            <br />
            {order.shippingAddress.postalCode} {order.shippingAddress.city}
            {order.shippingAddress.state ? `, ${order.shippingAddress.state}` : ''}
            <br />
            {order.shippingAddress.country}
          </address>
        </aside>
      </div>
    </>
  );
}
