import { type AdminProductUpsertInput, DomainError, type Product } from '@puffy/core';
import type { z } from 'zod';
import type { Database } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { insertProduct, updateProduct } from '../db/queries/products';
import { toProduct } from './catalog';

/**
 * `admin.product.upsert`: creates a product (no id) or replaces its fields (id). A slug taken by
 * another product is CONFLICT. Prices change only for future orders: order lines keep the price
 * and name they were bought at.
 */
export async function upsertProduct(
  db: Database,
  input: z.output<typeof AdminProductUpsertInput>,
): Promise<Product> {
  const { id, ...fields } = input;
  try {
    if (id === undefined) return toProduct(await insertProduct(db, fields));
    const row = await updateProduct(db, id, fields);
    if (!row) throw new DomainError('PRODUCT_NOT_FOUND', 'No such product');
    return toProduct(row);
  } catch (err) {
    if (isUniqueViolation(err, 'products_slug_key')) {
      throw new DomainError('PRODUCT_SLUG_TAKEN', `Another product already uses ${input.slug}`);
    }
    throw err;
  }
}
