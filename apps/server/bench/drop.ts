import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { trpcClient } from '../test/http';
import { signIn } from '../test/wallet';
import { benchTpcb, type TpcbResult } from './anchors/tpcb';
import { mutationLoad, type RunFigures } from './load';
import { fastWallet } from './sign-in';

export interface DropResult {
  buyers: number;
  units: number;
  concurrency: number;
  run: RunFigures;
  /** Every answer decided the order: placed or OUT_OF_STOCK. */
  decisionsPerSecond: number;
  anchor: TpcbResult;
  /** decisions/s ÷ pgbench tps at scale 1 with the same number of clients (target ≥ 0.35). */
  anchorRatio: number;
  /** Units left, and what went wrong if the drop did not sell exactly `units`. */
  stockLeft: number;
  violations: string[];
}

const address = {
  name: 'Drop Buyer',
  email: 'drop@example.com',
  line1: '1 Queue Street',
  city: 'Paris',
  postalCode: '75001',
  country: 'FR',
};

/**
 * A drop: `buyers` signed-in buyers each order one unit of a product with `units` in stock, `50`
 * at a time (closed loop), each with its own idempotency key as the storefront sends. Exactly
 * `units` orders must be placed and every other answer must be OUT_OF_STOCK — no 5xx, nothing
 * oversold or lost. The anchor is pgbench's TPC-B at scale 1 (one branch row every transaction
 * updates, the shape of one scarce product) with the same client count.
 */
export async function benchDrop(options: {
  db: postgres.Sql;
  adminUrl: string;
  baseUrl: string;
  serverPid: number;
  anchorSeconds: number;
  smoke: boolean;
}): Promise<DropResult> {
  const { db, smoke } = options;
  const buyerCount = smoke ? 60 : 600;
  const units = buyerCount / 2;
  const concurrency = smoke ? 10 : 50;
  const client = trpcClient(options.baseUrl);
  const buyers: string[] = [];
  // Signed in ten at a time: the sign-ins are set-up, not the figure.
  for (let i = 0; i < buyerCount; i += 10) {
    const batch = Array.from({ length: Math.min(10, buyerCount - i) }, () =>
      signIn(client, fastWallet()).then((s) => s.token),
    );
    buyers.push(...(await Promise.all(batch)));
  }
  const [product] = await db`
    insert into products (slug, name, category, price_cents, stock)
    values ('bench-drop', 'Drop', 'MERCH', 9900, ${units}) returning id`;
  const productId = product?.id as string;
  await db`vacuum analyze products`;

  const run = await mutationLoad({
    profile: 'drop',
    url: `${options.baseUrl}/trpc/order.create`,
    concurrency,
    seconds: 600,
    total: buyerCount,
    serverPid: options.serverPid,
    next: (_worker, _n, index) => ({
      token: buyers[index] as string,
      body: {
        items: [{ productId, quantity: 1 }],
        shippingAddress: address,
        idempotencyKey: randomUUID(),
      },
    }),
  });
  const anchor = await benchTpcb({
    adminUrl: options.adminUrl,
    clients: concurrency,
    seconds: options.anchorSeconds,
  });

  const [row] = await db`select stock from products where id = ${productId}`;
  const [orders] = await db`
    select count(*)::int as n from order_items where product_id = ${productId}`;
  const stockLeft = row?.stock as number;
  const violations: string[] = [];
  if (run.ok !== units) violations.push(`${run.ok} orders placed, not ${units}`);
  if (orders?.n !== run.ok) violations.push(`${orders?.n} order rows for ${run.ok} placed`);
  if (stockLeft !== 0) violations.push(`${stockLeft} units left`);
  const outOfStock = run.refused.OUT_OF_STOCK ?? 0;
  if (outOfStock !== buyerCount - units) {
    violations.push(`refusals other than OUT_OF_STOCK: ${JSON.stringify(run.refused)}`);
  }
  if (run.serverErrors > 0) violations.push(`${run.serverErrors} answers with a 5xx status`);
  const decisionsPerSecond = (run.ok + outOfStock) / run.seconds;
  return {
    buyers: buyerCount,
    units,
    concurrency,
    run,
    decisionsPerSecond,
    anchor,
    anchorRatio: decisionsPerSecond / anchor.tps,
    stockLeft,
    violations,
  };
}
