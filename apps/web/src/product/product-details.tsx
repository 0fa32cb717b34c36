'use client';

import { ORDER_LINE_MAX_QUANTITY } from '@puffy/client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { addToCart } from '../cart/cart';
import { cartStore } from '../cart/cart-store';
import { CATEGORY_LABELS } from '../catalog/query';
import { dollars } from '../lib/money';
import { useTRPC } from '../trpc/react';

export function ProductDetails({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.product.byId.queryOptions({ id }));
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);

  if (query.isError) {
    return (
      <>
        <h1>Product not found</h1>
        <p>
          This product is not available. <Link href="/">Back to the catalog</Link>
        </p>
      </>
    );
  }
  const product = query.data;
  if (!product) return <h1>Loading…</h1>;
  const max = Math.max(1, Math.min(ORDER_LINE_MAX_QUANTITY, product.stock));

  const add = () => {
    cartStore.write(addToCart(cartStore.read(), product.id, quantity));
    setAdded(quantity);
  };

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
          Vapes ship only to the US, Canada, the UK, Germany, France, Australia and Japan, to buyers
          of legal age.
        </p>
      )}
      {product.stock > 0 ? (
        <>
          <p className="muted">{product.stock} in stock</p>
          <div className="field" style={{ maxWidth: '8rem' }}>
            <label htmlFor="quantity">Quantity</label>
            <input
              id="quantity"
              type="number"
              min={1}
              max={max}
              value={quantity}
              onChange={(e) =>
                setQuantity(Math.max(1, Math.min(max, Math.floor(Number(e.target.value) || 1))))
              }
            />
          </div>
          <button type="button" onClick={add}>
            Add to cart
          </button>
          {added !== null && (
            <p className="notice" role="status">
              Added {added} to your cart. <Link href="/">Keep shopping</Link>
            </p>
          )}
        </>
      ) : (
        <p className="stock-out">Sold out</p>
      )}
    </article>
  );
}
