import type { AuthVerifyResult } from './auth-verify';
import type { CatalogResult, LoadFigures } from './catalog';
import type { KeysetResult } from './keyset';
import type { OrdersResult } from './orders';

const f = (n: number, digits = 1) => n.toFixed(digits);
const row = (name: string, l: LoadFigures) =>
  `| ${name} | ${f(l.rps, 0)} | ${f(l.p50)} | ${f(l.p97_5)} | ${f(l.p99)} | ${l.errors} |`;

/** The benchmark report as Markdown (printed, and written to docs/benchmarks.md with --write). */
export function renderReport(r: {
  date: string;
  machine: string;
  command: string;
  catalog: CatalogResult;
  keyset: KeysetResult;
  orders: OrdersResult;
  authVerify: AuthVerifyResult;
}): string {
  const { catalog, keyset, orders, authVerify } = r;
  return `# Benchmarks

Measured by \`pnpm bench\` (apps/server/bench) on loopback against real Postgres and Redis.

- **Date:** ${r.date}
- **Machine:** ${r.machine}
- **Command:** \`${r.command}\`

## product.list (20 items): tRPC vs a bare Fastify route, same query and driver

Same server process, ${catalog.connections} connections, ${catalog.duration} s per round, warm-up
first, two alternating rounds each (mean shown). Latencies in ms.

| route | req/s | p50 | p97.5 | p99 | errors |
|---|---|---|---|---|---|
${row('tRPC `product.list`', catalog.trpc)}
${row('bare Fastify', catalog.bare)}

**Ratio tRPC / bare: ${f(catalog.ratio, 2)}** (target ≥ 0.80).

At a fixed ${catalog.fixedRate.rate} req/s: p99 tRPC ${f(catalog.fixedRate.trpcP99)} ms, bare
${f(catalog.fixedRate.bareP99)} ms.

## Keyset pagination depth (${keyset.products.toLocaleString('en')} products, 100 per page)

Median of ${keyset.iterations} runs through \`listCatalog\` (the API's code path), in ms.

| page | keyset | offset |
|---|---|---|
| 1 | ${f(keyset.page1Ms, 2)} | ${f(keyset.page1Ms, 2)} |
| 500 | ${f(keyset.keysetPage500Ms, 2)} | ${f(keyset.offsetPage500Ms, 2)} |
| cost ratio page 500 / page 1 | **${f(keyset.keysetRatio, 2)}** (target ≤ 1.5) | ${f(keyset.offsetRatio, 2)} |

## order.create under concurrent load

${orders.buyers} signed-in buyers, ${orders.concurrency} concurrent requests for ${f(orders.seconds)} s;
one product with plenty of stock, one scarce pass-only product (stock 150, pass code with 200 uses).

- **${f(orders.ordersPerSecond)} orders/s** placed (${orders.placed} of ${orders.attempted} attempts), p50 ${f(orders.p50Ms)} ms, p99 ${f(orders.p99Ms)} ms
- refused: ${
    Object.entries(orders.refused)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  }
- invariants after the run: ${orders.violations.length === 0 ? 'all hold (no stock below zero or oversold, no code over its max, unreleased usage rows = uses, every order complete)' : `**VIOLATED: ${orders.violations.join('; ')}**`}

## auth.verify: ed25519 verification cost

${authVerify.messages} SIWS-sized messages, one core.

| verifier | verifications/s |
|---|---|
| @noble/ed25519 \`verifyAsync\` (\`zip215: false\`, as auth.verify) | ${f(authVerify.nobleOpsPerSec, 0)} |
| Node \`crypto.verify\` (OpenSSL) | ${f(authVerify.nodeOpsPerSec, 0)} |

End to end (challenge → sign → verify over HTTP, 10 wallets in parallel): ${f(authVerify.signInsPerSec, 0)} sign-ins/s.
`;
}
