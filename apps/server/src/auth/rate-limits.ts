import { DomainError } from '@puffy/core';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { LimitBucket, RateLimiter } from '../deps';
import { isRedisStore } from '../store/redis';
import { type EphemeralStore, StoreUnavailableError } from '../store/types';

/**
 * rate-limiter-flexible, counting in Redis when the store is Redis (so limits hold across every
 * instance) and in memory otherwise. With node-redis it needs `useRedisPackage: true`; without it
 * every call throws.
 */
export function createRateLimiter(
  config: Pick<Config, 'rateLimits'>,
  store: EphemeralStore,
): RateLimiter {
  const budgets: Record<LimitBucket, { points: number; duration: number }> = {
    auth: { points: config.rateLimits.authPerMinute, duration: 60 },
    order: { points: config.rateLimits.orderPerMinute, duration: 60 },
    codeFailure: { points: config.rateLimits.codeFailuresPerHour, duration: 3600 },
  };
  const limiters = new Map<LimitBucket, RateLimiterAbstract>();
  for (const bucket of ['auth', 'order', 'codeFailure'] as const) {
    const options = { keyPrefix: `rl:${bucket}`, ...budgets[bucket] };
    limiters.set(
      bucket,
      isRedisStore(store)
        ? new RateLimiterRedis({
            ...options,
            keyPrefix: `${store.keyPrefix}rl:${bucket}`,
            storeClient: store.client,
            useRedisPackage: true,
          })
        : new RateLimiterMemory(options),
    );
  }

  const limiterOf = (bucket: LimitBucket) => {
    const limiter = limiters.get(bucket);
    if (!limiter) throw new Error(`no limiter for ${bucket}`);
    return limiter;
  };

  return {
    async consume(bucket, key) {
      const limiter = limiterOf(bucket);
      try {
        await limiter.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
          throw new DomainError(
            'RATE_LIMITED',
            `Too many requests; try again in ${retryAfterSeconds} s`,
            { retryAfterSeconds },
          );
        }
        throw new StoreUnavailableError(`rate limit ${bucket}`, err);
      }
    },
    async refund(bucket, key) {
      try {
        await limiterOf(bucket).reward(key, 1);
      } catch (err) {
        throw new StoreUnavailableError(`rate limit ${bucket}`, err);
      }
    },
  };
}
