import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { startMetricsServer } from '../src/http/metrics-server';
import { JOBS } from '../src/jobs';
import { startWorker } from '../src/jobs/worker';
import { usesRealPostgres } from './backends';
import { type FakeSolanaRpc, startFakeSolanaRpc } from './fake-solana';
import { rawCall } from './http';
import { openShop, type Shop } from './shop';

/** The value of one sample line (`name{labels} value`) in a scrape, or 0 if it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('Prometheus metrics on their own listener', () => {
  let shop: Shop;
  let rpc: FakeSolanaRpc;
  let metrics: Awaited<ReturnType<typeof startMetricsServer>>;
  const scrape = async () => {
    const res = await fetch(metrics.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  beforeAll(async () => {
    rpc = await startFakeSolanaRpc();
    shop = await openShop({
      env: { SOLANA_RPC_URL: rpc.url, RATE_LIMIT_ORDER_PER_MIN: '3' },
    });
    metrics = await startMetricsServer(shop.world.deps, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await metrics.close();
    await shop.close();
    await rpc.close();
  });

  it('is not on the API port', async () => {
    expect(new URL(metrics.url).port).not.toBe(new URL(shop.url).port);
    expect((await fetch(`${shop.url}/metrics`)).status).toBe(404);
  });

  it('moves after real traffic: requests, refusals, transitions, worker ticks, RPC, payments, health', async () => {
    const before = await scrape();
    const product = await shop.product({ priceCents: 1000, stock: 10 });
    const buyer = await shop.buyer();
    const items = [{ productId: product.id, quantity: 1 }];

    expect((await rawCall(shop.url, 'product.list', 'query', { limit: 1 })).status).toBe(200);
    expect((await rawCall(shop.url, 'product.list', 'query', { limit: -1 })).status).toBe(400);
    const paid = await shop.order(buyer, { items });
    const cancelled = await shop.order(buyer, { items });
    await buyer.client.order.cancel.mutate({ id: cancelled.id });
    await shop.order(buyer, { items });
    await expect(shop.order(buyer, { items })).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS' },
    });
    rpc.transfer({
      reference: paid.payment.reference,
      recipient: paid.payment.recipient,
      mint: paid.payment.splToken,
      amount: 10_000_000n,
    });
    const worker = startWorker(shop.world.deps, JOBS, 60_000);
    await worker.stop(); // waits for the first tick

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    const requests = 'puffy_trpc_request_duration_seconds_count';
    expect(moved(requests, { procedure: 'product.list', code: 'OK' })).toBeGreaterThanOrEqual(1);
    expect(moved(requests, { procedure: 'product.list', code: 'BAD_REQUEST' })).toBe(1);
    expect(moved(requests, { procedure: 'order.create', code: 'OK' })).toBe(3);
    expect(moved(requests, { procedure: 'order.create', code: 'TOO_MANY_REQUESTS' })).toBe(1);
    expect(moved('puffy_rate_limited_total', { procedure: 'order.create' })).toBe(1);
    expect(moved('puffy_orders_moved_total', { from: 'NEW', to: 'CANCELLED' })).toBe(1);
    expect(moved('puffy_orders_moved_total', { from: 'NEW', to: 'PAID' })).toBe(1);
    expect(moved('puffy_worker_tick_duration_seconds_count')).toBe(1);
    expect(
      moved('puffy_solana_rpc_duration_seconds_count', {
        method: 'getSignaturesForAddress',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved('puffy_payment_checks_total', { outcome: 'paid' })).toBe(1);
    expect(sample(after, 'puffy_dependency_up', { dependency: 'db' })).toBe(1);
    expect(sample(after, 'puffy_dependency_up', { dependency: 'redis' })).toBe(1);
    if (usesRealPostgres) {
      expect(sample(after, 'puffy_db_connections', { state: 'open' })).toBeGreaterThan(0);
    }
  });

  it('is off unless METRICS_PORT is set, and listens on loopback by default', () => {
    expect(loadConfig({}).metrics).toBeNull();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
  });

  it('counts RPC errors by method', async () => {
    const before = await scrape();
    const buyer = await shop.buyer();
    const product = await shop.product({ stock: 10 });
    await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
    rpc.fail({ kind: 'http', status: 503 });
    const worker = startWorker(shop.world.deps, JOBS, 60_000);
    await worker.stop();
    rpc.recover();
    const after = await scrape();
    // The watch's first call each tick asks the node for the merchant's token accounts and the slot
    // it answers at (where the walks of their histories start); with the node failing, that call
    // is the error counted.
    const labels = { method: 'getTokenAccountsByOwner', outcome: 'error' };
    expect(
      sample(after, 'puffy_solana_rpc_duration_seconds_count', labels) -
        sample(before, 'puffy_solana_rpc_duration_seconds_count', labels),
    ).toBeGreaterThanOrEqual(1);
  });
});
