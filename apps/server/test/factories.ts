import { randomBytes } from 'node:crypto';
import type { Database } from '../src/db/client';
import { products } from '../src/db/schema';

type NewProduct = typeof products.$inferInsert;

let counter = 0;

export function productValues(overrides: Partial<NewProduct> = {}): NewProduct {
  counter += 1;
  const slug = `test-product-${counter}-${randomBytes(3).toString('hex')}`;
  return {
    slug,
    name: `Test product ${counter}`,
    description: 'A product made by a test',
    category: 'MERCH',
    priceCents: 1000 + counter,
    stock: 100,
    ...overrides,
  };
}

export async function insertProducts(
  db: Database,
  count: number,
  overrides: Partial<NewProduct> = {},
) {
  if (count === 0) return [];
  return db
    .insert(products)
    .values(Array.from({ length: count }, () => productValues(overrides)))
    .returning();
}

/** Inserts one product per entry, each filled in with defaults. */
export async function insertProductRows(db: Database, rows: Array<Partial<NewProduct>>) {
  return db.insert(products).values(rows.map(productValues)).returning();
}
