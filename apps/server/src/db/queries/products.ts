import type { ProductCategory } from '@puffy/core';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { products } from '../schema';
import { keyset, type PageRequest } from './pagination';

export type ProductRow = typeof products.$inferSelect;

export interface ProductFilter {
  category?: ProductCategory | undefined;
  /** Buyers see active products only; admins see everything. */
  includeInactive?: boolean;
}

export async function selectProductPage(
  db: Database,
  page: PageRequest,
  filter: ProductFilter,
): Promise<ProductRow[]> {
  const k = keyset(products, page, 'asc');
  const where: Array<SQL | undefined> = [k.after];
  if (!filter.includeInactive) where.push(eq(products.active, true));
  if (filter.category) where.push(eq(products.category, filter.category));
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(...k.orderBy)
    .limit(k.limit)
    .offset(k.offset);
}

export async function selectProductById(
  db: Database,
  id: string,
  filter: Pick<ProductFilter, 'includeInactive'> = {},
): Promise<ProductRow | undefined> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, id), filter.includeInactive ? undefined : eq(products.active, true)))
    .limit(1);
  return row;
}

export type NewProductRow = typeof products.$inferInsert;

export async function insertProduct(db: Database, values: NewProductRow): Promise<ProductRow> {
  const [row] = await db.insert(products).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Updates the given fields; with `expectedStock`, only while stock still has that value. */
export async function updateProduct(
  db: Database,
  id: string,
  values: Partial<Omit<NewProductRow, 'id'>>,
  expectedStock?: number,
): Promise<ProductRow | undefined> {
  const [row] = await db
    .update(products)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(products.id, id),
        expectedStock === undefined ? undefined : eq(products.stock, expectedStock),
      ),
    )
    .returning();
  return row;
}
