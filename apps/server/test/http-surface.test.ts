import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/db/client';
import { READY_CHECK_TIMEOUT_MS } from '../src/http/health';
import { createServer } from '../src/http/server';
import { createRedisStore } from '../src/store/redis';
import { startBlackhole } from './blackhole';
import { createWorld, type World } from './world';

describe('health, readiness and CORS', () => {
  let world: World;
  let url: string;

  beforeAll(async () => {
    world = await createWorld();
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  it('/health answers ok with the version and touches nothing', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: 'test' });
  });

  it('/ready answers 200 when the database and the store answer', async () => {
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { db: 'ok', redis: 'ok' } });
  });

  it('a preflight from an allowed origin gets credentials allowed', async () => {
    const res = await fetch(`${url}/trpc/product.list`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://shop.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('an unknown origin gets no CORS headers at all', async () => {
    for (const method of ['OPTIONS', 'GET'] as const) {
      const res = await fetch(`${url}/health`, {
        method,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      const corsHeaders = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
      expect(corsHeaders).toEqual([]);
    }
  });

  it('a request from an allowed origin gets its origin and credentials echoed', async () => {
    const res = await fetch(`${url}/health`, { headers: { origin: 'http://shop.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it("tRPC answers keep Vary: Origin (so caches never serve one origin another one's CORS)", async () => {
    for (const path of ['product.list', 'product.list,product.list?batch=1']) {
      const res = await fetch(`${url}/trpc/${path}`, { headers: { origin: 'http://shop.test' } });
      expect(res.headers.get('vary')).toMatch(/origin/i);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    }
  });
});

describe('/ready when a dependency does not answer', () => {
  const silent = pino({ level: 'silent' });

  it('answers 503 naming db, at its own deadline, when Postgres hangs', async () => {
    const hole = await startBlackhole();
    const world = await createWorld();
    const database = openPostgres({
      url: `postgres://postgres@127.0.0.1:${hole.port}/none`,
      poolMax: 1,
      statementTimeoutMs: 1000,
    });
    const server = await createServer({ ...world.deps, database });
    try {
      const url = await server.start(0);
      const res = await fetch(`${url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        checks: { db: 'unavailable', redis: 'ok' },
      });
      // Ended by /ready's own deadline (not by the driver's 5 s connect timeout); how long that
      // took in wall time is the machine's business.
      expect(world.logs.text()).toContain(
        `database ping did not answer within ${READY_CHECK_TIMEOUT_MS} ms`,
      );
    } finally {
      await server.stop();
      await database.close().catch(() => {});
      await world.close();
      await hole.close();
    }
  });

  it('answers 503 naming redis when Redis hangs, with no error text', async () => {
    const hole = await startBlackhole();
    const world = await createWorld();
    const store = await createRedisStore({
      url: `redis://127.0.0.1:${hole.port}`,
      keyPrefix: 'test:',
      log: silent,
      connectWaitMs: 100,
    });
    const server = await createServer({ ...world.deps, store });
    try {
      const url = await server.start(0);
      const res = await fetch(`${url}/ready`);
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({
        status: 'unavailable',
        checks: { db: 'ok', redis: 'unavailable' },
      });
      expect(body).not.toMatch(/timeout|timed out|error|ECONN/i);
      // The reason is in the log instead.
      expect(world.logs.text()).toContain('readiness check failed');
    } finally {
      await server.stop();
      await store.close();
      await world.close();
      await hole.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const world = await createWorld();
    const server = await createServer(world.deps);
    // The handler tells when the request has arrived and answers only when let go: the stop
    // begins while the request is certainly in flight, however slowly either side runs.
    let arrived: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let letGo: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    server.app.get('/slow', async () => {
      arrived();
      await gate;
      return { done: true };
    });
    const url = await server.start(0);
    const inFlight = fetch(`${url}/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await inside;
    const stopped = server.stop();
    await new Promise((resolve) => setImmediate(resolve));
    letGo();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await stopped;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    await world.close();
  });
});

describe('client IP for rate limits', () => {
  const challenge = (url: string, forwardedFor: string) =>
    fetch(`${url}/trpc/auth.challenge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ json: { address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' } }),
    }).then((r) => r.status);

  it('without TRUST_PROXY, X-Forwarded-For is ignored: forged headers do not buy a new budget', async () => {
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '2' } });
    try {
      const { url } = await world.listen();
      const statuses = [];
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
        statuses.push(await challenge(url, ip));
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await world.close();
    }
  });

  it('with TRUST_PROXY=true, only the entry our proxy appended counts, not ones the client sent', async () => {
    const world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '2', TRUST_PROXY: 'true' } });
    try {
      const { url } = await world.listen();
      // The client forges a different leftmost entry each time; the proxy appends the real address.
      const statuses = [];
      for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
        statuses.push(await challenge(url, `${forged}, 203.0.113.9`));
      }
      expect(statuses).toEqual([200, 200, 429]);
      // Another real client behind the same proxy has its own budget.
      expect(await challenge(url, '203.0.113.10')).toBe(200);
    } finally {
      await world.close();
    }
  });
});
