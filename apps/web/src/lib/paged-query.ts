import { infiniteQueryOptions } from '@tanstack/react-query';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * "Load more" paging over a list procedure. Not tRPC's `infiniteQueryOptions`: it adds a
 * `direction` field to the input, and the API's list inputs are strict objects that refuse
 * unknown fields. Only `cursor` is sent, as the API documents.
 */
export function pagedQueryOptions<TInput extends object, TItem>(
  key: string,
  input: TInput,
  fetchPage: (input: TInput & { cursor?: string }) => Promise<Page<TItem>>,
) {
  return infiniteQueryOptions({
    queryKey: [key, input] as const,
    queryFn: ({ pageParam }) => fetchPage(pageParam ? { ...input, cursor: pageParam } : input),
    initialPageParam: null as string | null,
    getNextPageParam: (page: Page<TItem>) => page.nextCursor,
  });
}
