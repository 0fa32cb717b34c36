import { encodeCursor } from '@puffy/core';
import type postgres from 'postgres';
import { openPostgres } from '../src/db/client';
import { listCatalog } from '../src/domain/catalog';

export interface KeysetResult {
  products: number;
  iterations: number;
  page1Ms: number;
  keysetPage500Ms: number;
  offsetPage500Ms: number;
  keysetRatio: number;
  offsetRatio: number;
}

/**
 * Medians of several queries measured in turn, one of each per iteration, so the machine's drift
 * (two cores shared with everything else) hits them all alike.
 */
async function interleavedMediansMs(
  iterations: number,
  works: Array<() => Promise<unknown>>,
): Promise<number[]> {
  const times = works.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    for (const [w, work] of works.entries()) {
      const start = process.hrtime.bigint();
      await work();
      times[w]?.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return t[Math.floor(t.length / 2)] ?? Number.NaN;
  });
}

/**
 * Page 1 vs page 500 (100 per page) of a 50 000-product catalog through the same code the API
 * runs (listCatalog → keyset query), and the offset equivalent for contrast.
 */
export async function benchKeyset(options: {
  db: postgres.Sql;
  databaseUrl: string;
  smoke: boolean;
}): Promise<KeysetResult> {
  const { db } = options;
  const total = 50_000;
  await db`update products set active = false`;
  // Distinct timestamps, as a real catalog built over time has.
  await db`
    insert into products (slug, name, description, category, price_cents, stock, created_at)
    select 'k-' || i, 'Keyset product ' || i, '', 'MERCH', 1000, 10,
           timestamptz '2026-01-01' + i * interval '1 second'
    from generate_series(1, ${total}) as i`;
  await db`analyze products`;
  const [row] = await db`
    select id, created_at from products order by created_at, id offset ${499 * 100 - 1} limit 1`;
  if (!row) throw new Error('no row at page 500');
  const cursor = encodeCursor({
    createdAt: new Date(row.created_at as string),
    id: row.id as string,
  });

  const handle = openPostgres({
    url: options.databaseUrl,
    poolMax: 2,
    statementTimeoutMs: 10_000,
  });
  try {
    const iterations = options.smoke ? 20 : 300;
    const run = (request: Parameters<typeof listCatalog>[1]) => () =>
      listCatalog(handle.db, request);
    const works = [
      run({ limit: 100 }),
      run({ limit: 100, cursor }),
      run({ limit: 100, offset: 499 * 100 }),
    ];
    await interleavedMediansMs(20, works); // warm-up
    const [page1Ms = Number.NaN, keysetPage500Ms = Number.NaN, offsetPage500Ms = Number.NaN] =
      await interleavedMediansMs(iterations, works);
    const page = await listCatalog(handle.db, { limit: 100, cursor });
    if (page.items.length !== 100) throw new Error('page 500 is not a full page');
    return {
      products: total,
      iterations,
      page1Ms,
      keysetPage500Ms,
      offsetPage500Ms,
      keysetRatio: keysetPage500Ms / page1Ms,
      offsetRatio: offsetPage500Ms / page1Ms,
    };
  } finally {
    await handle.close();
  }
}
