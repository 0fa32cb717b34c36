import type { Logger } from '../log';
import type { RedisClient } from './redis';

/**
 * The logout deny-list and the rate-limit counters live in Redis with TTLs. Under any evicting
 * `maxmemory-policy` (allkeys-* and volatile-* alike: all our keys have a TTL), Redis may drop them
 * when memory runs short, and a revoked token works again or a limit starts over. Only
 * `noeviction` keeps them: Redis then refuses writes instead, which our calls report as
 * SERVICE_UNAVAILABLE rather than silently forgetting.
 */
export async function checkEvictionPolicy(
  client: Pick<RedisClient, 'configGet'>,
  options: {
    isProduction: boolean;
    /** REDIS_EVICTION_POLICY_CHECK=skip: the operator checked a policy we cannot read. */
    skipUnreadable: boolean;
    log: Logger;
  },
): Promise<void> {
  let policy: string | undefined;
  try {
    policy = (await client.configGet('maxmemory-policy'))['maxmemory-policy'];
  } catch (err) {
    // Managed Redis often disables CONFIG. Production starts only on the operator's word that the
    // policy is noeviction: starting silently would leave revoked tokens and rate limits to luck.
    if (options.isProduction && !options.skipUnreadable) {
      throw new Error(
        'cannot read Redis maxmemory-policy (CONFIG GET refused): it must be noeviction, or revoked tokens and rate limits can be evicted; once you have checked it is, set REDIS_EVICTION_POLICY_CHECK=skip',
        { cause: err },
      );
    }
    options.log.warn(
      { err },
      'cannot read Redis maxmemory-policy (CONFIG GET refused); it must be noeviction, or revoked tokens and rate limits can be evicted',
    );
    return;
  }
  if (policy === undefined || policy === 'noeviction') return;
  const message = `Redis maxmemory-policy is ${policy}: it can evict the logout deny-list and rate-limit counters; set it to noeviction`;
  if (options.isProduction) throw new Error(message);
  options.log.warn({ policy }, message);
}
