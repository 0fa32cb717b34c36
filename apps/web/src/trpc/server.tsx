import { type AppRouter, createPuffyLinks } from '@puffy/client';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { cache } from 'react';
import { webSettings } from '../env';
import { createQueryClient } from './query-client';

/** One QueryClient per server request (React's `cache` is request-scoped). */
export const getQueryClient = cache(createQueryClient);

/**
 * The API client for server components. Server rendering reads the API over HTTP at API_URL,
 * like any client: the storefront holds no server code and no database access.
 */
const getServerClient = cache(() =>
  createTRPCClient<AppRouter>({
    links: createPuffyLinks({ url: webSettings().apiUrl, timeoutMs: 10_000 }),
  }),
);

/** tRPC query options for server components (prefetch what a page's client part will read). */
export const getServerTRPC = cache(() =>
  createTRPCOptionsProxy<AppRouter>({ client: getServerClient(), queryClient: getQueryClient }),
);

/** Hands the queries fetched during this render to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
