import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../src/db/client';
import { orderStatusEvents, orders } from '../src/db/schema';
import type { Deps } from '../src/deps';
import { JOBS } from '../src/jobs';
import { startWorker } from '../src/jobs/worker';
import type { SolanaRpc } from '../src/solana/rpc';
import { usesRealPostgres } from './backends';
import { startFakeSolanaRpc } from './fake-solana';
import { openShop } from './shop';

/** Counts the RPC calls one worker makes, to show both took part. */
function countingRpc(rpc: SolanaRpc) {
  const counter = { calls: 0 };
  const wrapped: SolanaRpc = {
    ...rpc,
    getSignaturesForAddress: (a, page) => {
      counter.calls++;
      return rpc.getSignaturesForAddress(a, page);
    },
    getSignatureStatuses: (s) => {
      counter.calls++;
      return rpc.getSignatureStatuses(s);
    },
  };
  return { wrapped, counter };
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

describe.skipIf(!usesRealPostgres)('two workers on one Postgres', () => {
  it('process 100 paid orders: each moves exactly once, one history row per move', async () => {
    const rpc = await startFakeSolanaRpc();
    const shop = await openShop({ env: { SOLANA_RPC_URL: rpc.url } });
    const second = openPostgres({
      url: shop.world.database.url ?? '',
      poolMax: 5,
      statementTimeoutMs: 5000,
    });
    const one = countingRpc(shop.world.deps.solana);
    const two = countingRpc(shop.world.deps.solana);
    const deps1: Deps = { ...shop.world.deps, solana: one.wrapped };
    const deps2: Deps = { ...shop.world.deps, database: second, solana: two.wrapped };
    try {
      const product = await shop.product({ priceCents: 1000, stock: 1000 });
      const buyers = await Promise.all(Array.from({ length: 10 }, () => shop.buyer()));
      const placed = await Promise.all(
        buyers.flatMap((buyer) =>
          Array.from({ length: 10 }, () =>
            shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] }),
          ),
        ),
      );
      const signatures = placed.map((o) =>
        rpc.transfer({
          reference: o.payment.reference,
          recipient: o.payment.recipient,
          mint: o.payment.splToken,
          amount: 10_000_000n,
        }),
      );
      const ids = placed.map((o) => o.id);
      const allAt = async (status: 'PAID' | 'CONFIRMED') => {
        const [row] = await shop.world.db
          .select({ n: count() })
          .from(orders)
          .where(and(inArray(orders.id, ids), eq(orders.status, status)));
        return row?.n === 100;
      };

      const workers = [startWorker(deps1, JOBS, 10), startWorker(deps2, JOBS, 10)];
      try {
        // Bounds on the wait, not on the machine's speed (a few seconds when it is quiet).
        await until(() => allAt('PAID'), 80_000);
        for (const s of signatures) rpc.setStatus(s, 'finalized');
        await until(() => allAt('CONFIRMED'), 80_000);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }

      const events = await shop.world.db
        .select({ orderId: orderStatusEvents.orderId, to: orderStatusEvents.toStatus })
        .from(orderStatusEvents)
        .where(inArray(orderStatusEvents.orderId, ids))
        .orderBy(orderStatusEvents.seq);
      expect(events).toHaveLength(300);
      const perOrder = new Map<string, string[]>();
      for (const e of events) perOrder.set(e.orderId, [...(perOrder.get(e.orderId) ?? []), e.to]);
      for (const id of ids) expect(perOrder.get(id)).toEqual(['NEW', 'PAID', 'CONFIRMED']);
      expect(one.counter.calls).toBeGreaterThan(0);
      expect(two.counter.calls).toBeGreaterThan(0);
    } finally {
      await second.close();
      await shop.close();
      await rpc.close();
    }
  }, 240_000);
});
