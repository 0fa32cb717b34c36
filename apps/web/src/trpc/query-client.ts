import { transformer } from '@puffy/client';
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';

/** A refusal (4xx: not found, not allowed, bad input) will not change on retry; outages may. */
function retryServerErrorsOnly(failureCount: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  if (typeof status === 'number' && status < 500) return false;
  return failureCount < 2;
}

/**
 * One QueryClient shape for the server render and the browser. Dehydrated data travels with the
 * same transformer as the API's answers, so Dates survive the trip into the first HTML.
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Server-rendered data is fresh on arrival: no refetch straight after hydration.
      queries: { staleTime: 30_000, retry: retryServerErrorsOnly },
      dehydrate: {
        serializeData: transformer.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: transformer.deserialize },
    },
  });
}
