import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { orders, payments } from '../src/db/schema';
import { startFakeSolanaRpc } from '../src/dev/fake-solana';
import { watchJob } from '../src/jobs/payment-jobs';
import { usesRealPostgres } from './backends';
import { openShop } from './shop';

describe.skipIf(!usesRealPostgres)('a payment racing a cancel (real Postgres)', () => {
  it('is recorded late when the cancel commits first, never silently as seen', async () => {
    const rpc = await startFakeSolanaRpc();
    const shop = await openShop({ env: { SOLANA_RPC_URL: rpc.url } });
    const other = postgres(shop.world.database.url ?? '', { max: 1, onnotice: () => {} });
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
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const cancel = other.begin(async (tx) => {
        await tx`select id from orders where id = ${order.id} for update`;
        await tx`update orders set status = 'CANCELLED' where id = ${order.id} and status = 'NEW'`;
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      const watching = watchJob.run(shop.world.deps);
      await new Promise((r) => setTimeout(r, 300));
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
      await other.end();
      await shop.close();
      await rpc.close();
    }
  });
});
