import { count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  orderItems,
  orderStatusEvents,
  orders,
  passCodes,
  passCodeUsages,
  payments,
  products,
} from '../src/db/schema';
import { usesRealPostgres } from './backends';
import { type Buyer, openShop, type Shop } from './shop';

async function buyers(shop: Shop, n: number): Promise<Buyer[]> {
  return Promise.all(Array.from({ length: n }, () => shop.buyer()));
}

/** Fulfilled values and the reasons of the rejections, in input order. */
async function settle<T>(work: Array<Promise<T>>) {
  const results = await Promise.allSettled(work);
  return {
    ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    reasons: results.flatMap((r) =>
      r.status === 'rejected'
        ? [(r.reason as { data?: { reason?: string } }).data?.reason ?? String(r.reason)]
        : [],
    ),
  };
}

const rows = async (shop: Shop) => {
  const db = shop.world.db;
  const n = async (
    table: typeof orders | typeof orderItems | typeof payments | typeof orderStatusEvents,
  ) => (await db.select({ n: count() }).from(table))[0]?.n;
  return {
    orders: await n(orders),
    items: await n(orderItems),
    payments: await n(payments),
    events: await n(orderStatusEvents),
  };
};

describe.skipIf(!usesRealPostgres)('concurrent orders on real Postgres', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop.close());

  it('50 buyers, one pass code with 5 uses: exactly 5 orders and 5 usage rows, 45 clear refusals', async () => {
    const owner = await shop.buyer();
    const item = await shop.product({ passRequired: true, stock: 1000 });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'RACE-FIVE-7K2Q',
      maxUses: 5,
    });
    const crowd = await buyers(shop, 50);
    const before = await rows(shop);

    const { ok, reasons } = await settle(
      crowd.map((b) =>
        shop.order(b, { items: [{ productId: item.id, quantity: 1 }], passCode: 'RACE-FIVE-7K2Q' }),
      ),
    );

    expect(ok).toHaveLength(5);
    expect(reasons).toEqual(Array(45).fill('PASS_CODE_EXHAUSTED'));
    const [code] = await shop.world.db
      .select()
      .from(passCodes)
      .where(eq(passCodes.code, 'RACE-FIVE-7K2Q'));
    expect(code?.currentUses).toBe(5);
    const usages = await shop.world.db
      .select({ n: count() })
      .from(passCodeUsages)
      .where(eq(passCodeUsages.code, 'RACE-FIVE-7K2Q'));
    expect(usages[0]?.n).toBe(5);
    // Nothing was written for the 45 refused orders.
    const after = await rows(shop);
    expect(after).toEqual({
      orders: (before.orders ?? 0) + 5,
      items: (before.items ?? 0) + 5,
      payments: (before.payments ?? 0) + 5,
      events: (before.events ?? 0) + 5,
    });
    const [stock] = await shop.world.db.select().from(products).where(eq(products.id, item.id));
    expect(stock?.stock).toBe(995);
  });

  it('stock 3 and 20 concurrent orders: exactly 3 succeed and stock never goes negative', async () => {
    const item = await shop.product({ stock: 3 });
    const crowd = await buyers(shop, 20);
    const { ok, reasons } = await settle(
      crowd.map((b) => shop.order(b, { items: [{ productId: item.id, quantity: 1 }] })),
    );
    expect(ok).toHaveLength(3);
    expect(reasons).toEqual(Array(17).fill('OUT_OF_STOCK'));
    const [row] = await shop.world.db.select().from(products).where(eq(products.id, item.id));
    expect(row?.stock).toBe(0);
  });

  it('two-line orders in both item orders: no deadlock, a refused line rolls back the whole order', async () => {
    const plenty = await shop.product({ stock: 1000 });
    const scarce = await shop.product({ stock: 5 });
    const before = await rows(shop);
    const crowd = await buyers(shop, 20);
    const { ok, reasons } = await settle(
      crowd.map((b, i) => {
        const lines = [
          { productId: plenty.id, quantity: 2 },
          { productId: scarce.id, quantity: 1 },
        ];
        return shop.order(b, { items: i % 2 === 0 ? lines : lines.reverse() });
      }),
    );
    // A deadlock would surface as a 5xx or DEPENDENCY_UNAVAILABLE, not OUT_OF_STOCK.
    expect(ok).toHaveLength(5);
    expect(reasons).toEqual(Array(15).fill('OUT_OF_STOCK'));
    const stockOf = async (id: string) =>
      (await shop.world.db.select().from(products).where(eq(products.id, id)))[0]?.stock;
    expect(await stockOf(scarce.id)).toBe(0);
    expect(await stockOf(plenty.id)).toBe(1000 - 5 * 2);
    const after = await rows(shop);
    expect(after).toEqual({
      orders: (before.orders ?? 0) + 5,
      items: (before.items ?? 0) + 10,
      payments: (before.payments ?? 0) + 5,
      events: (before.events ?? 0) + 5,
    });
  });

  it('the same idempotency key sent 10 times at once makes one order and one code use', async () => {
    const owner = await shop.buyer();
    const buyer = await shop.buyer();
    const item = await shop.product({ passRequired: true, stock: 100 });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'ONCE-ONLY-7K2Q',
      maxUses: 1,
    });
    const input = {
      items: [{ productId: item.id, quantity: 2 }],
      passCode: 'ONCE-ONLY-7K2Q',
      idempotencyKey: '0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    };
    const { ok, reasons } = await settle(
      Array.from({ length: 10 }, () => shop.order(buyer, input)),
    );
    expect(reasons).toEqual([]);
    expect(new Set(ok.map((o) => o.id)).size).toBe(1);
    const mine = await shop.world.db.select().from(orders).where(eq(orders.userId, buyer.userId));
    expect(mine).toHaveLength(1);
    const [code] = await shop.world.db
      .select()
      .from(passCodes)
      .where(eq(passCodes.code, 'ONCE-ONLY-7K2Q'));
    expect(code?.currentUses).toBe(1);
    const [stock] = await shop.world.db.select().from(products).where(eq(products.id, item.id));
    expect(stock?.stock).toBe(98);
  });

  it('concurrent cancels of one order release its stock and code use exactly once', async () => {
    const owner = await shop.buyer();
    const buyer = await shop.buyer();
    const item = await shop.product({ passRequired: true, stock: 10 });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'CANCEL-RACE',
      maxUses: 3,
    });
    const order = await shop.order(buyer, {
      items: [{ productId: item.id, quantity: 4 }],
      passCode: 'CANCEL-RACE',
    });
    const { ok, reasons } = await settle(
      Array.from({ length: 8 }, () => buyer.client.order.cancel.mutate({ id: order.id })),
    );
    expect(ok).toHaveLength(1);
    expect(reasons).toEqual(Array(7).fill('INVALID_TRANSITION'));
    const [stock] = await shop.world.db.select().from(products).where(eq(products.id, item.id));
    expect(stock?.stock).toBe(10);
    const [code] = await shop.world.db
      .select()
      .from(passCodes)
      .where(eq(passCodes.code, 'CANCEL-RACE'));
    expect(code?.currentUses).toBe(0);
    const held = await shop.world.db
      .select({ n: count() })
      .from(passCodeUsages)
      .where(isNull(passCodeUsages.releasedAt));
    const uses = await shop.world.db
      .select({ code: passCodes.code, uses: passCodes.currentUses })
      .from(passCodes);
    // Across every code in this database: unreleased usage rows = counted uses.
    expect(held[0]?.n).toBe(uses.reduce((sum, c) => sum + c.uses, 0));
    const history = await shop.world.db
      .select()
      .from(orderStatusEvents)
      .where(eq(orderStatusEvents.orderId, order.id));
    expect(history.map((h) => h.toStatus)).toEqual(['NEW', 'CANCELLED']);
  });
});
