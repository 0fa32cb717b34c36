'use client';

import type { ProductCategory } from '@puffy/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { LoadMore } from '../components/load-more';
import { dollars } from '../lib/money';
import { useTRPCClient } from '../trpc/react';
import { CATEGORY_LABELS, catalogQueryOptions } from './query';

export function ProductGrid({ category }: { category: ProductCategory | undefined }) {
  const client = useTRPCClient();
  const query = useInfiniteQuery(catalogQueryOptions(client, category));
  if (query.isError) {
    return (
      <p className="notice bad" role="alert">
        The catalog could not be loaded. Please try again in a moment.
      </p>
    );
  }
  if (!query.data) return <p className="muted">Loading products…</p>;
  const products = query.data.pages.flatMap((page) => page.items);
  if (products.length === 0) return <p className="muted">Nothing here yet.</p>;

  return (
    <>
      <ul className="grid" aria-label="Products">
        {products.map((product) => (
          <li key={product.id} className="card">
            <div>
              <span className="tag">{CATEGORY_LABELS[product.category]}</span>
              {product.passRequired && <span className="tag pass">Pass holders</span>}
            </div>
            <h3>
              <Link href={`/products/${product.id}`}>{product.name}</Link>
            </h3>
            <p className="muted">{product.description}</p>
            <p className="price">{dollars(product.priceCents)}</p>
            {product.stock > 0 ? (
              <p className="muted">{product.stock} in stock</p>
            ) : (
              <p className="stock-out">Sold out</p>
            )}
          </li>
        ))}
      </ul>
      <LoadMore query={query} />
    </>
  );
}
