import type { BuyerOrder } from './order-view';

const when = (d: Date) =>
  d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Every move the order made, when and what it means to the buyer (admin notes never reach it). */
export function OrderHistory({ order }: { order: BuyerOrder }) {
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="timeline">
        {order.history.map((event) => (
          <li key={`${event.to}-${event.at.getTime()}`}>
            <strong>{event.to}</strong>{' '}
            <span className="muted">
              {when(event.at)} UTC · by {event.actor}
            </span>
            <div>{event.message}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
