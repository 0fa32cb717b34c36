import { createClient } from 'redis';
import { withDeadline } from '../lib/deadline';
import type { Logger } from '../log';
import { type EphemeralStore, StoreUnavailableError } from './types';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  url: string;
  keyPrefix: string;
  log: Logger;
  /** Deadline for every command; a dead Redis is an error in about this long, never a hang. */
  commandTimeoutMs?: number;
  /** How long `createRedisStore` waits for the first connection before returning anyway. */
  connectWaitMs?: number;
}

export interface RedisStore extends EphemeralStore {
  readonly kind: 'redis';
  /** The connected client, for libraries that need one (the rate limiter). */
  readonly client: RedisClient;
  readonly keyPrefix: string;
}

export function isRedisStore(store: EphemeralStore): store is RedisStore {
  return store.kind === 'redis' && 'client' in store;
}

/**
 * Redis-backed store. node-redis queues commands while disconnected (the offline queue), which
 * would turn an outage into hanging requests; it is disabled and every command has a deadline.
 * Reconnection continues in the background, so the store recovers by itself when Redis is back.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: {
      connectTimeout: Math.max(timeoutMs, 1000),
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  let lastError = '';
  client.on('error', (err: Error) => {
    // Log each distinct failure once per outage rather than once per reconnect attempt.
    if (err.message !== lastError) options.log.warn({ err }, 'redis connection error');
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError !== '') options.log.info('redis connection restored');
    lastError = '';
  });

  const connecting = client.connect();
  connecting.catch(() => {});
  await withDeadline(connecting, options.connectWaitMs ?? 5000, 'redis connect').catch((err) => {
    options.log.error({ err }, 'redis not reachable at start; continuing and retrying');
  });

  const k = (key: string) => options.keyPrefix + key;
  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(work(), timeoutMs + 100, `redis ${operation}`);
    } catch (err) {
      throw new StoreUnavailableError(operation, err);
    }
  };

  return {
    kind: 'redis',
    client,
    keyPrefix: options.keyPrefix,
    put: (key, value, ttlSeconds) =>
      run('put', async () => {
        await client.set(k(key), value, { expiration: { type: 'EX', value: ttlSeconds } });
      }),
    take: (key) => run('take', () => client.getDel(k(key))),
    get: (key) => run('get', () => client.get(k(key))),
    ping: () =>
      run('ping', async () => {
        await client.ping();
      }),
    async close() {
      // close() waits for pending replies, which never come from a dead server: only a ready
      // client is closed politely; anything else is destroyed (which also stops reconnecting).
      if (client.isReady) {
        const closed = await withDeadline(client.close(), 2000, 'redis close').then(
          () => true,
          () => false,
        );
        if (closed) return;
      }
      try {
        client.destroy();
      } catch {
        // already closed
      }
    },
  };
}
