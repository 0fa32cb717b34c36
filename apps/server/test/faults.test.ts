import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL, usesRealPostgres } from './backends';
import { rawCall } from './http';
import { openShop, shippingTo } from './shop';
import { PRODUCTION_SOLANA_ENV, spawnServer } from './spawn-server';
import { createTestDatabase } from './world';

/** Polls `check` until it holds; the test's own timeout bounds the wait. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.skipIf(!usesRealPostgres)('Postgres connections killed during a load run', () => {
  it('in-flight requests may fail with 503, later ones succeed, and no order is half-written', async () => {
    const shop = await openShop();
    const admin = postgres(TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    try {
      const product = await shop.product({ stock: 100_000, priceCents: 500 });
      const buyers = await Promise.all(Array.from({ length: 5 }, () => shop.buyer()));
      const statuses: number[] = [];
      const input = {
        items: [{ productId: product.id, quantity: 1 }],
        shippingAddress: shippingTo('US'),
      };
      let running = true;
      const load = buyers.map(async (buyer) => {
        while (running) {
          const res = await rawCall(shop.url, 'order.create', 'mutation', input, {
            headers: { authorization: `Bearer ${buyer.token}` },
          });
          statuses.push(res.status);
        }
      });
      // Load is running once orders are being placed (however long this machine takes to start).
      await until(() => statuses.filter((st) => st === 200).length >= 5);
      // Every connection of this server's pool (its application_name is the database's name).
      const killed = await admin`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = ${new URL(shop.world.database.url ?? '').pathname.slice(1)}
          and pid <> pg_backend_pid()`;
      expect(killed.length).toBeGreaterThan(0);
      // The buyers go on until each has had several answers after the kill.
      const answeredBeforeKill = statuses.length;
      await until(() => statuses.length >= answeredBeforeKill + 5 * buyers.length);
      running = false;
      await Promise.all(load);

      // During the kill: only successes and SERVICE_UNAVAILABLE (the contract for a dependency
      // that went away), never a generic 500 and never a hang.
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(statuses).toContain(200);
      // After it: every request succeeds again.
      for (const buyer of buyers) {
        const res = await rawCall(shop.url, 'order.create', 'mutation', input, {
          headers: { authorization: `Bearer ${buyer.token}` },
        });
        expect(res.status).toBe(200);
      }
      expect((await fetch(`${shop.url}/ready`)).status).toBe(200);

      const db = postgres(shop.world.database.url ?? '', { max: 1, onnotice: () => {} });
      const [check] = await db`
        select
          (select count(*)::int from orders o
            where not exists (select 1 from order_items i where i.order_id = o.id)
               or not exists (select 1 from payments p where p.order_id = o.id)
               or not exists (select 1 from order_status_events e where e.order_id = o.id)) as incomplete,
          (select stock from products where id = ${product.id}) as stock,
          (select coalesce(sum(quantity), 0)::int from order_items where product_id = ${product.id}) as sold`;
      await db.end();
      expect(check?.incomplete).toBe(0);
      expect((check?.stock as number) + (check?.sold as number)).toBe(100_000);
    } finally {
      await admin.end();
      await shop.close();
    }
  }, 180_000);
});

describe.skipIf(!usesRealPostgres)('SIGTERM while requests are in flight', () => {
  it('finishes the in-flight requests, refuses new ones, and exits 0 within the drain timeout', async () => {
    const database = await createTestDatabase();
    const lockHolder = postgres(database.url ?? '', { max: 1, onnotice: () => {} });
    const observer = postgres(database.url ?? '', { max: 1, onnotice: () => {} });
    const letGo = deferred<void>();
    const server = spawnServer(['--role', 'api'], {
      NODE_ENV: 'production',
      ...PRODUCTION_SOLANA_ENV,
      DATABASE_URL: database.url ?? '',
      REDIS_URL: TEST_REDIS_URL ?? 'redis://127.0.0.1:1',
      JWT_SECRET: 'sigterm-test-secret-0123456789-abcdefghij',
      PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '8000',
      // This test is about the drain; the load-balancer delay has its own (test/shutdown.test.ts).
      SHUTDOWN_DELAY_MS: '0',
    });
    try {
      const url = await server.listening();

      // Hold the catalog locked so requests are truly in flight when the signal arrives: they are
      // seen waiting on the lock in Postgres before the signal is sent, and the lock is let go
      // only once the server has started shutting down. Nothing here depends on timing.
      const holderPid = deferred<number>();
      const locked = lockHolder.begin(async (tx) => {
        const [me] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        await tx`lock table products in access exclusive mode`;
        holderPid.resolve(me?.pid ?? 0);
        await letGo.promise;
      });
      const pid = await holderPid.promise;
      const inFlight = Array.from({ length: 8 }, () =>
        rawCall(url, 'product.list', 'query', {}).then((r) => r.status),
      );
      await until(
        async () =>
          (
            await observer<{ n: number }[]>`
              select count(*)::int as n from pg_stat_activity
              where ${pid}::int = any(pg_blocking_pids(pid))`
          )[0]?.n !== 0,
      );
      server.child.kill('SIGTERM');
      await server.waitFor(/shutting down: draining requests/);
      // The listener closes soon after; /health touches no table, so asking it never waits on the
      // lock. Once it is refused, so is any new request.
      await until(() =>
        fetch(`${url}/health`).then(
          () => false,
          () => true,
        ),
      );
      const late = await rawCall(url, 'product.list', 'query', {}).then(
        (r) => r.status,
        () => 'refused' as const,
      );
      letGo.resolve();
      await locked;
      expect(await Promise.all(inFlight)).toEqual(Array(8).fill(200));
      expect(late === 'refused' || late === 503).toBe(true);
      expect(await server.exited).toBe(0);
      // Drained, not cut off: the drain deadline (SHUTDOWN_TIMEOUT_MS) never fired.
      expect(server.output()).not.toContain('drain timeout reached');
      expect(server.output()).toContain('shutdown complete');
    } finally {
      server.child.kill('SIGKILL');
      letGo.resolve(); // a failed assertion must not leave the lock's transaction open
      await lockHolder.end();
      await observer.end();
      await database.drop();
    }
  }, 180_000);
});
