import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balances, users } from '../src/db/schema';
import { createServer } from '../src/http/server';
import { services } from '../src/runtime';
import { createRedisStore } from '../src/store/redis';
import { usesRealPostgres, usesRealRedis } from './backends';
import { rawCall, trpcClient } from './http';
import { hasRedisServer, startThrowawayRedis } from './redis-server';
import { createWallet } from './wallet';
import { createWorld, type World } from './world';

describe.skipIf(!usesRealPostgres)('concurrent first sign-in on real Postgres', () => {
  it('20 concurrent verifies for one new address make one user and one balance', async () => {
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '1000' } });
    try {
      const { url } = await world.listen();
      const client = trpcClient(url);
      const wallet = await createWallet();
      const challenges = await Promise.all(
        Array.from({ length: 20 }, () => client.auth.challenge.mutate({ address: wallet.address })),
      );
      const signed = await Promise.all(
        challenges.map(async (c) => ({
          sessionId: c.sessionId,
          signature: await wallet.signText(c.message),
        })),
      );
      const sessions = await Promise.all(signed.map((input) => client.auth.verify.mutate(input)));
      expect(new Set(sessions.map((s) => s.user.id)).size).toBe(1);
      const userRows = await world.db.select().from(users).where(eq(users.address, wallet.address));
      expect(userRows).toHaveLength(1);
      const balanceRows = await world.db
        .select()
        .from(balances)
        .where(eq(balances.userId, userRows[0]?.id ?? ''));
      expect(balanceRows).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});

describe('auth rate limit', () => {
  it('the 11th challenge from one IP within a minute gets 429 with Retry-After', async () => {
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '10' } });
    try {
      const { url } = await world.listen();
      const wallet = await createWallet();
      for (let i = 0; i < 10; i++) {
        const ok = await rawCall(url, 'auth.challenge', 'mutation', { address: wallet.address });
        expect(ok.status).toBe(200);
      }
      const res = await fetch(`${url}/trpc/auth.challenge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { address: wallet.address } }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
      expect(body.error.json.data).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        reason: 'RATE_LIMITED',
        details: { retryAfterSeconds: expect.any(Number) },
      });
      // auth.verify shares the same per-IP budget.
      const verify = await rawCall(url, 'auth.verify', 'mutation', {
        sessionId: 'x'.repeat(32),
        signature: '1'.repeat(64),
      });
      // A bogus session answers 401 when the limit has room; here the limit answers first.
      expect(verify.status).toBe(429);
      expect(verify.body).toMatchObject({ error: { json: { data: { reason: 'RATE_LIMITED' } } } });
      // Reads are not limited.
      expect((await rawCall(url, 'product.list', 'query', {})).status).toBe(200);
    } finally {
      await world.close();
    }
  });

  it('counts per client IP: a batch cannot smuggle extra calls past the limit', async () => {
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '3' } });
    try {
      const { url } = await world.listen();
      const wallet = await createWallet();
      const input = Object.fromEntries(
        Array.from({ length: 5 }, (_, i) => [i, { json: { address: wallet.address } }]),
      );
      const res = await fetch(`${url}/trpc/${Array(5).fill('auth.challenge').join(',')}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const results = (await res.json()) as Array<{ result?: unknown; error?: unknown }>;
      expect(results.filter((r) => r.result)).toHaveLength(3);
      expect(results.filter((r) => r.error)).toHaveLength(2);
    } finally {
      await world.close();
    }
  });
});

