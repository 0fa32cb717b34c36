import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaymentShop, type PaymentShop, type TickFigures, USDC } from './payment-shop';

/**
 * Frozen orders: anyone can make an order's public reference history long (failed transactions
 * count, and one transaction names ~30 references). Expiry is decided from what the watch of the
 * merchant's accounts has covered, so no unpaid order stays NEW past its window whatever is
 * written on chain, and every NEW order holds an open-order slot until the worker ends it.
 */
type Placed = Awaited<ReturnType<PaymentShop['shop']['order']>>;

describe('frozen orders', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({ MAX_OPEN_ORDERS_PER_USER: '100' });
  });
  afterAll(() => p.close());

  it('30 orders whose references carry > 10,000 failed transactions leave NEW within 10 ticks of their windows, stock released; honest unpaid orders beside them within 3', async () => {
    const attacked = await p.shop.product({ priceCents: 800, stock: 30 });
    const plain = await p.shop.product({ priceCents: 900, stock: 3 });
    const frozen: Placed[] = [];
    for (let i = 0; i < 30; i++) {
      frozen.push(
        await p.shop.order(p.buyer, { items: [{ productId: attacked.id, quantity: 1 }] }),
      );
    }
    const honest: Placed[] = [];
    for (let i = 0; i < 3; i++) {
      honest.push(await p.shop.order(p.buyer, { items: [{ productId: plain.id, quantity: 1 }] }));
    }
    p.rpc.failedBulk(
      frozen.map((o) => o.payment.reference),
      10_050,
    );
    expect(await p.stockOf(attacked.id)).toBe(0);
    await p.tick();

    const ticks: TickFigures[] = [];
    const open = async (orders: typeof frozen) => {
      const states = await Promise.all(orders.map(async (o) => (await p.reload(o.id)).status));
      return states.filter((s) => s === 'NEW').length;
    };
    let honestTicks = -1;
    let frozenTicks = -1;
    await p.later(31 * 60_000, async () => {
      for (let n = 1; n <= 10 && (honestTicks < 0 || frozenTicks < 0); n++) {
        ticks.push(await p.tick());
        if (honestTicks < 0 && (await open(honest)) === 0) honestTicks = n;
        if (frozenTicks < 0 && (await open(frozen)) === 0) frozenTicks = n;
      }
    });
    expect(honestTicks).toBeGreaterThan(0);
    expect(honestTicks).toBeLessThanOrEqual(3);
    expect(frozenTicks).toBeGreaterThan(0);
    expect(frozenTicks).toBeLessThanOrEqual(10);
    for (const o of [...frozen, ...honest]) expect((await p.reload(o.id)).status).toBe('EXPIRED');
    expect(await p.stockOf(attacked.id)).toBe(30);
    expect(await p.stockOf(plain.id)).toBe(3);
    for (const t of ticks)
      expect(t.calls).toBeLessThanOrEqual(p.shop.world.deps.config.payments.rpcCallsPerTick);
    p.shop.world.deps.log.info({ honestTicks, frozenTicks, ticks }, 'frozen-order figures');
  }, 180_000);
});

describe('every NEW order holds an open-order slot', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({ MAX_OPEN_ORDERS_PER_USER: '3' });
  });
  afterAll(() => p.close());

  it('orders past their window keep their slots until the worker ends them', async () => {
    const product = await p.shop.product({ priceCents: 500, stock: 100 });
    const items = [{ productId: product.id, quantity: 1 }];
    const buyer = await p.shop.buyer();
    for (let i = 0; i < 3; i++) await p.shop.order(buyer, { items });
    await p.later(31 * 60_000, async () => {
      // Still NEW (the worker has not looked yet): they count.
      await expect(p.shop.order(buyer, { items })).rejects.toMatchObject({
        data: { reason: 'TOO_MANY_OPEN_ORDERS' },
      });
      await p.tick();
      await expect(p.shop.order(buyer, { items })).resolves.toMatchObject({ status: 'NEW' });
    });
  }, 60_000);
});

describe('an order held for an unread transaction', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  const review = async () =>
    (await p.shop.admin.admin.payment.needsReview.query({ limit: 100 })).items;

  it('is held while a transaction naming it cannot be read, listed for review after a while, and ended by an admin with its stock released', async () => {
    const order = await p.newOrder(990, 5);
    // A transfer naming the order that the node lists but cannot return (it may pay the order).
    p.pay(order, USDC(990), { unreadable: true });
    await p.later(31 * 60_000, async () => {
      await p.tick();
      await p.tick();
    });
    expect((await p.reload(order.id)).status).toBe('NEW');
    expect((await review()).some((i) => i.order.id === order.id)).toBe(false);
    expect(await p.stockOf(order.productId)).toBe(4);

    await p.later(41 * 60_000, () => p.tick());
    expect((await p.reload(order.id)).status).toBe('NEW');
    const item = (await review()).find((i) => i.order.id === order.id);
    expect(item?.reason).toContain('stays NEW');

    // The admin dismisses the item: that ends the held order.
    if (!item) throw new Error('no review item');
    await p.shop.admin.admin.payment.resolve.mutate({
      id: item.id,
      resolution: 'dismissed',
      note: 'held too long',
    });
    expect((await p.reload(order.id)).status).toBe('EXPIRED');
    expect(await p.stockOf(order.productId)).toBe(5);
    expect((await review()).some((i) => i.order.id === order.id)).toBe(false);
  }, 60_000);
});
