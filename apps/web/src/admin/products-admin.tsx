'use client';

import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Success } from '../components/field';
import { LoadMore } from '../components/load-more';
import { QueryGate } from '../components/query-gate';
import { useTRPC } from '../trpc/react';
import { NewProduct } from './new-product-form';
import { ProductRow } from './product-row';

/** Every product (inactive too), oldest first, paged; each editable; and "New product". */
export function ProductsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const query = useInfiniteQuery(
    trpc.admin.product.list.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const saved = (message: string) => {
    setDone(message);
    // The admin's list and every buyer-side read of the catalog in this tab.
    void queryClient.invalidateQueries(trpc.admin.product.list.pathFilter());
    void queryClient.invalidateQueries(trpc.product.pathFilter());
  };
  return (
    <section className="panel" aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      <Success message={done} />
      <QueryGate query={query} subject={{ name: 'The products' }} loading="products">
        {(data) => (
          <>
            <ul className="grid products-admin" aria-label="Products">
              {data.pages
                .flatMap((p) => p.items)
                .map((p) => (
                  // Keyed by what was loaded: a reload after a save starts the row afresh.
                  <ProductRow
                    key={`${p.id}-${p.stock}-${p.priceCents}-${p.active}`}
                    product={p}
                    onSaved={saved}
                  />
                ))}
            </ul>
            <LoadMore query={query} label="Load more products" />
          </>
        )}
      </QueryGate>
      <NewProduct onSaved={saved} />
    </section>
  );
}
