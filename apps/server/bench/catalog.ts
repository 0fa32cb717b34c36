import autocannon from 'autocannon';
import type postgres from 'postgres';
import { cpuSeconds } from './proc';
import { startBenchProcess, stopBenchProcess } from './process';
import { profiled } from './profiler';

export interface LoadFigures {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  /** CPU time of the answering process per request, in ms (from /proc). */
  cpuMs: number;
}

export interface CatalogResult {
  connections: number;
  duration: number;
  trpc: LoadFigures;
  /** A plain route added to the same app: same hooks, Drizzle and mapping, no tRPC. */
  inApp: LoadFigures;
  /** The minimal Fastify + postgres.js service, its own process. */
  anchor: LoadFigures;
  /** Each round's tRPC rps ÷ the anchor's / the in-app route's in the same round. */
  anchorRatios: number[];
  inAppRatios: number[];
  fixedRate: { rate: number; trpcP99: number; inAppP99: number; anchorP99: number };
  /** The three routes list the same products in the same order. */
  sameAnswers: boolean;
  errors: number;
}

async function load(
  url: string,
  options: { connections: number; duration: number; rate?: number; pid?: number },
) {
  const cpu0 = cpuSeconds(options.pid ?? 0);
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
    cpuMs: ((cpuSeconds(options.pid ?? 0) - cpu0) * 1000) / result.requests.total,
  } satisfies LoadFigures;
}

const mean = (runs: LoadFigures[]): LoadFigures => {
  const avg = (pick: (l: LoadFigures) => number) =>
    runs.reduce((sum, l) => sum + pick(l), 0) / runs.length;
  return {
    rps: avg((l) => l.rps),
    p50: avg((l) => l.p50),
    p97_5: avg((l) => l.p97_5),
    p99: avg((l) => l.p99),
    errors: runs.reduce((sum, l) => sum + l.errors, 0),
    cpuMs: avg((l) => l.cpuMs),
  };
};

/** The product ids each route answers, in order (tRPC's superjson envelope or plain JSON). */
async function idsOf(url: string): Promise<string[]> {
  const body = (await (await fetch(url)).json()) as {
    items?: Array<{ id: string }>;
    result?: { data: { json: { items: Array<{ id: string }> } } };
  };
  return (body.result?.data.json.items ?? body.items ?? []).map((p) => p.id);
}

/**
 * product.list (20 items) against two anchors: the minimal Fastify + postgres.js service in its
 * own process, and a plain route in the API's own process (same hooks, Drizzle and mapping). After
 * a warm-up, two rounds of the three in turn (so drift hits all alike), then all three at a fixed
 * request rate for p99 under the same offered load.
 */
export async function benchCatalog(options: {
  db: postgres.Sql;
  databaseUrl: string;
  baseUrl: string;
  /** The API's process id, for its CPU time per request. */
  serverPid: number;
  duration: number;
  connections: number;
  smoke: boolean;
}): Promise<CatalogResult> {
  const { db, baseUrl, duration, connections } = options;
  await db`
    insert into products (slug, name, description, category, price_cents, stock)
    select 'bench-' || i, 'Bench product ' || i, 'A product for the benchmark', 'MERCH', 1000 + i, 100
    from generate_series(1, 40) as i`;
  const service = await startBenchProcess(
    new URL('./anchors/catalog-service.ts', import.meta.url),
    {
      DATABASE_URL: options.databaseUrl,
      DB_POOL_MAX: '20',
    },
  );
  try {
    const input = encodeURIComponent(JSON.stringify({ json: { limit: 20 } }));
    const urls = {
      trpc: `${baseUrl}/trpc/product.list?input=${input}`,
      inApp: `${baseUrl}/bare/products`,
      anchor: `${service.url}/products`,
    };
    const [trpcIds, inAppIds, anchorIds] = await Promise.all(
      [urls.trpc, urls.inApp, urls.anchor].map(idsOf),
    );
    const sameAnswers =
      trpcIds.length === 20 &&
      JSON.stringify(trpcIds) === JSON.stringify(inAppIds) &&
      JSON.stringify(trpcIds) === JSON.stringify(anchorIds);

    const warm = { connections, duration: options.smoke ? 1 : 3 };
    for (const url of Object.values(urls)) await load(url, warm);
    const rounds: Array<Record<keyof typeof urls, LoadFigures>> = [];
    const servicePid = service.child.pid ?? 0;
    const apiPid = options.serverPid;
    for (let round = 0; round < 2; round++) {
      rounds.push({
        anchor: await load(urls.anchor, { connections, duration, pid: servicePid }),
        inApp: await load(urls.inApp, { connections, duration, pid: apiPid }),
        trpc: await profiled(`catalog-trpc-${round + 1}`, () =>
          load(urls.trpc, { connections, duration, pid: apiPid }),
        ),
      });
    }
    const trpc = mean(rounds.map((r) => r.trpc));
    const inApp = mean(rounds.map((r) => r.inApp));
    const anchor = mean(rounds.map((r) => r.anchor));

    const rate = options.smoke ? 200 : Math.max(100, Math.round((trpc.rps * 0.5) / 100) * 100);
    const fixedAnchor = await load(urls.anchor, { connections, duration, rate });
    const fixedInApp = await load(urls.inApp, { connections, duration, rate });
    const fixedTrpc = await load(urls.trpc, { connections, duration, rate });

    return {
      connections,
      duration,
      trpc,
      inApp,
      anchor,
      anchorRatios: rounds.map((r) => r.trpc.rps / r.anchor.rps),
      inAppRatios: rounds.map((r) => r.trpc.rps / r.inApp.rps),
      fixedRate: {
        rate,
        trpcP99: fixedTrpc.p99,
        inAppP99: fixedInApp.p99,
        anchorP99: fixedAnchor.p99,
      },
      sameAnswers,
      errors:
        trpc.errors +
        inApp.errors +
        anchor.errors +
        fixedAnchor.errors +
        fixedInApp.errors +
        fixedTrpc.errors,
    };
  } finally {
    await stopBenchProcess(service.child);
  }
}
