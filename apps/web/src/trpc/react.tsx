'use client';

import { type AppRouter, createPuffyLinks } from '@puffy/client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import { useSettings } from '../components/settings';
import { createQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

// One QueryClient per browser tab (a new one per server render), so a suspense re-render
// during hydration does not throw the cache away, and every section that mounts its own
// provider (see DataLayout) shares one cache: a mutation's invalidation reaches every list.
function getQueryClient() {
  if (typeof window === 'undefined') return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

/** Forgets every cached answer (after sign-out), if this tab ever loaded any. */
export function clearBrowserCache(): void {
  browserQueryClient?.clear();
}

/**
 * The API's tRPC client on @puffy/client's links. In the browser it calls the storefront's own
 * `/api/trpc`, which adds the session token from its httpOnly cookie and forwards to the API; a
 * server render (anonymous) calls the API directly.
 */
export function TRPCReactProvider({
  apiUrl,
  maxBatchItems,
  children,
}: {
  apiUrl: string;
  /** The server's batch size (`shop.settings`); the client's default when unknown. */
  maxBatchItems?: number | undefined;
  children: ReactNode;
}) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: createPuffyLinks({
        url: typeof window === 'undefined' ? apiUrl : `${window.location.origin}/api`,
        ...(maxBatchItems === undefined ? {} : { maxBatchItems }),
      }),
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * The data layer for a section of the shop (product pages, cart, checkout, orders, account,
 * admin). It is not in the root layout: the catalog renders on the server and its first load
 * carries no TanStack Query or tRPC client (see docs/benchmarks.md).
 */
export function DataLayout({
  maxBatchItems,
  children,
}: {
  maxBatchItems?: number | undefined;
  children: ReactNode;
}) {
  const { apiUrl } = useSettings();
  return (
    <TRPCReactProvider apiUrl={apiUrl} maxBatchItems={maxBatchItems}>
      {children}
    </TRPCReactProvider>
  );
}
