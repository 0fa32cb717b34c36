import { describe, expect, it } from 'vitest';
import { createServer } from '../src/http/server';
import { services } from '../src/runtime';
import { type EphemeralStore, StoreUnavailableError } from '../src/store/types';
import { createWallet } from './wallet';
import { createWorld } from './world';

/** A store that is down: every call fails the way the Redis store fails when Redis is away. */
const downStore: EphemeralStore = {
  kind: 'redis',
  put: async () => {
    throw new StoreUnavailableError('put');
  },
  take: async () => {
    throw new StoreUnavailableError('take');
  },
  get: async () => {
    throw new StoreUnavailableError('get');
  },
  ping: async () => {
    throw new StoreUnavailableError('ping');
  },
  close: async () => {},
};

describe('a dependency outage answers 503 with Retry-After', () => {
  it('says when to try again, so a client or balancer can tell it from a failure', async () => {
    const world = await createWorld();
    const deps = {
      ...world.deps,
      store: downStore,
      ...services(world.config, downStore, world.clock),
    };
    const server = await createServer(deps);
    try {
      const url = await server.start(0);
      const wallet = await createWallet();
      const res = await fetch(`${url}/trpc/auth.challenge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { address: wallet.address } }),
      });
      const body = (await res.json()) as { error: { json: { data: { reason: string } } } };
      expect(res.status).toBe(503);
      expect(body.error.json.data.reason).toBe('DEPENDENCY_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('1');
    } finally {
      await server.stop();
      await world.close();
    }
  });
});
