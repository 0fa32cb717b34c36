'use client';

import { type RouterOutputs, VAPE_ELIGIBLE_COUNTRIES } from '@puffy/client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { addToCart, quantityInCart } from '../cart/cart';
import { cartStore } from '../cart/cart-store';
import { lineLimit } from '../cart/quantity';
import { useCart } from '../cart/use-cart';
import { CATEGORY_LABELS } from '../catalog/query';
import { QuantityStepper } from '../components/quantity-stepper';
import { QueryGate } from '../components/query-gate';
import { countryList } from '../lib/countries';
import { dollars } from '../lib/money';
import { useTRPC } from '../trpc/react';

type Product = RouterOutputs['product']['byId'];

const NOT_FOUND = {
  title: 'Product not found',
  text: 'There is no such product, or it is no longer sold.',
  link: { href: '/', label: 'Back to the catalog' },
};

export function ProductDetails({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.product.byId.queryOptions({ id }));
  return (
    <QueryGate
      query={query}
      subject={{ name: 'This product', notFound: NOT_FOUND }}
      loading="product"
      h1
    >
      {(product) => <ProductView product={product} />}
    </QueryGate>
  );
}

function ProductView({ product }: { product: Product }) {
  return (
    <article className="panel">
      <p>
        <span className="tag">{CATEGORY_LABELS[product.category]}</span>
        {product.passRequired && <span className="tag pass">Pass holders only</span>}
      </p>
      <h1>{product.name}</h1>
      <p>{product.description}</p>
      <p className="price">{dollars(product.priceCents)}</p>
      {product.category === 'VAPE' && (
        <p className="muted">
          Vapes ship only to {countryList(VAPE_ELIGIBLE_COUNTRIES)}, to buyers of legal age.
        </p>
      )}
      {product.stock > 0 ? <AddToCart product={product} /> : <p className="stock-out">Sold out</p>}
    </article>
  );
}

/** Quantity and "Add to cart", bounded by stock and by what the cart already holds. */
function AddToCart({ product }: { product: Product }) {
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  const limit = lineLimit(product.stock);
  const inCart = quantityInCart(cart, product.id);
  const room = { ...limit, max: Math.max(0, limit.max - inCart) };

  const add = () => {
    const before = quantityInCart(cartStore.read(), product.id);
    const lines = addToCart(cartStore.read(), product.id, Math.min(quantity, room.max), limit.max);
    cartStore.write(lines);
    setAdded(quantityInCart(lines, product.id) - before);
    setQuantity(1);
  };

  return (
    <>
      <p className="muted">{product.stock} in stock</p>
      {room.max > 0 ? (
        <div className="add-to-cart">
          <QuantityStepper
            id="quantity"
            label="Quantity"
            value={Math.min(quantity, room.max)}
            limit={room}
            onChange={setQuantity}
            action={
              <button type="button" onClick={add}>
                Add to cart
              </button>
            }
          />
        </div>
      ) : (
        <p className="notice">
          Your cart holds {inCart}: the most one order can take of this product.{' '}
          <Link href="/cart">View your cart</Link>
        </p>
      )}
      {added !== null && (
        <p className="notice" role="status">
          {added > 0
            ? `Added ${added} to your cart.`
            : 'Your cart already holds the most you can order.'}{' '}
          <Link href="/cart">View cart</Link> · <Link href="/">Keep shopping</Link>
        </p>
      )}
    </>
  );
}
