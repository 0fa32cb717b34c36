import { eq, sql } from 'drizzle-orm';
import { products } from '../src/db/schema';
import { RpcBudget } from '../src/domain/payments/budget';
import { merchantTokenAccount } from '../src/domain/payments/merchant-watch';
import { JOBS } from '../src/jobs';
import { type FakeSolanaOptions, type FakeSolanaRpc, startFakeSolanaRpc } from './fake-solana';
import { type Buyer, openShop, type Shop } from './shop';

export const USDC = (cents: number) => BigInt(cents) * 10_000n; // 6 decimals

type PlacedOrder = Awaited<ReturnType<Shop['order']>>;

export interface TickFigures {
  calls: number;
  ms: number;
}

export interface PaymentShop {
  rpc: FakeSolanaRpc;
  shop: Shop;
  buyer: Buyer;
  /** The merchant's USDC token account: where payments land. */
  merchantAccount: string;
  /** One worker tick (every job, one shared budget); the RPC calls it made and how long it took. */
  tick(): Promise<TickFigures>;
  newOrder(priceCents?: number, stock?: number): Promise<PlacedOrder & { productId: string }>;
  /** A wallet paying `amount` base units to the order's Solana Pay request. */
  pay(order: PlacedOrder, amount: bigint, extra?: Parameters<FakeSolanaRpc['pay']>[1]): string;
  reload(id: string): ReturnType<Buyer['client']['order']['byId']['query']>;
  stockOf(productId: string): Promise<number | undefined>;
  /** Runs `work` with the clock moved forward by `ms`, then moves it back. */
  later<T>(ms: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A shop with an HTTP server and a fake Solana RPC, and the steps payment tests take. */
export async function openPaymentShop(
  env: Record<string, string> = {},
  rpcOptions: FakeSolanaOptions = {},
): Promise<PaymentShop> {
  const rpc = await startFakeSolanaRpc(rpcOptions);
  const shop = await openShop({
    env: { SOLANA_RPC_URL: rpc.url, SOLANA_RPC_TIMEOUT_MS: '2000', ...env },
  });
  const buyer = await shop.buyer();
  const deps = shop.world.deps;
  return {
    rpc,
    shop,
    buyer,
    merchantAccount: merchantTokenAccount(deps.config),
    async tick() {
      const before = rpc.callCount();
      const started = performance.now();
      const shared = { budget: new RpcBudget(deps.config.payments.rpcCallsPerTick) };
      for (const job of JOBS) await job.run(deps, shared);
      return { calls: rpc.callCount() - before, ms: performance.now() - started };
    },
    async newOrder(priceCents = 1000, stock = 50) {
      const product = await shop.product({ priceCents, stock });
      const order = await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] });
      return { ...order, productId: product.id };
    },
    pay(order, amount, extra = {}) {
      return rpc.pay(
        {
          reference: order.payment.reference,
          recipient: order.payment.recipient,
          mint: order.payment.splToken,
          amount,
        },
        extra,
      );
    },
    reload: (id) => buyer.client.order.byId.query({ id }),
    async stockOf(productId) {
      const [row] = await shop.world.db
        .select({ stock: products.stock })
        .from(products)
        .where(eq(products.id, productId));
      return row?.stock;
    },
    async later(ms, work) {
      shop.world.clock.advance(ms);
      try {
        return await work();
      } finally {
        shop.world.clock.advance(-ms);
      }
    },
    async close() {
      await shop.close();
      await rpc.close();
    },
  };
}

/**
 * Inserts `count` open NEW orders (with payment requests) for the shop's buyer in one statement:
 * a quiet day's backlog, far faster than placing them through the API.
 */
export async function insertOpenOrders(p: PaymentShop, count: number, expiresAt: Date) {
  const { config } = p.shop.world.deps;
  await p.shop.world.db.execute(sql`
    with placed as (
      insert into orders (user_id, status, subtotal_cents, total_cents, shipping_name,
        shipping_email, shipping_line1, shipping_city, shipping_postal_code, shipping_country,
        expires_at)
      select ${p.buyer.userId}, 'NEW', 1000, 1000, 'Quiet Buyer', 'quiet@example.com', '1 Road',
        'Town', '12345', 'US', ${expiresAt.toISOString()}::timestamptz
      from generate_series(1, ${count})
      returning id
    )
    insert into payments (order_id, recipient, spl_token, amount, amount_base_units, reference)
    select id, ${config.solana.merchantWallet}, ${config.solana.usdcMint}, '10', 10000000,
      md5(id::text) from placed`);
}
