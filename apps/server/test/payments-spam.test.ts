import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaymentShop, type PaymentShop, type TickFigures, USDC } from './payment-shop';

/**
 * Reference spam (anyone can list an order's public reference in cheap successful transactions):
 * honest payments are still found within 3 ticks, spam orders expire on time releasing their
 * stock once, and no tick makes more RPC calls than its budget.
 */
describe('payments under reference spam', () => {
  const BUDGET = 60;
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({
      PAYMENT_RPC_CALLS_PER_TICK: String(BUDGET),
      PAYMENT_RPC_CALLS_PER_ORDER: '10',
    });
  });
  afterAll(() => p.close());

  it('20 orders × 200 junk transactions: honest payments within 3 ticks, spam expires on time, calls within budget', async () => {
    const ticks: TickFigures[] = [];
    const tick = async () => {
      const t = await p.tick();
      ticks.push(t);
      return t;
    };
    const spamProduct = await p.shop.product({ priceCents: 1500, stock: 20 });
    const spam = await Promise.all(
      Array.from({ length: 20 }, () =>
        p.shop.order(p.buyer, { items: [{ productId: spamProduct.id, quantity: 1 }] }),
      ),
    );
    for (const order of spam) p.rpc.junk(order.payment.reference, 200);
    expect(await p.stockOf(spamProduct.id)).toBe(0);
    const honest = await Promise.all(Array.from({ length: 4 }, (_, i) => p.newOrder(900 + i)));
    await tick();

    const ticksToDetect: number[] = [];
    for (const order of honest.slice(0, 3)) {
      p.pay(order, USDC(order.totalCents));
      let n = 0;
      while ((await p.reload(order.id)).status !== 'PAID' && n < 3) {
        await tick();
        n += 1;
      }
      expect((await p.reload(order.id)).status).toBe('PAID');
      ticksToDetect.push(n);
    }
    expect(Math.max(...ticksToDetect)).toBeLessThanOrEqual(3);

    // The window ends for everyone: one tick later every spam order is EXPIRED, stock released.
    await p.later(31 * 60_000, async () => {
      await tick();
      for (const order of spam) expect((await p.reload(order.id)).status).toBe('EXPIRED');
      expect(await p.stockOf(spamProduct.id)).toBe(20);
      await tick();
    });
    expect(await p.stockOf(spamProduct.id)).toBe(20); // released once
    for (const order of honest.slice(0, 3)) expect((await p.reload(order.id)).status).toBe('PAID');
    expect((await p.reload(honest[3]?.id ?? '')).status).toBe('EXPIRED');

    for (const t of ticks) expect(t.calls).toBeLessThanOrEqual(BUDGET);
    // Junk is never read: only the honest transfers were fetched.
    expect(p.rpc.callCount('getTransaction')).toBeLessThanOrEqual(10);
    p.shop.world.deps.log.info({ ticks, ticksToDetect }, 'spam figures');
  }, 120_000);
});

describe('fair sharing of a small budget', () => {
  // The watch takes 2 calls a tick here; expiry gets 9, of which one order may take 8.
  const BUDGET = 11;
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({
      PAYMENT_RPC_CALLS_PER_TICK: String(BUDGET),
      PAYMENT_RPC_CALLS_PER_ORDER: '8',
    });
  });
  afterAll(() => p.close());

  it('an order whose history eats its whole share cannot starve the others', async () => {
    const heavy = await p.newOrder(500);
    p.rpc.junk(heavy.payment.reference, 12_000, { failed: true });
    p.shop.world.clock.advance(1000); // the heavy order is the oldest: first in line
    const others = await Promise.all(Array.from({ length: 5 }, (_, i) => p.newOrder(510 + i)));
    const ticks = await p.later(31 * 60_000 - 1000, async () => {
      const figures: TickFigures[] = [];
      // Two ticks, as docs/reliability.md promises: the heavy order spends its share in the first
      // and goes to the back of the queue.
      for (let i = 0; i < 2; i++) figures.push(await p.tick());
      return figures;
    });
    for (const o of others) expect((await p.reload(o.id)).status).toBe('EXPIRED');
    // Its long history is never paged: the merchant account's coverage says nothing paid it.
    expect((await p.reload(heavy.id)).status).toBe('EXPIRED');
    for (const t of ticks) expect(t.calls).toBeLessThanOrEqual(BUDGET);
  }, 60_000);
});
