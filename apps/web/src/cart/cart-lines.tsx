'use client';

import Link from 'next/link';
import { QuantityStepper } from '../components/quantity-stepper';
import { dollars } from '../lib/money';
import { removeFromCart, setQuantity } from './cart';
import { cartStore } from './cart-store';
import type { CartEntry } from './use-cart-products';

const change = (productId: string, quantity: number, max: number) =>
  cartStore.write(setQuantity(cartStore.read(), productId, quantity, max));
const remove = (productId: string) => cartStore.write(removeFromCart(cartStore.read(), productId));

/** The cart's lines, each with − / + and a typed quantity, its total, and "Remove". */
export function CartLines({ entries }: { entries: readonly CartEntry[] }) {
  return (
    <ul className="cart-lines" aria-label="Cart lines">
      {entries.map((entry) => (
        <li key={entry.productId} className="cart-line">
          <CartLineView entry={entry} />
        </li>
      ))}
    </ul>
  );
}

function CartLineView({ entry }: { entry: CartEntry }) {
  const { product, limit } = entry;
  const name = product?.name ?? 'A product';
  return (
    <>
      <div className="line-name">
        {product ? (
          <Link href={`/products/${product.id}`}>{product.name}</Link>
        ) : (
          <span>{name}</span>
        )}
        {product && <span className="muted">{dollars(product.priceCents)} each</span>}
      </div>
      {product && limit && limit.max > 0 && (
        <QuantityStepper
          id={`quantity-${entry.productId}`}
          label={`Quantity of ${product.name}`}
          itemName={product.name}
          value={entry.quantity}
          limit={limit}
          onChange={(quantity) => change(entry.productId, quantity, limit.max)}
        />
      )}
      <span className="line-total">
        {product ? dollars(product.priceCents * entry.quantity) : ''}
      </span>
      <button
        type="button"
        className="link-button danger line-remove"
        aria-label={`Remove ${name}`}
        onClick={() => remove(entry.productId)}
      >
        Remove
      </button>
      {entry.problem && (
        <p className="error line-problem">
          {entry.problem}
          {entry.failure?.kind === 'unavailable' && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={entry.retry}>
                Try again
              </button>
            </>
          )}
        </p>
      )}
    </>
  );
}
