import type { AuthVerifyResult } from './auth-verify';
import type { CatalogResult } from './catalog';
import type { DropResult } from './drop';
import type { KeysetResult } from './keyset';
import type { OrdersResult } from './orders';
import { renderCatalog, renderDrop, renderOrders } from './report-sections';
import { renderMemorySection, renderSignInSection } from './report-sign-in';
import type { SignInResult } from './sign-in';
import type { SoakResult } from './soak';

const f = (n: number, digits = 1) => n.toFixed(digits);

/** The benchmark report as Markdown (printed, and written to docs/benchmarks.md with --write). */
export function renderReport(r: {
  date: string;
  machine: string;
  command: string;
  catalog: CatalogResult;
  keyset: KeysetResult;
  orders: OrdersResult;
  drop: DropResult;
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

${renderCatalog(catalog)}
## Keyset pagination depth (${keyset.products.toLocaleString('en')} products, 100 per page)

Median of ${keyset.iterations} runs through \`listCatalog\` (the API's code path), in ms; the three queries run in
turn each iteration, so drift hits them alike.

| page | keyset | offset |
|---|---|---|
| 1 | ${f(keyset.page1Ms, 2)} | ${f(keyset.page1Ms, 2)} |
| 500 | ${f(keyset.keysetPage500Ms, 2)} | ${f(keyset.offsetPage500Ms, 2)} |
| cost ratio page 500 / page 1 | **${f(keyset.keysetRatio, 2)}** (target ≤ 1.2) | ${f(keyset.offsetRatio, 2)} |

${renderOrders(orders)}
${renderDrop(r.drop)}
${renderSignInSection(authVerify, r.signIns)}
${renderMemorySection(r.soak)}`;
}
