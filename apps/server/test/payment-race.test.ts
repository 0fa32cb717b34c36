import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { orders, payments } from '../src/db/schema';
import { watchJob } from '../src/jobs/payment-jobs';
import { usesRealPostgres } from './backends';
import { startFakeSolanaRpc } from './fake-solana';
import { openShop } from './shop';

describe.skipIf(!usesRealPostgres)('a payment racing a cancel (real Postgres)', () => {
  it('is recorded late when the cancel commits first, never silently as seen', async () => {
    const rpc = await startFakeSolanaRpc();
    const shop = await openShop({ env: { SOLANA_RPC_URL: rpc.url } });
    const other = postgres(shop.world.database.url ?? '', { max: 1, onnotice: () => {} });
    const observer = postgres(shop.world.database.url ?? '', { max: 1, onnotice: () => {} });
    let release: () => void = () => {};
    try {
      const buyer = await shop.buyer();
      const product = await shop.product({ priceCents: 1000 });
      const order = await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
      rpc.transfer({
        reference: order.payment.reference,
        recipient: order.payment.recipient,
        mint: order.payment.splToken,
        amount: 10_000_000n,
      });

      // A cancel is mid-flight: it holds the order row and has moved it, but not committed yet.
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: (pid: number) => void = () => {};
      const cancelPid = new Promise<number>((resolve) => {
        locked = resolve;
      });
      const cancel = other.begin(async (tx) => {
        const [me] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        await tx`select id from orders where id = ${order.id} for update`;
        await tx`update orders set status = 'CANCELLED' where id = ${order.id} and status = 'NEW'`;
        locked(me?.pid ?? 0);
        await held;
      });
      const pid = await cancelPid;

      // The payment arrives now. The race is proven, not hoped for: the watcher is seen waiting
      // on the cancel's row lock (however slowly either side is scheduled) before the cancel
      // commits. A watcher that finished without waiting never raced.
      let watcherDone = false;
      const watching = watchJob.run(shop.world.deps).finally(() => {
        watcherDone = true;
      });
      let blocked: string | undefined;
      while (blocked === undefined && !watcherDone) {
        const [waiting] = await observer<{ query: string }[]>`
          select query from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`;
        blocked = waiting?.query;
        if (blocked === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      expect(blocked, 'the watcher never waited on the uncommitted cancel').toBeDefined();
      expect(blocked?.toLowerCase()).toMatch(/from "orders".*for update/s);
      release();
      await cancel;
      await watching;

      const [row] = await shop.world.db.select().from(orders).where(eq(orders.id, order.id));
      const [payment] = await shop.world.db
        .select()
        .from(payments)
        .where(eq(payments.orderId, order.id));
      expect(row?.status).toBe('CANCELLED');
      expect(payment?.status).toBe('late');
      const review = await shop.admin.admin.payment.needsReview.query({});
      expect(review.items.map((p) => p.order.id)).toContain(order.id);
    } finally {
      release(); // a failed assertion must not leave the cancel's transaction open
      await other.end();
      await observer.end();
      await shop.close();
      await rpc.close();
    }
  });
});
