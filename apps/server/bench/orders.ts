import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { trpcClient } from '../test/http';
import { createWallet, signIn } from '../test/wallet';
import { benchTpcb, type TpcbResult } from './anchors/tpcb';
import { mutationLoad, type RunFigures } from './load';

export interface OrdersResult {
  buyers: number;
  concurrency: number;
  /** pgbench before and after the order runs, so drift shows in the anchor too. */
  anchors: TpcbResult[];
  spread: RunFigures;
  hot: RunFigures;
  /** Everyone on the scarce pass-only product with the one pass code, until it sells out. */
  scarce: RunFigures;
  /** spread orders/s ÷ mean anchor tps (target ≥ 0.35). */
  anchorRatio: number;
  /** hot ÷ spread orders/s (target ≥ 0.5). */
  hotRatio: number;
  violations: string[];
}

const SPREAD_PRODUCTS = 100;
const AMPLE = 1_000_000;
const SCARCE = 150;
const PASS_USES = 200;

const address = {
  name: 'Bench Buyer',
  email: 'bench@example.com',
  line1: '1 Load Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** The invariants of order.create after a load: every unit and use accounted for, every order whole. */
async function checkInvariants(db: postgres.Sql): Promise<string[]> {
  const violations: string[] = [];
  const [stock] = await db`
    select count(*)::int as n from products p
    where (p.slug like 'bench-spread-%' or p.slug in ('bench-hot', 'bench-scarce'))
      and (p.stock < 0 or p.stock + coalesce((
        select sum(oi.quantity) from order_items oi join orders o on o.id = oi.order_id
        where oi.product_id = p.id and o.status not in ('CANCELLED', 'EXPIRED')), 0)
        <> case when p.slug = 'bench-scarce' then ${SCARCE}::int else ${AMPLE}::int end)`;
  if ((stock?.n as number) > 0) violations.push(`${stock?.n} products oversold or lost stock`);
  const [code] = await db`
    select current_uses, max_uses,
      (select count(*)::int from pass_code_usages u where u.code = c.code and u.released_at is null) as held
    from pass_codes c where code = 'BENCH-PASS'`;
  if ((code?.current_uses as number) > (code?.max_uses as number)) violations.push('code over max');
  if (code?.held !== code?.current_uses) violations.push('usage rows != uses');
  const [incomplete] = await db`
    select count(*)::int as n from orders o
    where not exists (select 1 from order_items i where i.order_id = o.id)
       or not exists (select 1 from payments p where p.order_id = o.id)
       or not exists (select 1 from order_status_events e where e.order_id = o.id)
       or (o.pass_code is not null) <> exists (select 1 from pass_code_usages u where u.order_id = o.id)`;
  if ((incomplete?.n as number) > 0) violations.push(`${incomplete?.n} incomplete orders`);
  return violations;
}

/**
 * order.create from 50 signed-in buyers, 20 at a time (pgbench's client count): "spread" — each
 * order on one of 100 products — and "hot" — every order on the same product — then a short
 * "scarce" run on a pass-only product (stock 150) with one pass code of 200 uses. Each request
 * carries a fresh idempotency key, as the storefront sends. pgbench runs before and after as the
 * anchor; the invariants are checked at the end.
 */
export async function benchOrders(options: {
  db: postgres.Sql;
  adminUrl: string;
  baseUrl: string;
  /** The API's process id, for its CPU time per order. */
  serverPid: number;
  duration: number;
  smoke: boolean;
}): Promise<OrdersResult> {
  const { db, baseUrl, smoke } = options;
  const buyerCount = smoke ? 5 : 50;
  const concurrency = smoke ? 5 : 20;
  const anonymous = trpcClient(baseUrl);
  const buyers = await Promise.all(
    Array.from({ length: buyerCount }, async () => {
      const session = await signIn(anonymous, await createWallet());
      return { id: session.user.id, token: session.token };
    }),
  );
  const owner = buyers[0];
  if (!owner) throw new Error('no buyers');
  const spreadIds = (
    await db`
      insert into products (slug, name, category, price_cents, stock)
      select 'bench-spread-' || i, 'Spread ' || i, 'MERCH', 1000 + i, ${AMPLE}
      from generate_series(1, ${SPREAD_PRODUCTS}) as i returning id`
  ).map((r) => r.id as string);
  const [hot] = await db`
    insert into products (slug, name, category, price_cents, stock)
    values ('bench-hot', 'Hot', 'MERCH', 1500, ${AMPLE}) returning id`;
  const [scarce] = await db`
    insert into products (slug, name, category, price_cents, stock, pass_required)
    values ('bench-scarce', 'Scarce', 'DEVICE', 4999, ${SCARCE}, true) returning id`;
  await db`insert into pass_codes (owner_id, code, max_uses) values (${owner.id}, 'BENCH-PASS', ${PASS_USES})`;
  await db`vacuum analyze`;

  const url = `${baseUrl}/trpc/order.create`;
  const buyerFor = (worker: number, n: number) => buyers[(worker * 7 + n) % buyers.length] ?? owner;
  const order = (productId: string, passCode?: string) => ({
    items: [{ productId, quantity: 1 }],
    shippingAddress: address,
    idempotencyKey: randomUUID(),
    ...(passCode ? { passCode } : {}),
  });
  const seconds = options.duration;
  const tpcb = () => benchTpcb({ adminUrl: options.adminUrl, clients: concurrency, seconds });

  const anchors = [await tpcb()];
  const spread = await mutationLoad({
    profile: 'orders-spread',
    url,
    concurrency,
    seconds,
    serverPid: options.serverPid,
    next: (worker, n) => ({
      token: buyerFor(worker, n).token,
      body: order(spreadIds[(worker * 13 + n) % spreadIds.length] as string),
    }),
  });
  const hotRun = await mutationLoad({
    profile: 'orders-hot',
    url,
    concurrency,
    seconds,
    serverPid: options.serverPid,
    next: (worker, n) => ({ token: buyerFor(worker, n).token, body: order(hot?.id as string) }),
  });
  // The invariants' run: a scarce pass-only product and one pass code with fewer uses than
  // attempts, everyone at once. Kept out of the spread run, whose rate is the anchored figure:
  // one shared code row would make that run a contended one.
  const scarceRun = await mutationLoad({
    profile: 'orders-scarce',
    url,
    concurrency,
    seconds: Math.min(seconds, 3),
    serverPid: options.serverPid,
    next: (worker, n) => ({
      token: buyerFor(worker, n).token,
      body: order(scarce?.id as string, 'BENCH-PASS'),
    }),
  });
  if (!smoke) anchors.push(await tpcb());

  const anchorTps = anchors.reduce((sum, a) => sum + a.tps, 0) / anchors.length;
  return {
    buyers: buyerCount,
    concurrency,
    anchors,
    spread,
    hot: hotRun,
    scarce: scarceRun,
    anchorRatio: spread.perSecond / anchorTps,
    hotRatio: hotRun.perSecond / spread.perSecond,
    violations: await checkInvariants(db),
  };
}
