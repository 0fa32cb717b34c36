import type { MetadataRoute } from 'next';
import { headers } from 'next/headers';
import { getQueryClient, getServerTRPC } from '../trpc/server';

// One sitemap file holds at most 50,000 URLs; the catalog is read 100 products at a time.
const MAX_PAGES = 499;

/** Where this storefront is reached, as the request that asked for the sitemap names it. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]?.trim()}://${host.split(',')[0]?.trim()}`;
}

/** The catalog and every active product, read from the API when asked (never at build time). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = await origin();
  const trpc = getServerTRPC();
  const entries: MetadataRoute.Sitemap = [{ url: `${base}/`, changeFrequency: 'daily' }];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const input = cursor === undefined ? { limit: 100 } : { limit: 100, cursor };
    const { items, nextCursor } = await getQueryClient().fetchQuery(
      trpc.product.list.queryOptions(input, { retry: false }),
    );
    for (const product of items) {
      entries.push({ url: `${base}/products/${product.id}`, lastModified: product.createdAt });
    }
    if (nextCursor === null) break;
    cursor = nextCursor;
  }
  return entries;
}
