import { countryName } from '../lib/countries';
import { dollars } from '../lib/money';
import type { BuyerOrder } from './order-view';

/** What was bought, at what price, and where it ships. */
export function OrderAside({ order }: { order: BuyerOrder }) {
  const to = order.shippingAddress;
  return (
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
        {to.name}
        <br />
        {to.line1}
        {to.line2 && (
          <>
            <br />
            {to.line2}
          </>
        )}
        <br />
        {to.postalCode} {to.city}
        {to.state ? `, ${to.state}` : ''}
        <br />
        {countryName(to.country)}
      </address>
    </aside>
  );
}
