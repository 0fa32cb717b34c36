import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentTransfers } from '../src/db/schema';
import { openPaymentShop, type PaymentShop, USDC } from './payment-shop';

const GRACE_MS = 120_000;

describe('payments against a flaky, adversarial chain', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({
      PAYMENT_DROP_GRACE_SECONDS: String(GRACE_MS / 1000),
      PAYMENT_RPC_CALLS_PER_TICK: '100',
      PAYMENT_RPC_CALLS_PER_ORDER: '3',
    });
  });
  afterAll(() => p.close());

  const review = async () =>
    (await p.shop.admin.admin.payment.needsReview.query({ limit: 100 })).items;

  describe('drops (finding 2)', () => {
    it('one null status after a long outage does not expire a PAID order', async () => {
      const order = await p.newOrder(1100);
      const signature = p.pay(order, USDC(1100));
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('PAID');
      // The worker was down for ten minutes; then a lagging node answers null once.
      await p.later(10 * 60_000, async () => {
        p.rpc.lagStatus(signature, 1);
        await p.tick();
        expect((await p.reload(order.id)).status).toBe('PAID');
        await p.tick();
      });
      p.rpc.setStatus(signature, 'finalized');
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('CONFIRMED');
    });

    it('a status index that lags for the whole grace period is checked with getTransaction', async () => {
      const order = await p.newOrder(1150);
      const signature = p.pay(order, USDC(1150));
      await p.tick();
      p.rpc.lagStatus(signature, 100);
      await p.tick(); // missing from now on
      await p.later(GRACE_MS + 1000, () => p.tick());
      expect((await p.reload(order.id)).status).toBe('PAID'); // the transaction is still there
    });

    it('expires only after missing continuously for the grace period, lists it, and flags a reappearance', async () => {
      const order = await p.newOrder(1200, 5);
      const signature = p.pay(order, USDC(1200));
      await p.tick();
      p.rpc.setStatus(signature, null);
      await p.tick(); // missing since now
      await p.later(GRACE_MS / 2, () => p.tick());
      expect((await p.reload(order.id)).status).toBe('PAID'); // half the grace period
      await p.later(GRACE_MS + 1000, () => p.tick());
      const dropped = await p.reload(order.id);
      expect(dropped.status).toBe('EXPIRED');
      expect(dropped.payment.status).toBe('dropped');
      expect(await p.stockOf(order.productId)).toBe(5);
      const listed = (await review()).find((i) => i.order.id === order.id);
      expect(listed?.status).toBe('dropped');
      expect(listed?.reason).toContain('released');

      // The transaction comes back: flagged for review, never reopened or sold twice.
      p.rpc.setStatus(signature, 'finalized');
      await p.tick();
      const after = await p.reload(order.id);
      expect(after.status).toBe('EXPIRED');
      expect(await p.stockOf(order.productId)).toBe(5);
      const flagged = (await review()).find((i) => i.order.id === order.id);
      expect(flagged?.reason).toContain('reappeared');
      expect(flagged?.reason).toContain('EXPIRED');
    });
  });

  describe('lagging nodes', () => {
    it('a listed transfer the node cannot return yet is read again next tick, then never again', async () => {
      const order = await p.newOrder(1050);
      const signature = p.pay(order, USDC(1050));
      p.rpc.lagTransaction(signature, 1);
      const before = p.rpc.callCount('getTransaction');
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('NEW');
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('PAID');
      await p.tick();
      await p.tick();
      expect(p.rpc.callCount('getTransaction') - before).toBe(2);
    });
  });

  describe('split payments (finding 3)', () => {
    it('two halves that add up pay the order; both transfers are recorded', async () => {
      const order = await p.newOrder(2000);
      const first = p.pay(order, USDC(1000));
      await p.tick();
      expect((await p.reload(order.id)).payment.status).toBe('underpaid');
      const second = p.pay(order, USDC(1000));
      await p.tick();
      const paid = await p.reload(order.id);
      expect(paid.status).toBe('PAID');
      expect(paid.payment.status).toBe('seen');
      const transfers = await p.shop.world.db
        .select()
        .from(paymentTransfers)
        .where(eq(paymentTransfers.paymentId, (await paymentIdOf(order.id)) ?? ''));
      expect(transfers.map((t) => t.signature).sort()).toEqual([first, second].sort());
      p.rpc.setStatus(first, 'finalized');
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('PAID'); // half is final, half is not
      p.rpc.setStatus(second, 'finalized');
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('CONFIRMED');
    });

    it('a full payment after a partial one is flagged overpaid by the partial amount', async () => {
      const order = await p.newOrder(1000);
      p.pay(order, USDC(998));
      await p.tick();
      p.pay(order, USDC(1000));
      await p.tick();
      expect((await p.reload(order.id)).status).toBe('PAID');
      const item = (await review()).find((i) => i.order.id === order.id);
      expect(item).toMatchObject({
        status: 'overpaid',
        receivedBaseUnits: USDC(1998),
        overpaidBaseUnits: USDC(998),
      });
      expect(item?.transfers.map((t) => t.amountBaseUnits)).toEqual([USDC(998), USDC(1000)]);
    });
  });

  describe('long histories (finding 4)', () => {
    it('10,000 newer failed transactions do not hide a real payment', async () => {
      const order = await p.newOrder(1300);
      p.pay(order, USDC(1300));
      p.rpc.junk(order.payment.reference, 10_000, {
        failed: true,
        alsoListedUnder: [p.merchantAccount],
      });
      for (let i = 0; i < 4; i++) await p.tick();
      await p.later(31 * 60_000, () => p.tick());
      expect((await p.reload(order.id)).status).toBe('PAID');
    }, 60_000);

    it('a reference history longer than the budget does not hold the order: it expires from the merchant account coverage', async () => {
      const order = await p.newOrder(1400);
      p.rpc.junk(order.payment.reference, 4_000, { failed: true });
      const listedBefore = p.rpc.callCount('getSignaturesForAddress');
      await p.later(31 * 60_000, async () => {
        await p.tick();
        await p.tick();
      });
      expect((await p.reload(order.id)).status).toBe('EXPIRED');
      expect((await review()).some((i) => i.order.id === order.id)).toBe(false);
      // Nothing waited unread on the merchant account: the reference was never paged.
      expect(p.rpc.callCount('getSignaturesForAddress') - listedBefore).toBeLessThanOrEqual(4);
    }, 60_000);
  });

  async function paymentIdOf(orderId: string) {
    const items = await p.shop.world.db.query.payments.findFirst({
      where: (t, { eq: is }) => is(t.orderId, orderId),
    });
    return items?.id;
  }
});
