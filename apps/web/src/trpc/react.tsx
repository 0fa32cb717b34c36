'use client';

import { type AppRouter, createPuffyLinks } from '@puffy/client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import { readSession } from '../session/session-store';
import { createQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

// One QueryClient per browser tab (a new one per server render), so a suspense re-render
// during hydration does not throw the cache away.
function getQueryClient() {
  if (typeof window === 'undefined') return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

/** The API's tRPC client on @puffy/client's links; the token is read before every request. */
export function TRPCReactProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: createPuffyLinks({ url: apiUrl, getToken: () => readSession()?.token }),
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
