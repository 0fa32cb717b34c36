import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaymentShop, type PaymentShop, USDC } from './payment-shop';

/**
 * One transaction naming two orders' references: it cannot say which order each unit was for, so
 * it pays neither and both go to review; neither order ends without an admin seeing it.
 */
describe('two orders in one transaction', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  const review = async () =>
    (await p.shop.admin.admin.payment.needsReview.query({ limit: 100 })).items;

  it('both orders go to review with the transaction named; neither expires silently', async () => {
    const older = await p.newOrder(600);
    const younger = await p.newOrder(700);
    const signature = p.pay(older, USDC(1300), { moreReferences: [younger.payment.reference] });
    await p.tick();
    await p.tick();
    for (const o of [older, younger]) {
      expect((await p.reload(o.id)).status).toBe('NEW');
      const item = (await review()).find((i) => i.order.id === o.id);
      expect(item?.reason).toContain(signature);
    }
    await p.later(31 * 60_000, async () => {
      await p.tick();
      await p.tick();
    });
    for (const o of [older, younger]) {
      const item = (await review()).find((i) => i.order.id === o.id);
      expect(item?.reason).toContain(signature);
    }
  }, 60_000);

  it('a transaction naming one order and an unrelated account still pays it', async () => {
    const order = await p.newOrder(810);
    p.pay(order, USDC(810), { moreReferences: ['So11111111111111111111111111111111111111112'] });
    await p.tick();
    expect((await p.reload(order.id)).status).toBe('PAID');
  }, 60_000);
});
