import { errorReason, transformer } from '@puffy/client';
import {
  defaultShouldDehydrateQuery,
  MutationCache,
  QueryCache,
  QueryClient,
} from '@tanstack/react-query';
import { isSessionGone } from '../session/session-gone';
import { readSession } from '../session/session-store';

/** A refusal (4xx: not found, not allowed, bad input) will not change on retry; outages may. */
function retryServerErrorsOnly(failureCount: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  if (typeof status === 'number' && status < 500) return false;
  return failureCount < 2;
}

/**
 * Any query or mutation that the API refuses because the session is gone signs this browser
 * out, once, everywhere: the header offers "Sign in" with "Your session ended — sign in again",
 * and pages that need a session say so instead of waiting for data that will not come.
 */
function onError(error: unknown): void {
  if (typeof window === 'undefined' || readSession() === null) return;
  if (!isSessionGone(errorReason(error))) return;
  void import('../session/end-session').then(({ endSession }) => endSession({ ended: true }));
}

/**
 * One QueryClient shape for the server render and the browser. Dehydrated data travels with the
 * same transformer as the API's answers, so Dates survive the trip into the first HTML.
 */
export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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
