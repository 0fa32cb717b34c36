import type { ProductCategory } from '@puffy/client';

export const CATALOG_PAGE_SIZE = 12;

/** The catalog query's input: the server prefetch and the browser must build the same key. */
export function catalogInput(category: ProductCategory | undefined) {
  return category ? { limit: CATALOG_PAGE_SIZE, category } : { limit: CATALOG_PAGE_SIZE };
}

export const nextCatalogCursor = (page: { nextCursor: string | null }) =>
  page.nextCursor ?? undefined;

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  VAPE: 'Vapes',
  DEVICE: 'Devices',
  ACCESSORY: 'Accessories',
  MERCH: 'Merch',
};
