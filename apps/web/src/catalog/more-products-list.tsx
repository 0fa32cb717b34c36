'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorView } from '../components/error-view';
import { LoadMore } from '../components/load-more';
import { useSettings } from '../components/settings';
import { describeProblem } from '../lib/describe-problem';
import { problemOf } from '../lib/problem';
import { TRPCReactProvider, useTRPC } from '../trpc/react';
import type { MoreProductsProps } from './more-products';
import { ProductCard } from './product-card';
import { catalogInput, nextCursorOf } from './query';

function Pages({ category, after }: MoreProductsProps) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.product.list.infiniteQueryOptions(catalogInput(category), {
      initialCursor: after,
      getNextPageParam: nextCursorOf,
    }),
  );
  const list = useRef<HTMLUListElement>(null);
  const pages = query.data?.pages ?? [];
  const total = pages.reduce((n, p) => n + p.items.length, 0);
  const firstNew = total - (pages.at(-1)?.items.length ?? 0);
  const focusedPages = useRef(0);
  // Keyboard and screen-reader users land on the first product that just arrived.
  useEffect(() => {
    if (pages.length <= focusedPages.current) return;
    focusedPages.current = pages.length;
    list.current?.querySelectorAll('a')[firstNew]?.focus();
  }, [pages.length, firstNew]);

  if (!query.data) {
    if (query.error) {
      return (
        <ErrorView
          view={describeProblem(problemOf(query.error), { name: 'More products' })}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return (
      <div className="load-more">
        <button type="button" className="secondary" disabled>
          Loading…
        </button>
      </div>
    );
  }
  return (
    <>
      <ul className="grid more" aria-label="More products" ref={list}>
        {query.data.pages.flatMap((page) =>
          page.items.map((product) => <ProductCard key={product.id} product={product} />),
        )}
      </ul>
      <LoadMore query={query} />
    </>
  );
}

/** The catalog's pages after the first, with the data layer they need (loaded on demand). */
export function MoreProductsList(props: MoreProductsProps) {
  const { apiUrl } = useSettings();
  return (
    <TRPCReactProvider apiUrl={apiUrl}>
      <Pages {...props} />
    </TRPCReactProvider>
  );
}
