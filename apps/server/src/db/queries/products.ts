import type { ProductCategory } from '@puffy/core';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { products } from '../schema';
import { afterCursor, keyset, type PageRequest } from './pagination';

export type ProductRow = typeof products.$inferSelect;

export interface ProductFilter {
  category?: ProductCategory | undefined;
  /** Buyers see active products only; admins see everything. */
  includeInactive?: boolean;
}

interface CatalogShape {
  byCategory: boolean;
  afterCursor: boolean;
}

/** The buyer's catalog page as a prepared statement, one per shape (category? cursor?). */
function preparedCatalogPage(db: Database, shape: CatalogShape) {
  return db
    .select()
    .from(products)
    .where(
      and(
        eq(products.active, true),
        shape.byCategory ? eq(products.category, sql.placeholder('category')) : undefined,
        shape.afterCursor
          ? sql`(${products.createdAt}, ${products.id}) > (${sql.placeholder('afterCreatedAt')}::timestamptz, ${sql.placeholder('afterId')}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(products.createdAt), asc(products.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(
      `catalog_page_${shape.byCategory ? 'category' : 'all'}_${shape.afterCursor ? 'after' : 'first'}`,
    );
}

type PreparedCatalogPage = ReturnType<typeof preparedCatalogPage>;

/**
 * Prepared statements per database handle (a cache, not shared state: a WeakMap entry lives as
 * long as its handle). Building the query with Drizzle and having Postgres parse and plan it on
 * every request cost more than running it (docs/benchmarks.md).
 */
const preparedPages = new WeakMap<Database, Map<string, PreparedCatalogPage>>();

function catalogPageStatement(db: Database, shape: CatalogShape): PreparedCatalogPage {
  let byShape = preparedPages.get(db);
  if (!byShape) {
    byShape = new Map();
    preparedPages.set(db, byShape);
  }
  const key = `${shape.byCategory}:${shape.afterCursor}`;
  let statement = byShape.get(key);
  if (!statement) {
    statement = preparedCatalogPage(db, shape);
    byShape.set(key, statement);
  }
  return statement;
}

export async function selectProductPage(
  db: Database,
  page: PageRequest,
  filter: ProductFilter,
): Promise<ProductRow[]> {
  if (!filter.includeInactive) {
    // The buyer's catalog, the hot path: prepared, with the same keyset as below.
    const after = page.cursor === undefined ? undefined : afterCursor(page.cursor);
    return catalogPageStatement(db, {
      byCategory: filter.category !== undefined,
      afterCursor: after !== undefined,
    }).execute({
      category: filter.category,
      afterCreatedAt: after?.createdAt.toISOString(),
      afterId: after?.id,
      // One extra row tells whether there is another page.
      limit: page.limit + 1,
      offset: after === undefined ? (page.offset ?? 0) : 0,
    });
  }
  const k = keyset(products, page, 'asc');
  const where: Array<SQL | undefined> = [k.after];
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
