import type { CatalogResult, LoadFigures } from './catalog';
import type { RunFigures } from './load';
import type { OrdersResult } from './orders';

const f = (n: number, digits = 1) => n.toFixed(digits);
const spread = (values: number[]) => values.map((v) => f(v, 2)).join(' / ');
const row = (name: string, l: LoadFigures) =>
  `| ${name} | ${f(l.rps, 0)} | ${f(l.p50)} | ${f(l.p97_5)} | ${f(l.p99)} | ${l.errors} |`;

/** The catalog section of docs/benchmarks.md: measured figures beside both anchors. */
export function renderCatalog(c: CatalogResult): string {
  return `## product.list (20 items) beside its anchors

${c.connections} connections, ${c.duration} s per round, warm-up first, then two rounds of the three
routes in turn (mean shown; latencies in ms). The anchor is a minimal Fastify + postgres.js service
in its own process (no plugins, hooks or logger; one prepared query); the in-app route is a plain
Fastify route in the API's process (same hooks, Drizzle query and mapping, no tRPC).

| route | req/s | p50 | p97.5 | p99 | errors |
|---|---|---|---|---|---|
${row('tRPC `product.list`', c.trpc)}
${row('in-app route', c.inApp)}
${row('minimal Fastify + postgres.js (anchor)', c.anchor)}

- **tRPC ÷ anchor: ${f(c.trpc.rps / c.anchor.rps, 2)}** (rounds: ${spread(c.anchorRatios)}; target ≥ 0.7)
- **tRPC ÷ in-app route: ${f(c.trpc.rps / c.inApp.rps, 2)}** (rounds: ${spread(c.inAppRatios)}; target ≥ 0.9)
- same answers (the same 20 products in the same order from all three): ${c.sameAnswers ? 'yes' : '**no**'}
- at a fixed ${c.fixedRate.rate} req/s, p99: tRPC ${f(c.fixedRate.trpcP99)} ms, in-app ${f(c.fixedRate.inAppP99)} ms, anchor ${f(c.fixedRate.anchorP99)} ms
`;
}

const run = (name: string, r: RunFigures) =>
  `| ${name} | ${f(r.perSecond)} | ${r.ok} of ${r.attempted} | ${f(r.p50Ms)} | ${f(r.p99Ms)} | ${
    Object.entries(r.refused)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  } |`;

/** The order.create section of docs/benchmarks.md: both runs beside pgbench in the same run. */
export function renderOrders(o: OrdersResult): string {
  const tool =
    o.anchors[0]?.tool === 'postgres.js' ? "postgres.js running pgbench's script" : 'pgbench';
  return `## order.create beside pgbench

${o.buyers} signed-in buyers, ${o.concurrency} concurrent requests (closed loop, keep-alive HTTP), each
order with a fresh idempotency key. **Spread**: each order on one of 100 products, one in ten on a
scarce pass-only product (stock 150) with a pass code of 200 uses. **Hot**: every order on one
product with ample stock. **Anchor**: ${tool}'s TPC-B-like transaction (scale 1, so every
transaction updates the one branch row), ${o.concurrency} clients, run before and after the orders.

| run | orders/s | placed | p50 ms | p99 ms | refused |
|---|---|---|---|---|---|
${run('spread', o.spread)}
${run('hot product', o.hot)}

| anchor | tps |
|---|---|
${o.anchors.map((a, i) => `| ${tool} ${i === 0 ? 'before' : 'after'} | ${f(a.tps, 0)} |`).join('\n')}

- **spread ÷ anchor: ${f(o.anchorRatio, 2)}** (target ≥ 0.35)
- **hot ÷ spread: ${f(o.hotRatio, 2)}** (target ≥ 0.5)
- p99 at ${o.concurrency} concurrent: spread ${f(o.spread.p99Ms)} ms, hot ${f(o.hot.p99Ms)} ms (target < 100 ms)
- invariants after both runs: ${o.violations.length === 0 ? 'all hold (no stock below zero, lost or oversold; no code over its max; unreleased usage rows = uses; every order has items, a payment and history)' : `**VIOLATED: ${o.violations.join('; ')}**`}
`;
}
