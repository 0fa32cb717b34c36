import { DomainError, type Page, type Product, type ProductCategory } from '@puffy/core';
import type { Database } from '../db/client';
import { type PageRequest, toPage } from '../db/queries/pagination';
import { type ProductRow, selectProductById, selectProductPage } from '../db/queries/products';

/** The one mapping from a products row to the API's Product: no stray columns leave the server. */
export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    priceCents: row.priceCents,
    stock: row.stock,
    passRequired: row.passRequired,
    active: row.active,
    createdAt: row.createdAt,
  };
}

export async function listCatalog(
  db: Database,
  request: PageRequest & { category?: ProductCategory | undefined },
): Promise<Page<Product>> {
  const rows = await selectProductPage(db, request, { category: request.category });
  return toPage(rows, request.limit, toProduct);
}

/** Admins see inactive products too. */
export async function listAllProducts(
  db: Database,
  request: PageRequest & { category?: ProductCategory | undefined },
): Promise<Page<Product>> {
  const rows = await selectProductPage(db, request, {
    category: request.category,
    includeInactive: true,
  });
  return toPage(rows, request.limit, toProduct);
}

export async function getCatalogProduct(db: Database, id: string): Promise<Product> {
  const row = await selectProductById(db, id);
  if (!row) throw new DomainError('PRODUCT_NOT_FOUND', 'No such product');
  return toProduct(row);
}
