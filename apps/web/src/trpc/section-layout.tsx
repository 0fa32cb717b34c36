import type { ReactNode } from 'react';
import { DataLayout } from './react';
import { getQueryClient, getServerTRPC, HydrateClient } from './server';

/**
 * A section that reads the API from the browser (product pages, cart, checkout, orders, account,
 * admin): the shop's settings are read on the server first, so the browser's client batches as
 * many calls as this server takes and the pages preview with its settings, not copies.
 */
export async function SectionLayout({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const options = getServerTRPC().shop.settings.queryOptions(undefined, { retry: false });
  // Unreachable API: the client keeps its default batch size and the pages ask again themselves.
  const settings = await queryClient.fetchQuery(options).catch(() => null);
  return (
    <DataLayout maxBatchItems={settings?.maxBatchSize}>
      <HydrateClient>{children}</HydrateClient>
    </DataLayout>
  );
}
