'use client';

import Link from 'next/link';
import { Loading } from '../components/error-view';
import { dollars } from '../lib/money';
import { CartLines } from './cart-lines';
import { useCartProducts } from './use-cart-products';

/** The cart page: every line editable, the subtotal, and the way on to checkout. */
export function CartView() {
  const { cart, entries, pending, ready } = useCartProducts();
  if (cart.length === 0) {
    return (
      <p>
        Your cart is empty. <Link href="/">Browse the catalog</Link>
      </p>
    );
  }
  const subtotal = entries.reduce(
    (sum, e) => sum + (e.product ? e.product.priceCents * e.quantity : 0),
    0,
  );
  return (
    <section className="panel cart-panel" aria-label="Cart">
      {pending && <Loading what="your cart" />}
      <CartLines entries={entries} />
      <p className="subtotal">
        <span>Subtotal</span> <strong>{dollars(subtotal)}</strong>
      </p>
      <p className="muted">
        Referral discounts are applied at checkout, once the shop has accepted your code.
      </p>
      <div className="actions">
        {ready ? (
          <Link href="/checkout" className="button">
            Continue to checkout
          </Link>
        ) : (
          !pending && <p className="error">Fix the lines marked above to carry on.</p>
        )}
        <Link href="/" className="button secondary">
          Keep shopping
        </Link>
      </div>
    </section>
  );
}
