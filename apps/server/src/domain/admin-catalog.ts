import { type AdminProductUpsertInput, DomainError, type Product } from '@puffy/core';
import type { z } from 'zod';
import type { Database } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { insertProduct, selectProductById, updateProduct } from '../db/queries/products';
import type { Deps } from '../deps';
import { toProduct } from './catalog';

/**
 * `admin.product.upsert`: without `id` a create (description '', passRequired false and active
 * true unless given); with `id` an update that writes only the fields sent, so a left-out field
 * keeps its value. A slug taken by another product is CONFLICT. Prices change only for future
 * orders: order lines keep the price and name they were bought at.
 */
export async function upsertProduct(
  deps: Pick<Deps, 'database' | 'catalogAnswers'>,
  input: z.output<typeof AdminProductUpsertInput>,
): Promise<Product> {
  const product = await writeProduct(deps.database.db, input);
  // The admin sees the change at once here; other instances within a second (the answers' bound).
  deps.catalogAnswers.invalidate();
  return product;
}

async function writeProduct(
  db: Database,
  input: z.output<typeof AdminProductUpsertInput>,
): Promise<Product> {
  try {
    if ('id' in input) {
      const { id, expectedStock, ...changes } = input;
      const row =
        Object.keys(changes).length === 0
          ? await selectProductById(db, id, { includeInactive: true })
          : await updateProduct(db, id, changes, expectedStock);
      if (row) return toProduct(row);
      const exists = await selectProductById(db, id, { includeInactive: true });
      if (exists && expectedStock !== undefined) {
        throw new DomainError('STOCK_CHANGED', 'Stock changed since the form was loaded', {
          stock: exists.stock,
        });
      }
      throw new DomainError('PRODUCT_NOT_FOUND', 'No such product');
    }
    return toProduct(
      await insertProduct(db, {
        ...input,
        description: input.description ?? '',
        passRequired: input.passRequired ?? false,
        active: input.active ?? true,
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'products_slug_key')) {
      throw new DomainError('PRODUCT_SLUG_TAKEN', 'Another product already uses that slug');
    }
    throw err;
  }
}