describe.skipIf(!usesRealPostgres || !usesRealRedis)(
  'two API instances on one Postgres and Redis',
  () => {
    let a: World;
    let b: World;
    let urlA: string;
    let urlB: string;

    beforeAll(async () => {
      a = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '10' } });
      b = await createWorld({
        env: { RATE_LIMIT_AUTH_PER_MIN: '10' },
        database: a.database,
        redisPrefix: a.redisPrefix,
      });
      urlA = (await a.listen()).url;
      urlB = (await b.listen()).url;
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('a challenge made on instance A verifies on instance B', async () => {
      const wallet = await createWallet();
      const challenge = await trpcClient(urlA).auth.challenge.mutate({ address: wallet.address });
      const session = await trpcClient(urlB).auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: await wallet.signText(challenge.message),
      });
      expect(session.user.address).toBe(wallet.address);
      // …and the token works on A, while logout on B revokes it on A.
      expect((await trpcClient(urlA, () => session.token).auth.me.query()).user.id).toBe(
        session.user.id,
      );
      await trpcClient(urlB, () => session.token).auth.logout.mutate();
      await expect(trpcClient(urlA, () => session.token).auth.me.query()).rejects.toMatchObject({
        data: { reason: 'TOKEN_REVOKED' },
      });
    });

    it('the limit counts across both: the 11th call is refused whichever instance gets it', async () => {
      // The previous test spent 2 of this IP's 10; use them up alternating between instances.
      const wallet = await createWallet();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const url = i % 2 === 0 ? urlA : urlB;
        statuses.push(
          (await rawCall(url, 'auth.challenge', 'mutation', { address: wallet.address })).status,
        );
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(8);
      expect(statuses.slice(8)).toEqual([429, 429]);
      expect(
        (await rawCall(urlA, 'auth.challenge', 'mutation', { address: wallet.address })).status,
      ).toBe(429);
      expect(
        (await rawCall(urlB, 'auth.challenge', 'mutation', { address: wallet.address })).status,
      ).toBe(429);
    });
  },
);

describe.skipIf(!hasRedisServer())('auth when Redis goes away (throwaway redis-server)', () => {
  it('answers SERVICE_UNAVAILABLE while Redis is down, never hanging, and recovers by itself', async () => {
    const redis = await startThrowawayRedis();
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '100000' } });
    const store = await createRedisStore({
      url: redis.url,
      keyPrefix: 'fault:',
      log: pino({ level: 'silent' }),
    });
    const deps = { ...world.deps, store, ...services(world.config, store, world.clock) };
    const server = await createServer(deps);
    const seen: Array<{ path: string; status: number; during: boolean }> = [];
    let loading = false;
    let redisDown = false;
    try {
      const url = await server.start(0);
      const wallet = await createWallet();
      const call = () => rawCall(url, 'auth.challenge', 'mutation', { address: wallet.address });
      expect((await call()).status).toBe(200);

      // A steady stream of sign-in challenges and catalog reads runs through the whole outage.
      loading = true;
      const load = Array.from({ length: 4 }, (_, i) =>
        (async () => {
          const path = i % 2 ? 'product.list' : 'auth.challenge';
          while (loading) {
            const res =
              path === 'product.list' ? await rawCall(url, path, 'query', {}) : await call();
            seen.push({ path, status: res.status, during: redisDown });
          }
        })(),
      );
      const settle = async (n: number) => {
        const from = seen.length;
        while (seen.length < from + n) await new Promise((r) => setTimeout(r, 20));
      };
      await settle(8); // under way

      await redis.stop();
      redisDown = true;
      const down = await call();
      expect(down.status).toBe(503);
      expect(JSON.stringify(down.body)).toContain('DEPENDENCY_UNAVAILABLE');
      expect((await fetch(`${url}/ready`)).status).toBe(503);
      // Never hung: the load's calls go on being answered while Redis is still down, and the load
      // stops (every call it made returns) before Redis comes back. A call waiting for Redis would
      // keep this waiting, whatever the clock says.
      await settle(20);
      loading = false;
      await Promise.all(load);

      await redis.start();
      redisDown = false;
      const deadline = Date.now() + 30_000; // reconnect backoff is at most 2 s; this is slack
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await call()).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);

      // Through the outage: auth was 200 or 503, never 500; reads never failed.
      const auth = seen.filter((r) => r.path === 'auth.challenge');
      expect(auth.filter((r) => r.during).map((r) => r.status)).toContain(503);
      expect(auth.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      expect(seen.filter((r) => r.path === 'product.list').every((r) => r.status === 200)).toBe(
        true,
      );
    } finally {
      loading = false;
      await server.stop();
      await store.close();
      await world.close();
      await redis.stop();
    }
  });
});
