import type { ProductCategory } from '@puffy/client';

export const CATALOG_PAGE_SIZE = 12;

/** The catalog's list input; the server's first page and the browser's later ones share it. */
export function catalogInput(category: ProductCategory | undefined) {
  return category ? { limit: CATALOG_PAGE_SIZE, category } : { limit: CATALOG_PAGE_SIZE };
}

/** Where the next page starts (tRPC's infinite queries send it as `cursor`). */
export const nextCursorOf = (page: { nextCursor: string | null }) => page.nextCursor;

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  VAPE: 'Vapes',
  DEVICE: 'Devices',
  ACCESSORY: 'Accessories',
  MERCH: 'Merch',
};
