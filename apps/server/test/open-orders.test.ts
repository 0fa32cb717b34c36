import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema';
import { renderApiDoc } from '../src/trpc/api-doc';
import { appRouter } from '../src/trpc/router';
import { usesRealPostgres } from './backends';
import { type Buyer, openShop, type Shop } from './shop';

async function openOrdersOf(shop: Shop, buyer: Buyer) {
  const [row] = await shop.world.db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.userId, buyer.userId), eq(orders.status, 'NEW')));
  return row?.n;
}

describe('open NEW orders per buyer are capped (MAX_OPEN_ORDERS_PER_USER=3)', () => {
  let shop: Shop;
  let product: { id: string };
  beforeAll(async () => {
    shop = await openShop({ env: { MAX_OPEN_ORDERS_PER_USER: '3' } });
    product = await shop.product({ stock: 1000 });
  });
  afterAll(() => shop.close());

  const items = () => [{ productId: product.id, quantity: 1 }];

  it('the 4th unpaid order is refused with a clear reason; cancelling one frees a slot', async () => {
    const buyer = await shop.buyer();
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push(await shop.order(buyer, { items: items() }));
    await expect(shop.order(buyer, { items: items() })).rejects.toMatchObject({
      data: {
        code: 'PRECONDITION_FAILED',
        reason: 'TOO_MANY_OPEN_ORDERS',
        details: { maxOpenOrders: 3 },
      },
    });
    expect(await openOrdersOf(shop, buyer)).toBe(3);
    await buyer.client.order.cancel.mutate({ id: placed[0]?.id ?? '' });
    await expect(shop.order(buyer, { items: items() })).resolves.toMatchObject({ status: 'NEW' });
    // Another buyer has their own slots.
    const other = await shop.buyer();
    await expect(shop.order(other, { items: items() })).resolves.toMatchObject({ status: 'NEW' });
  });

  it('order.create lists the reason among its errors, so clients can know to handle it', () => {
    const section = renderApiDoc(appRouter).split('### `order.create`')[1]?.split('### ')[0];
    expect(section).toMatch(/- errors: .*`TOO_MANY_OPEN_ORDERS` \(PRECONDITION_FAILED\)/);
  });

  it('replaying an order by its idempotency key still answers at the cap', async () => {
    const buyer = await shop.buyer();
    const idempotencyKey = randomUUID();
    const first = await shop.order(buyer, { items: items(), idempotencyKey });
    for (let i = 0; i < 2; i++) await shop.order(buyer, { items: items() });
    const replay = await shop.order(buyer, { items: items(), idempotencyKey });
    expect(replay.id).toBe(first.id);
  });

  it.runIf(usesRealPostgres)(
    '10 concurrent orders from one buyer on real Postgres: exactly 3 placed, 7 refused',
    async () => {
      const buyer = await shop.buyer();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => shop.order(buyer, { items: items() })),
      );
      const placed = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter(
        (r) =>
          r.status === 'rejected' &&
          (r.reason as { data?: { reason?: string } }).data?.reason === 'TOO_MANY_OPEN_ORDERS',
      );
      expect(placed).toHaveLength(3);
      expect(refused).toHaveLength(7);
      expect(await openOrdersOf(shop, buyer)).toBe(3);
    },
  );
});
