import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaymentShop, type PaymentShop, type TickFigures, USDC } from './payment-shop';

/**
 * A flood on the merchant account: cheap successful transactions that merely name the merchant's
 * USDC account each cost a getTransaction to read. An honest payment among them is still seen
 * within 3 ticks at the default budget, and an unread backlog never expires an order whose
 * payment may be in it.
 */
describe('a flood of junk on the merchant account', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop(); // default PAYMENT_RPC_CALLS_PER_TICK
  });
  afterAll(() => p.close());

  it('3,000 junk transactions around an honest payment: seen within 3 ticks, calls within budget', async () => {
    const others = await Promise.all([p.newOrder(410), p.newOrder(420)]);
    const order = await p.newOrder(1250);
    await p.tick();
    p.rpc.flood(p.merchantAccount, 1_500);
    p.pay(order, USDC(1250));
    p.rpc.flood(p.merchantAccount, 1_500);
    const ticks: TickFigures[] = [];
    while ((await p.reload(order.id)).status !== 'PAID' && ticks.length < 3) {
      ticks.push(await p.tick());
    }
    expect((await p.reload(order.id)).status).toBe('PAID');
    expect(ticks.length).toBeLessThanOrEqual(3);
    const budget = p.shop.world.deps.config.payments.rpcCallsPerTick;
    for (const t of ticks) expect(t.calls).toBeLessThanOrEqual(budget);
    for (const o of others) expect((await p.reload(o.id)).status).toBe('NEW');
    p.shop.world.deps.log.info({ ticks }, 'flood figures');
  }, 120_000);
});

describe('an unread backlog on the merchant account', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  it('an order whose payment sits in an unread backlog is never expired, and is paid once it is read', async () => {
    const order = await p.newOrder(1310);
    await p.tick();
    p.rpc.flood(p.merchantAccount, 300);
    p.pay(order, USDC(1310));
    p.rpc.flood(p.merchantAccount, 300);
    // The attacker spams the reference too, so one page of its history does not reach the payment.
    p.rpc.junk(order.payment.reference, 1_200);
    let n = 0;
    await p.later(31 * 60_000, async () => {
      while ((await p.reload(order.id)).status === 'NEW' && n < 40) {
        await p.tick();
        n += 1;
        expect((await p.reload(order.id)).status).not.toBe('EXPIRED');
      }
    });
    expect((await p.reload(order.id)).status).toBe('PAID');
  }, 180_000);
});
