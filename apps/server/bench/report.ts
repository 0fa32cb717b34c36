import type { AuthVerifyResult } from './auth-verify';
import type { CatalogResult, LoadFigures } from './catalog';
import type { KeysetResult } from './keyset';
import type { OrdersResult } from './orders';
import { renderMemorySection, renderSignInSection } from './report-sign-in';
import type { SignInResult } from './sign-in';
import type { SoakResult } from './soak';

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
  signIns: SignInResult;
  soak: SoakResult | undefined;
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

### Where tRPC's time went, and what was removed

CPU profiles (\`node --cpu-prof\`, 10 s of load on each route, per-request µs computed from the
sample counts) of the first version put a tRPC \`product.list\` at ~1.30 ms of server CPU against
~0.49 ms for the bare route (ratio 0.39–0.43). The extra ~0.8 ms:

| cost (µs per request) | before | after | what changed |
|---|---|---|---|
| superjson's walker | 208 | ~20 | \`fastSerialize\` in core: one specialised walk with superjson's exact output (property-tested, key order included), superjson for anything unusual |
| Web \`Request\`/\`Response\`, AbortController, web-stream piping (official Fastify adapter) | ~150 | ~0 on GET queries | own Fastify route: single GET queries call the procedure directly with tRPC's own error shape, status and envelope (a differential test requires byte-identical answers); everything else still goes through \`resolveResponse\`, answered as a string rather than a piped stream |
| tRPC middleware levels (\`_objectSpread2\` per level) | ~30 | ~15 | rate limiting and error conversion merged into one middleware |
| tsx transpilation artefacts (\`__name\` wrappers) | present | none | the bench runs the server bundled by esbuild, as \`pnpm start\` does |

Ratio before: **0.42** (same command, same machine, first version). After: the table above.
What remains is tRPC's own procedure machinery (~40 µs), zod input parsing (~7 µs), serialisation of
the superjson envelope, and — the largest single item in the last profile — more time in the
Postgres socket writes under the higher request rate, which this two-core machine shares with
Postgres and the load generator. Going further would mean bypassing tRPC's procedure calls
themselves, which is not ours to remove.

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

${renderSignInSection(authVerify, r.signIns)}
${renderMemorySection(r.soak)}`;
}
