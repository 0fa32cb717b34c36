'use client';

import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Success } from '../components/field';
import { LoadMore } from '../components/load-more';
import { QueryGate } from '../components/query-gate';
import { useTRPC } from '../trpc/react';
import { ReviewItem } from './review-item';

/** Payments needing the admin's decision, newest first, paged with "Load more". */
export function ReviewAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const query = useInfiniteQuery(
    trpc.admin.payment.needsReview.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const resolved = (message: string) => {
    setDone(message);
    void queryClient.invalidateQueries(trpc.admin.payment.needsReview.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.order.list.pathFilter());
    void queryClient.invalidateQueries(trpc.order.pathFilter());
  };
  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Payments to review</h2>
      <Success message={done} />
      <QueryGate query={query} subject={{ name: 'The payments to review' }} loading="payments">
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (items.length === 0) return <p className="muted">Nothing needs review.</p>;
          return (
            <>
              <div className="review-list">
                {items.map((item) => (
                  <ReviewItem key={item.id} item={item} onResolved={resolved} />
                ))}
              </div>
              <LoadMore query={query} label="Load more payments" />
            </>
          );
        }}
      </QueryGate>
    </section>
  );
}
