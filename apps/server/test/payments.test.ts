import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { passCodes, products } from '../src/db/schema';
import { JOBS } from '../src/jobs';
import { expireJob, finalizeJob, watchJob } from '../src/jobs/payment-jobs';
import { startWorker } from '../src/jobs/worker';
import { type FakeSolanaRpc, startFakeSolanaRpc } from './fake-solana';
import { type Buyer, openShop, type Shop } from './shop';

const USDC = (cents: number) => BigInt(cents) * 10_000n; // 6 decimals

describe('payments and the worker', () => {
  let rpc: FakeSolanaRpc;
  let shop: Shop;
  let buyer: Buyer;
  let productId: string;

  const tick = async (...jobs: Array<typeof watchJob>) => {
    for (const job of jobs.length ? jobs : JOBS) await job.run(shop.world.deps);
  };
  const newOrder = async (priceCents = 2500, extra: Record<string, unknown> = {}) => {
    const product = await shop.product({ priceCents, stock: 50, ...extra });
    productId = product.id;
    return shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
  };
  const pay = (order: Awaited<ReturnType<typeof newOrder>>, amount: bigint, spec = {}) =>
    rpc.transfer({
      reference: order.payment.reference,
      recipient: order.payment.recipient,
      mint: order.payment.splToken,
      amount,
      ...spec,
    });
  const reload = (id: string) => buyer.client.order.byId.query({ id });

  beforeAll(async () => {
    rpc = await startFakeSolanaRpc();
    shop = await openShop({
      env: {
        SOLANA_RPC_URL: rpc.url,
        SOLANA_RPC_TIMEOUT_MS: '300',
        PAYMENT_DROP_GRACE_SECONDS: '120',
      },
    });
    buyer = await shop.buyer();
  });
  afterEach(() => rpc.recover());
  afterAll(async () => {
    await shop.close();
    await rpc.close();
  });

  it('a correct USDC transfer moves NEW → PAID, then PAID → CONFIRMED at finality, rewarding once', async () => {
    const referrer = await shop.buyer();
    const product = await shop.product({ priceCents: 2000 });
    const order = await shop.order(buyer, {
      items: [{ productId: product.id, quantity: 1 }],
      referralCode: referrer.referralCode,
    });
    expect(order.totalCents).toBe(1900);
    const signature = pay(order, USDC(1900));

    await tick(watchJob);
    const paid = await reload(order.id);
    expect(paid.status).toBe('PAID');
    expect(paid.payment).toMatchObject({ status: 'seen', txSignature: signature });
    expect(paid.history.at(-1)).toMatchObject({ from: 'NEW', to: 'PAID', actor: 'system' });

    await tick(finalizeJob);
    expect((await reload(order.id)).status).toBe('PAID'); // only `confirmed` so far
    rpc.setStatus(signature, 'finalized');
    await tick(finalizeJob);
    await tick(finalizeJob);
    const confirmed = await reload(order.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.payment.status).toBe('finalized');
    expect(confirmed.history.map((h) => h.to)).toEqual(['NEW', 'PAID', 'CONFIRMED']);
    expect((await referrer.client.auth.me.query()).balance.points).toBe(95);
  });

  it('a failed transaction carrying the reference is ignored, and a later valid one accepted', async () => {
    const order = await newOrder(1500);
    pay(order, USDC(1500), { failed: true });
    await tick(watchJob);
    expect((await reload(order.id)).status).toBe('NEW');
    const good = pay(order, USDC(1500));
    await tick(watchJob);
    const paid = await reload(order.id);
    expect(paid.status).toBe('PAID');
    expect(paid.payment.txSignature).toBe(good);
  });

  it('an underpayment leaves the order NEW and flags it; an overpayment pays and flags it', async () => {
    const short = await newOrder(1000);
    pay(short, USDC(999));
    await tick(watchJob);
    const under = await reload(short.id);
    expect(under.status).toBe('NEW');
    expect(under.payment.status).toBe('underpaid');

    const generous = await newOrder(1000);
    pay(generous, USDC(1000) + USDC(1), { preBalance: 5_000_000n }); // above the dust threshold
    await tick(watchJob);
    const over = await reload(generous.id);
    expect(over.status).toBe('PAID');
    expect(over.payment.status).toBe('overpaid');

    const review = await shop.admin.admin.payment.needsReview.query({});
    const flagged = new Map(review.items.map((p) => [p.order.id, p]));
    expect(flagged.get(short.id)).toMatchObject({
      status: 'underpaid',
      receivedBaseUnits: USDC(999),
    });
    expect(flagged.get(generous.id)).toMatchObject({
      status: 'overpaid',
      expectedBaseUnits: USDC(1000),
    });
  });

  it('counts a transfer into a token account listed in an address lookup table', async () => {
    const order = await newOrder(700);
    pay(order, USDC(700), { viaLookupTable: true });
    await tick(watchJob);
    expect((await reload(order.id)).status).toBe('PAID');
  });

  it('a payment for a CANCELLED or EXPIRED order is recorded late and the order stays put', async () => {
    const cancelled = await newOrder(1200);
    await buyer.client.order.cancel.mutate({ id: cancelled.id });
    pay(cancelled, USDC(1200));
    await tick(watchJob);
    const after = await reload(cancelled.id);
    expect(after.status).toBe('CANCELLED');
    expect(after.payment.status).toBe('late');

    const expired = await newOrder(1300);
    shop.world.clock.advance(31 * 60_000);
    try {
      await tick(expireJob);
      expect((await reload(expired.id)).status).toBe('EXPIRED');
      pay(expired, USDC(1300));
      await tick(watchJob);
      expect((await reload(expired.id)).status).toBe('EXPIRED');
      expect((await reload(expired.id)).payment.status).toBe('late');
    } finally {
      shop.world.clock.advance(-31 * 60_000);
    }
    const review = await shop.admin.admin.payment.needsReview.query({ limit: 100 });
    const late = review.items.filter((p) => p.status === 'late').map((p) => p.order.id);
    expect(late).toEqual(expect.arrayContaining([cancelled.id, expired.id]));
  });

  it('a PAID order whose transaction vanishes past the grace period expires, releasing once', async () => {
    const owner = await shop.buyer();
    const product = await shop.product({ priceCents: 800, stock: 5, passRequired: true });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'DROP-TEST-7K2Q',
      maxUses: 3,
    });
    const order = await shop.order(buyer, {
      items: [{ productId: product.id, quantity: 2 }],
      passCode: 'DROP-TEST-7K2Q',
    });
    const signature = pay(order, USDC(order.totalCents));
    await tick(watchJob);
    expect((await reload(order.id)).status).toBe('PAID');

    rpc.setStatus(signature, null);
    await tick(finalizeJob);
    expect((await reload(order.id)).status).toBe('PAID'); // still within the grace period
    shop.world.clock.advance(121_000);
    try {
      await tick(finalizeJob);
      await tick(finalizeJob);
    } finally {
      shop.world.clock.advance(-121_000);
    }
    const dropped = await reload(order.id);
    expect(dropped.status).toBe('EXPIRED');
    expect(dropped.payment.status).toBe('dropped');
    const [stock] = await shop.world.db.select().from(products).where(eq(products.id, product.id));
    expect(stock?.stock).toBe(5);
    const [code] = await shop.world.db
      .select()
      .from(passCodes)
      .where(eq(passCodes.code, 'DROP-TEST-7K2Q'));
    expect(code?.currentUses).toBe(0);
  });

  it('a NEW order past its window expires; one paid at the last check becomes PAID instead', async () => {
    const unpaid = await newOrder(600);
    const lastMinute = await newOrder(650);
    pay(lastMinute, USDC(650));
    shop.world.clock.advance(31 * 60_000);
    try {
      await tick(expireJob);
    } finally {
      shop.world.clock.advance(-31 * 60_000);
    }
    expect((await reload(unpaid.id)).status).toBe('EXPIRED');
    expect((await reload(lastMinute.id)).status).toBe('PAID');
    const [stock] = await shop.world.db.select().from(products).where(eq(products.id, productId));
    expect(stock?.stock).toBe(49); // lastMinute's product: one sold, nothing released
  });

  it('does not expire an order whose listed transaction the node cannot read yet', async () => {
    const order = await newOrder(575);
    const signature = pay(order, USDC(575), { unreadable: true });
    shop.world.clock.advance(31 * 60_000);
    try {
      await tick(expireJob);
      expect((await reload(order.id)).status).toBe('NEW'); // unknown: no guessing
      rpc.setReadable(signature, true);
      await tick(expireJob);
    } finally {
      shop.world.clock.advance(-31 * 60_000);
    }
    expect((await reload(order.id)).status).toBe('PAID');
  });

  /** Worker ticks finished so far, as the worker's own metric counts them. */
  const ticksFinished = async () => {
    const text = await shop.world.deps.metrics.render();
    return Number(
      /^puffy_worker_tick_duration_seconds_count(?:\{[^}]*\})? (\d+)$/m.exec(text)?.[1] ?? 0,
    );
  };

  it('RPC errors and timeouts leave every order as it was, and the worker keeps running', async () => {
    const order = await newOrder(900);
    pay(order, USDC(900));
    const worker = startWorker(shop.world.deps, JOBS, 20);
    try {
      for (const failure of [
        {
          kind: 'error' as const,
          code: -32015,
          message: 'Transaction version (1) is not supported',
        },
        { kind: 'http' as const, status: 503 },
        { kind: 'hang' as const },
      ]) {
        rpc.fail(failure);
        const before = rpc.calls.length;
        shop.world.clock.advance(31 * 60_000); // even past the window: an unchecked order is not expired
        // Two ticks finished: at least one ran from start to end with the clock moved, however
        // slowly this machine schedules the worker.
        const from = await ticksFinished();
        while ((await ticksFinished()) < from + 2) await new Promise((r) => setTimeout(r, 20));
        shop.world.clock.advance(-31 * 60_000);
        expect(rpc.calls.length).toBeGreaterThan(before); // the worker kept ticking
        expect((await reload(order.id)).status).toBe('NEW');
      }
      rpc.recover();
      const deadline = Date.now() + 20_000; // a bound on the wait, not on the machine's speed
      while ((await reload(order.id)).status !== 'PAID' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await reload(order.id)).status).toBe('PAID');
    } finally {
      await worker.stop();
    }
    expect(shop.world.logs.text()).toContain('payment job step failed');
  });
});
