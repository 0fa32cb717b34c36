import { cache } from 'react';
import { problemOf } from '../lib/problem';
import { getQueryClient, getServerTRPC } from '../trpc/server';

/**
 * The product a page is about, read once per request (its metadata and its body share it):
 * the product, `not-found` for an unknown, inactive or malformed id, or `unavailable` when the
 * shop could not be asked (the page then renders and offers a retry).
 */
export const readProduct = cache(async (id: string) => {
  const options = getServerTRPC().product.byId.queryOptions({ id }, { retry: false });
  try {
    return { product: await getQueryClient().fetchQuery(options) } as const;
  } catch (error) {
    return { problem: problemOf(error).kind } as const;
  }
});
