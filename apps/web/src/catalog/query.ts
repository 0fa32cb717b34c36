import type { ProductCategory, PuffyClient } from '@puffy/client';
import { pagedQueryOptions } from '../lib/paged-query';

export const CATALOG_PAGE_SIZE = 12;

/** The catalog's pages; the server prefetch and the browser build the same query key. */
export function catalogQueryOptions(client: PuffyClient, category: ProductCategory | undefined) {
  const input = category ? { limit: CATALOG_PAGE_SIZE, category } : { limit: CATALOG_PAGE_SIZE };
  return pagedQueryOptions('product.list', input, (i) => client.product.list.query(i));
}

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  VAPE: 'Vapes',
  DEVICE: 'Devices',
  ACCESSORY: 'Accessories',
  MERCH: 'Merch',
};
