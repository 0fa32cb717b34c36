import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireJob, leaseMs, watchJob } from '../src/jobs/payment-jobs';
import { randomAddress } from './fake-solana';
import { insertOpenOrders, openPaymentShop, type PaymentShop, USDC } from './payment-shop';

describe('payments with many open orders', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop({ PAYMENT_RPC_CALLS_PER_TICK: '100' });
  });
  afterAll(() => p.close());

  it('10,000 open NEW orders: a tick costs a few calls, whatever the count; a payment is found within 3 ticks', async () => {
    const honest = await p.newOrder(1234);
    await insertOpenOrders(p, 10_000, new Date(p.shop.world.clock.now().getTime() + 3_600_000));
    const quiet = [await p.tick(), await p.tick()];
    p.pay(honest, USDC(1234));
    const found = [];
    while ((await p.reload(honest.id)).status !== 'PAID' && found.length < 3) {
      found.push(await p.tick());
    }
    expect((await p.reload(honest.id)).status).toBe('PAID');
    expect(found.length).toBeLessThanOrEqual(3);
    // Watching the merchant account: a slot, a page of its history, a read per new transfer.
    for (const t of quiet) expect(t.calls).toBeLessThanOrEqual(3);
    for (const t of found) expect(t.calls).toBeLessThanOrEqual(4);
    p.shop.world.deps.log.info({ quiet, found }, 'scale figures');
  }, 120_000);

  it('a lease taken over by another worker mid-batch is never worked on twice', async () => {
    const product = await p.shop.product({ priceCents: 700, stock: 10 });
    // A buyer of its own: the backlog above counts against its owner's open-order cap.
    const buyer = await p.shop.buyer();
    const orders = await Promise.all(
      Array.from({ length: 6 }, () =>
        p.shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] }),
      ),
    );
    const deps = p.shop.world.deps;
    const lease = leaseMs(deps.config);
    // Something unread waits on the merchant account, so deciding each order lists its reference.
    p.rpc.pay(
      {
        reference: randomAddress(),
        recipient: deps.config.solana.merchantWallet,
        mint: deps.config.solana.usdcMint,
        amount: 1n,
      },
      { unreadable: true },
    );
    await p.later(31 * 60_000, async () => {
      await watchJob.run(deps);
      // Worker A claims all six; each of its reads takes half a lease. While it works on the
      // second, the leases of the rows it has not reached run out and worker B claims them. A
      // renews each row before working on it, so B cannot take the one A is on, and A leaves B's
      // rows alone.
      let calls = 0;
      let moved = 0;
      let referenceReads = 0;
      const isReference = (address: string) => address !== p.merchantAccount;
      const workerB = {
        ...deps,
        solana: {
          ...deps.solana,
          getSignaturesForAddress: async (
            ...args: Parameters<typeof deps.solana.getSignaturesForAddress>
          ) => {
            if (isReference(args[0])) referenceReads += 1;
            return deps.solana.getSignaturesForAddress(...args);
          },
        },
      };
      const slowDeps = {
        ...deps,
        solana: {
          ...deps.solana,
          getSignaturesForAddress: async (
            ...args: Parameters<typeof deps.solana.getSignaturesForAddress>
          ) => {
            if (!isReference(args[0])) return deps.solana.getSignaturesForAddress(...args);
            calls += 1;
            referenceReads += 1;
            const step = calls === 1 ? lease / 2 : calls === 2 ? lease / 2 + 1 : 0;
            p.shop.world.clock.advance(step);
            moved += step;
            if (calls === 2) await expireJob.run(workerB);
            return deps.solana.getSignaturesForAddress(...args);
          },
        },
      };
      try {
        await expireJob.run(slowDeps);
      } finally {
        p.shop.world.clock.advance(-moved);
      }
      for (const o of orders) {
        expect((await buyer.client.order.byId.query({ id: o.id })).status).toBe('EXPIRED');
      }
      // One reference history read per order: no row was worked on by both workers.
      expect(referenceReads).toBe(orders.length);
      expect(calls).toBe(2);
    });
    expect(await p.stockOf(product.id)).toBe(10);
  }, 60_000);
});
