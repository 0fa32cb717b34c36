import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { openStore } from '../src/runtime';
import { hasRedisServer, startThrowawayRedis } from './redis-server';
import { PRODUCTION_SOLANA_ENV } from './spawn-server';
import { LogCapture } from './world';

type Throwaway = Awaited<ReturnType<typeof startThrowawayRedis>>;

describe.skipIf(!hasRedisServer())(
  'Redis eviction policy at start (throwaway redis-server)',
  () => {
    let redis: Throwaway | undefined;
    afterEach(async () => {
      await redis?.stop();
      redis = undefined;
    });

    const open = async (
      extraArgs: string[],
      nodeEnv: 'production' | 'development',
      env: Record<string, string> = {},
    ) => {
      redis = await startThrowawayRedis(extraArgs);
      const logs = new LogCapture();
      const config = loadConfig({
        ...PRODUCTION_SOLANA_ENV,
        ...env,
        NODE_ENV: nodeEnv,
        REDIS_URL: redis.url,
        DATABASE_URL: 'postgres://unused@127.0.0.1:9/unused',
        JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long!!',
      });
      const log = createLogger({ logLevel: 'info', nodeEnv: 'test' }, logs);
      return { logs, opening: openStore(config, log) };
    };

    it('refuses to start in production under an evicting policy, naming it', async () => {
      const { opening } = await open(['--maxmemory-policy', 'allkeys-lru'], 'production');
      await expect(opening).rejects.toThrow(/maxmemory-policy is allkeys-lru/);
    });

    it('volatile-* policies evict our keys too (they all have a TTL)', async () => {
      const { opening } = await open(['--maxmemory-policy', 'volatile-ttl'], 'production');
      await expect(opening).rejects.toThrow(/maxmemory-policy is volatile-ttl/);
    });

    it('starts in production under noeviction', async () => {
      const { opening } = await open(['--maxmemory-policy', 'noeviction'], 'production');
      const store = await opening;
      await store.close();
    });

    // Managed Redis with CONFIG disabled: the policy cannot be read.
    const noConfig = ['--maxmemory-policy', 'allkeys-lru', '--rename-command', 'CONFIG', ''];

    it('refuses to start in production when it cannot read the policy, naming the way out', async () => {
      const { opening } = await open(noConfig, 'production');
      await expect(opening).rejects.toThrow(
        /cannot read Redis maxmemory-policy.*REDIS_EVICTION_POLICY_CHECK=skip/,
      );
    });

    it('starts in production on an unreadable policy with REDIS_EVICTION_POLICY_CHECK=skip, warning', async () => {
      const { opening, logs } = await open(noConfig, 'production', {
        REDIS_EVICTION_POLICY_CHECK: 'skip',
      });
      const store = await opening;
      await store.close();
      expect(logs.text()).toContain('cannot read Redis maxmemory-policy');
    });

    it('still refuses an evicting policy it can read with REDIS_EVICTION_POLICY_CHECK=skip', async () => {
      const { opening } = await open(['--maxmemory-policy', 'allkeys-lru'], 'production', {
        REDIS_EVICTION_POLICY_CHECK: 'skip',
      });
      await expect(opening).rejects.toThrow(/maxmemory-policy is allkeys-lru/);
    });

    it('warns and starts outside production when it cannot read the policy', async () => {
      const { opening, logs } = await open(noConfig, 'development');
      const store = await opening;
      await store.close();
      expect(logs.text()).toContain('cannot read Redis maxmemory-policy');
    });

    it('only warns outside production', async () => {
      const { opening, logs } = await open(['--maxmemory-policy', 'allkeys-lru'], 'development');
      const store = await opening;
      await store.close();
      expect(logs.text()).toContain('maxmemory-policy is allkeys-lru');
    });
  },
);
