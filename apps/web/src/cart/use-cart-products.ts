'use client';

import type { RouterOutputs } from '@puffy/client';
import { useQueries } from '@tanstack/react-query';
import { type Problem, problemOf } from '../lib/problem';
import { useTRPC } from '../trpc/react';
import type { CartLine } from './cart-store';
import { type LineLimit, lineLimit } from './quantity';
import { useCart } from './use-cart';

export type CartProductData = RouterOutputs['product']['byId'];

/** A cart line with what the API says about its product now. */
export interface CartEntry extends CartLine {
  product: CartProductData | null;
  limit: LineLimit | null;
  /** Why the product could not be read (not found: no longer sold; or an outage). */
  failure: Problem | null;
  /** What stops this line from being ordered as it stands, in words; null when nothing. */
  problem: string | null;
  retry: () => void;
}

function lineProblem(line: CartLine, product: CartProductData | null, failure: Problem | null) {
  if (failure?.kind === 'not-found')
    return 'This product is no longer sold: remove it to carry on.';
  if (failure) return 'This product could not be loaded just now.';
  if (!product) return null;
  if (product.stock === 0) return 'Sold out: remove it to carry on.';
  if (line.quantity > product.stock) {
    return `Only ${product.stock} left: lower the quantity to carry on.`;
  }
  return null;
}

/**
 * The cart's lines joined with each product as the API has it now (price, stock), through the
 * same `product.byId` queries the product pages use, so they share one cache.
 */
export function useCartProducts() {
  const trpc = useTRPC();
  const cart = useCart();
  const queries = useQueries({
    queries: cart.map((line) => trpc.product.byId.queryOptions({ id: line.productId })),
  });
  const entries: CartEntry[] = cart.map((line, i) => {
    const query = queries[i];
    const product = query?.data ?? null;
    const failure = !product && query?.error ? problemOf(query.error) : null;
    return {
      ...line,
      product,
      limit: product ? lineLimit(product.stock) : null,
      failure,
      problem: lineProblem(line, product, failure),
      retry: () => void query?.refetch(),
    };
  });
  return {
    cart,
    entries,
    pending: queries.some((q) => q.isPending && !q.error),
    /** Every line's product is known and orderable as it stands. */
    ready: entries.every((e) => e.product !== null && e.problem === null),
  };
}
