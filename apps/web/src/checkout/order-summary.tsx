'use client';

import type { OrderPrice } from '@puffy/client';
import { CartLines } from '../cart/cart-lines';
import type { CartEntry } from '../cart/use-cart-products';
import { ErrorText } from '../components/field';
import { dollars } from '../lib/money';

/** The checkout's side column: the cart (still editable), the totals and "Place order". */
export function OrderSummary({
  entries,
  pending,
  price,
  discountBps,
  itemsError,
  placing,
}: {
  entries: readonly CartEntry[];
  pending: boolean;
  price: OrderPrice | null;
  discountBps: number | null;
  itemsError: string | undefined;
  placing: boolean;
}) {
  return (
    <aside className="panel" aria-labelledby="cart-heading">
      <h2 id="cart-heading" tabIndex={-1}>
        Your cart
      </h2>
      {pending && <p className="muted">Loading your cart…</p>}
      <CartLines entries={entries} />
      <ErrorText id="items-error" message={itemsError} />
      {price && (
        <table className="totals">
          <tbody>
            <tr>
              <td>Subtotal</td>
              <td className="num">{dollars(price.subtotalCents)}</td>
            </tr>
            {discountBps !== null && price.discountCents > 0 && (
              <tr>
                <td>Referral discount ({discountBps / 100} %)</td>
                <td className="num">−{dollars(price.discountCents)}</td>
              </tr>
            )}
            <tr className="total">
              <td>Total (USDC)</td>
              <td className="num">{dollars(price.totalCents)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="submit" disabled={placing || pending}>
          {placing ? 'Placing order…' : 'Place order'}
        </button>
      </div>
      <p className="muted">You pay in USDC with any Solana wallet on the next page.</p>
    </aside>
  );
}
