import type postgres from 'postgres';
import { trpcClient } from '../test/http';
import { createWallet, signIn } from '../test/wallet';

export interface OrdersResult {
  buyers: number;
  concurrency: number;
  seconds: number;
  attempted: number;
  placed: number;
  refused: Record<string, number>;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  violations: string[];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/**
 * order.create from many signed-in buyers at once, against a scarce product and a pass code with
 * fewer uses than attempts, then the invariants: no stock below zero or oversold, no code over its
 * max, unreleased usage rows = counted uses, and every order complete (items, payment, history).
 */
export async function benchOrders(options: {
  db: postgres.Sql;
  baseUrl: string;
  duration: number;
  smoke: boolean;
}): Promise<OrdersResult> {
  const { db, baseUrl } = options;
  const buyerCount = options.smoke ? 5 : 50;
  const concurrency = options.smoke ? 5 : 20;
  const anonymous = trpcClient(baseUrl);
  const buyers = await Promise.all(
    Array.from({ length: buyerCount }, async () => {
      const session = await signIn(anonymous, await createWallet());
      return { id: session.user.id, client: trpcClient(baseUrl, () => session.token) };
    }),
  );
  const owner = buyers[0];
  if (!owner) throw new Error('no buyers');
  const [plenty] = await db`
    insert into products (slug, name, category, price_cents, stock)
    values ('bench-plenty', 'Plenty', 'MERCH', 1500, 1000000) returning id`;
  const [scarce] = await db`
    insert into products (slug, name, category, price_cents, stock, pass_required)
    values ('bench-scarce', 'Scarce', 'DEVICE', 4999, 150, true) returning id`;
  await db`insert into pass_codes (owner_id, code, max_uses) values (${owner.id}, 'BENCH-PASS', 200)`;

  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let placed = 0;
  const deadline = Date.now() + options.duration * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const buyer = buyers[(worker + n) % buyers.length];
        if (!buyer) continue;
        const wantsScarce = n % 4 === 0;
        const t0 = performance.now();
        try {
          await buyer.client.order.create.mutate({
            items: [{ productId: (wantsScarce ? scarce?.id : plenty?.id) as string, quantity: 1 }],
            shippingAddress: {
              name: 'Bench Buyer',
              email: 'bench@example.com',
              line1: '1 Load Street',
              city: 'Berlin',
              postalCode: '10115',
              country: 'DE',
            },
            ...(wantsScarce ? { passCode: 'BENCH-PASS' } : {}),
          });
          placed++;
        } catch (err) {
          const reason = (err as { data?: { reason?: string } }).data?.reason ?? 'ERROR';
          refused[reason] = (refused[reason] ?? 0) + 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const violations: string[] = [];
  const [stock] = await db`select stock from products where id = ${scarce?.id as string}`;
  const [sold] = await db`
    select coalesce(sum(oi.quantity), 0)::int as n from order_items oi
    join orders o on o.id = oi.order_id
    where oi.product_id = ${scarce?.id as string} and o.status not in ('CANCELLED', 'EXPIRED')`;
  if ((stock?.stock as number) < 0) violations.push('negative stock');
  if ((stock?.stock as number) + (sold?.n as number) !== 150)
    violations.push('stock + sold != 150');
  const [code] = await db`select current_uses, max_uses from pass_codes where code = 'BENCH-PASS'`;
  const [held] = await db`
    select count(*)::int as n from pass_code_usages where code = 'BENCH-PASS' and released_at is null`;
  if ((code?.current_uses as number) > (code?.max_uses as number)) violations.push('code over max');
  if ((held?.n as number) !== (code?.current_uses as number)) violations.push('usage rows != uses');
  const [incomplete] = await db`
    select count(*)::int as n from orders o
    where not exists (select 1 from order_items i where i.order_id = o.id)
       or not exists (select 1 from payments p where p.order_id = o.id)
       or not exists (select 1 from order_status_events e where e.order_id = o.id)`;
  if ((incomplete?.n as number) > 0) violations.push(`${incomplete?.n} incomplete orders`);

  return {
    buyers: buyerCount,
    concurrency,
    seconds,
    attempted: latencies.length,
    placed,
    refused,
    ordersPerSecond: placed / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    violations,
  };
}
