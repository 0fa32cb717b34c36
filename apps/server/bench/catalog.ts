import autocannon from 'autocannon';
import type postgres from 'postgres';

export interface LoadFigures {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
}

export interface CatalogResult {
  connections: number;
  duration: number;
  trpc: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  fixedRate: { rate: number; trpcP99: number; bareP99: number };
  errors: number;
}

async function load(
  url: string,
  options: { connections: number; duration: number; rate?: number },
) {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  } satisfies LoadFigures;
}

const mean = (a: LoadFigures, b: LoadFigures): LoadFigures => ({
  rps: (a.rps + b.rps) / 2,
  p50: (a.p50 + b.p50) / 2,
  p97_5: (a.p97_5 + b.p97_5) / 2,
  p99: (a.p99 + b.p99) / 2,
  errors: a.errors + b.errors,
});

/**
 * product.list (20 items) through tRPC vs a bare Fastify route running the same query, in one
 * server process: warm-up, then two alternating rounds of each (so drift hits both alike), then
 * both at a fixed request rate for p99 under the same offered load.
 */
export async function benchCatalog(options: {
  db: postgres.Sql;
  baseUrl: string;
  duration: number;
  connections: number;
  smoke: boolean;
}): Promise<CatalogResult> {
  const { db, baseUrl, duration, connections } = options;
  await db`
    insert into products (slug, name, description, category, price_cents, stock)
    select 'bench-' || i, 'Bench product ' || i, 'A product for the benchmark', 'MERCH', 1000 + i, 100
    from generate_series(1, 40) as i`;
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 20 } }));
  const trpcUrl = `${baseUrl}/trpc/product.list?input=${input}`;
  const bareUrl = `${baseUrl}/bare/products`;

  const warm = { connections, duration: options.smoke ? 1 : 3 };
  await load(bareUrl, warm);
  await load(trpcUrl, warm);
  const bare1 = await load(bareUrl, { connections, duration });
  const trpc1 = await load(trpcUrl, { connections, duration });
  const bare2 = await load(bareUrl, { connections, duration });
  const trpc2 = await load(trpcUrl, { connections, duration });
  const bare = mean(bare1, bare2);
  const trpc = mean(trpc1, trpc2);

  const rate = options.smoke ? 200 : Math.max(100, Math.round((trpc.rps * 0.5) / 100) * 100);
  const fixedBare = await load(bareUrl, { connections, duration, rate });
  const fixedTrpc = await load(trpcUrl, { connections, duration, rate });

  return {
    connections,
    duration,
    trpc,
    bare,
    ratio: trpc.rps / bare.rps,
    fixedRate: { rate, trpcP99: fixedTrpc.p99, bareP99: fixedBare.p99 },
    errors: trpc.errors + bare.errors + fixedBare.errors + fixedTrpc.errors,
  };
}
