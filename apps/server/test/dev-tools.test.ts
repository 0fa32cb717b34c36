import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentSimulator } from '../src/deps';
import { startPaymentSimulator } from '../src/dev/simulator';
import { JOBS } from '../src/jobs';
import { finalizeJob, watchJob } from '../src/jobs/payment-jobs';
import { openShop, type Shop } from './shop';
import { spawnServer } from './spawn-server';

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return err as { data?: { code?: string; reason?: string } };
  }
  throw new Error('expected the call to reject');
}

describe('the dev payment simulator (DEV_TOOLS)', () => {
  let simulator: PaymentSimulator;
  let shop: Shop;
  const tick = async () => {
    for (const job of JOBS) await job.run(shop.world.deps);
  };

  beforeAll(async () => {
    simulator = await startPaymentSimulator({ finalizeAfterMs: 200 });
    shop = await openShop({
      env: { DEV_TOOLS: 'true', SOLANA_RPC_URL: simulator.url, SOLANA_RPC_TIMEOUT_MS: '500' },
      paymentSimulator: simulator,
    });
  });
  afterAll(async () => {
    await shop.close();
    await simulator.close();
  });

  it('pays the buyer’s order so the worker moves it NEW → PAID → CONFIRMED', async () => {
    const buyer = await shop.buyer();
    const product = await shop.product({ priceCents: 1499 });
    const order = await shop.order(buyer, { items: [{ productId: product.id, quantity: 2 }] });
    const paid = await buyer.client.dev.simulatePayment.mutate({ orderId: order.id });
    expect(paid.amountBaseUnits).toBe('29980000');
    await watchJob.run(shop.world.deps);
    const afterWatch = await buyer.client.order.byId.query({ id: order.id });
    expect(afterWatch.status).toBe('PAID');
    expect(afterWatch.payment.txSignature).toBe(paid.signature);
    // The simulator finalizes the transfer 200 ms after it was confirmed.
    await new Promise((r) => setTimeout(r, 300));
    await finalizeJob.run(shop.world.deps);
    expect((await buyer.client.order.byId.query({ id: order.id })).status).toBe('CONFIRMED');
  });

  it('underpays on request: the order stays NEW and the payment is underpaid', async () => {
    const buyer = await shop.buyer();
    const product = await shop.product({ priceCents: 1000 });
    const order = await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
    await buyer.client.dev.simulatePayment.mutate({ orderId: order.id, mode: 'under' });
    await tick();
    const after = await buyer.client.order.byId.query({ id: order.id });
    expect(after.status).toBe('NEW');
    expect(after.payment.status).toBe('underpaid');
  });

  it('pays only the caller’s own orders', async () => {
    const owner = await shop.buyer();
    const stranger = await shop.buyer();
    const product = await shop.product();
    const order = await shop.order(owner, { items: [{ productId: product.id, quantity: 1 }] });
    const err = await rejection(stranger.client.dev.simulatePayment.mutate({ orderId: order.id }));
    expect(err.data?.code).toBe('NOT_FOUND');
    await tick();
    expect((await owner.client.order.byId.query({ id: order.id })).status).toBe('NEW');
  });
});

describe('without DEV_TOOLS', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop.close());

  it('refuses to simulate payments', async () => {
    const buyer = await shop.buyer();
    const product = await shop.product();
    const order = await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
    const err = await rejection(buyer.client.dev.simulatePayment.mutate({ orderId: order.id }));
    expect(err.data?.code).toBe('FORBIDDEN');
  });
});

describe('the server process with DEV_TOOLS', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    const run = spawnServer([], {
      NODE_ENV: 'production',
      DEV_TOOLS: 'true',
      JWT_SECRET: 'a-production-secret-of-at-least-32-bytes!',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/puffy',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('DEV_TOOLS must not be enabled when NODE_ENV=production');
  });

  it('starts the simulator itself when SOLANA_RPC_URL is unset (pnpm dev)', async () => {
    const pgliteDir = await mkdtemp(join(tmpdir(), 'puffy-dev-tools-'));
    const run = spawnServer(['--role', 'all'], {
      DEV_TOOLS: 'true',
      PORT: '0',
      PGLITE_DIR: pgliteDir,
      LOG_LEVEL: 'info',
    });
    try {
      await run.listening();
      expect(run.output()).toContain('the worker reads the dev payment simulator');
    } finally {
      await run.stop();
      await rm(pgliteDir, { recursive: true, force: true });
    }
  }, 180_000);
});
