import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_REFRESH_MS, startMetricsServer } from '../src/http/metrics-server';
import { createRedisStore, type RedisStore } from '../src/store/redis';
import { hasRedisServer, startThrowawayRedis } from './redis-server';
import { STILL_OPEN_AFTER_MS, stallRequest } from './slow-client';
import { createWorld, type World } from './world';

type Throwaway = Awaited<ReturnType<typeof startThrowawayRedis>>;

/**
 * The metrics listener is a second HTTP port: it gets the API's deadlines, and its health gauges
 * must not turn scrapes into load on Postgres and Redis. A throwaway redis-server of its own
 * counts the pings the scrapes cause (a shared one counts everybody's).
 */
describe.skipIf(!hasRedisServer())('the metrics port (throwaway redis-server)', () => {
  let redis: Throwaway;
  let store: RedisStore;
  let world: World;
  let metrics: Awaited<ReturnType<typeof startMetricsServer>>;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    store = await createRedisStore({
      url: redis.url,
      keyPrefix: 'metrics:',
      log: pino({ level: 'silent' }),
    });
    world = await createWorld({
      store,
      env: { HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '800' },
    });
    metrics = await startMetricsServer(world.deps, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await metrics.close();
    await world.close();
    await store.close();
    await redis.stop();
  });

  /** How many PING commands the throwaway Redis has served, as Redis itself counts them. */
  const pingsServed = async () => {
    const observer = createClient({ url: redis.url });
    await observer.connect();
    try {
      const stats = await observer.info('commandstats');
      return Number(/cmdstat_ping:calls=(\d+)/.exec(stats)?.[1] ?? 0);
    } finally {
      await observer.quit();
    }
  };
  const scrape = async () => {
    const res = await fetch(metrics.url);
    expect(res.status).toBe(200);
    return res.text();
  };
  const redisUp = (text: string) =>
    /^puffy_dependency_up\{dependency="redis"\} (\d+)$/m.exec(text)?.[1];

  it('closes a connection whose headers never finish, as the API port does', async () => {
    const { answer, closedAfterMs } = await stallRequest(
      metrics.url,
      'GET /metrics HTTP/1.1\r\nHost: x\r\n',
    );
    expect(closedAfterMs, `still open after ${STILL_OPEN_AFTER_MS} ms`).not.toBeNull();
    expect(closedAfterMs).toBeGreaterThanOrEqual(400 - 50); // HTTP_HEADERS_TIMEOUT_MS ended it
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('pings the dependencies once per refresh window, however many scrapes arrive', async () => {
    world.clock.advance(HEALTH_REFRESH_MS); // a window of its own, whatever ran before
    const before = await pingsServed();
    const burst = await Promise.all(Array.from({ length: 10 }, () => scrape()));
    for (let i = 0; i < 10; i++) burst.push(await scrape());
    expect((await pingsServed()) - before).toBe(1);
    expect(burst.map(redisUp)).toEqual(Array(20).fill('1'));

    // Past the window, the next scrape pings again (once), so the gauges follow the truth.
    world.clock.advance(HEALTH_REFRESH_MS);
    await scrape();
    await scrape();
    expect((await pingsServed()) - before).toBe(2);

    await redis.stop();
    world.clock.advance(HEALTH_REFRESH_MS);
    expect(redisUp(await scrape())).toBe('0');
    await redis.start();
  });
});
