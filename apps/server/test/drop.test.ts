import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderItems, orders, products } from '../src/db/schema';
import { usesRealPostgres } from './backends';
import { type Buyer, openShop, rawOrderOne, type Shop, stockOf } from './shop';

describe.skipIf(!usesRealPostgres)('a drop on real Postgres', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop.close());

  it('60 buyers, 25 units, all at once: exactly 25 orders, 35 OUT_OF_STOCK, stock 0, no 5xx', async () => {
    const units = 25;
    const item = await shop.product({ stock: units });
    const crowd: Buyer[] = [];
    for (let i = 0; i < 60; i += 10) {
      crowd.push(...(await Promise.all(Array.from({ length: 10 }, () => shop.buyer()))));
    }

    const answers = await Promise.all(crowd.map((buyer) => rawOrderOne(shop.url, buyer, item.id)));

    const reasonOf = (body: unknown) =>
      (body as { error?: { json?: { data?: { reason?: string } } } }).error?.json?.data?.reason;
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(units);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => [a.status, reasonOf(a.body)])).toEqual(
      Array(60 - units).fill([409, 'OUT_OF_STOCK']),
    );
    expect(await stockOf(shop, item.id)).toBe(0);
    const [sold] = await shop.world.db
      .select({ n: count() })
      .from(orderItems)
      .where(eq(orderItems.productId, item.id));
    expect(sold?.n).toBe(units);
    // Every buyer who got an order has exactly one; nobody else has any.
    const placed = await shop.world.db
      .select({ userId: orders.userId })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(eq(orderItems.productId, item.id));
    expect(new Set(placed.map((p) => p.userId)).size).toBe(units);
    const [row] = await shop.world.db
      .select({ stock: products.stock })
      .from(products)
      .where(eq(products.id, item.id));
    expect(row?.stock).toBe(0);
  });
});
