import type { RouterOutputs } from '@puffy/client';
import Link from 'next/link';
import { dollars } from '../lib/money';
import { CATEGORY_LABELS } from './query';

export type CatalogProduct = RouterOutputs['product']['list']['items'][number];

/**
 * One product in the catalog grid. No hooks and no 'use client': the catalog's first page
 * renders it on the server (no JavaScript for it), "Load more" renders it in the browser.
 */
export function ProductCard({ product }: { product: CatalogProduct }) {
  return (
    <li className="card">
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
  );
}
