import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL, usesRealPostgres, usesRealRedis } from './backends';
import { openShop, rawOrderOne, type Shop } from './shop';
import { PRODUCTION_SOLANA_ENV, type ServerProcess, spawnServer } from './spawn-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds or `timeoutMs` passes; generous, as the machine is shared. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/**
 * order.create must never leave a lock waiting for the API: if the API process stops (a GC
 * pause, a busy core, a crash) right after sending its order, the order's transaction must still
 * finish and free the product row — otherwise every order behind it waits for that process.
 */
describe.skipIf(!(usesRealPostgres && usesRealRedis))('order.create and row locks', () => {
  let shop: Shop;
  let server: ServerProcess;
  let base: string;
  let sql: postgres.Sql;

  beforeAll(async () => {
    shop = await openShop();
    sql = postgres(shop.world.database.url ?? '', { max: 3, onnotice: () => {} });
    // A second API process on the same database and Redis keys, which this test can pause.
    server = spawnServer(['--role', 'api'], {
      ...PRODUCTION_SOLANA_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: shop.world.database.url ?? TEST_DATABASE_URL ?? '',
      REDIS_URL: TEST_REDIS_URL ?? '',
      REDIS_KEY_PREFIX: shop.world.redisPrefix ?? '',
      JWT_SECRET: shop.world.config.jwt.secret.reveal(),
      PORT: '0',
    });
    base = await server.listening(60_000);
  }, 90_000);
  afterAll(async () => {
    if (server.child.pid !== undefined) process.kill(-server.child.pid, 'SIGCONT');
    await server.stop();
    await sql.end();
    await shop.close();
  });

  it('an order whose API stops after sending it still commits and frees the product row', async () => {
    const item = await shop.product({ stock: 5 });
    const buyer = await shop.buyer();
    // Another transaction holds the product row, as a concurrent order would.
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`select 1 from products where id = ${item.id} for no key update`;

    const answer = rawOrderOne(base, buyer, item.id).then(
      (res) => res.status,
      (err: Error) => `${err.message} ${String((err as { cause?: unknown }).cause)}`,
    );
    // The order is at Postgres, waiting for the row.
    const waiting = await eventually(async () => {
      const [row] = await sql`
        select count(*)::int as n from pg_locks l join pg_stat_activity a using (pid)
        where not l.granted and a.datname = current_database() and a.pid <> pg_backend_pid()`;
      return (row?.n as number) > 0;
    });
    expect(waiting).toBe(true);

    // The API stops; the row is let go.
    const pid = server.child.pid ?? 0;
    process.kill(-pid, 'SIGSTOP');
    try {
      await holder`commit`;
      holder.release();
      // With the API still stopped, the order is committed and nothing is left holding a lock.
      const committed = await eventually(async () => {
        const [row] = await sql`select stock from products where id = ${item.id}`;
        return row?.stock === 4;
      });
      expect(committed).toBe(true);
      const [idle] = await sql`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%'`;
      expect(idle?.n).toBe(0);
    } finally {
      process.kill(-pid, 'SIGCONT');
    }
    expect(await answer).toBe(200);
  }, 60_000);
});
