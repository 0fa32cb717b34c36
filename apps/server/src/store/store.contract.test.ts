import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../test/backends';
import { startBlackhole } from '../../test/blackhole';
import { createFakeClock } from '../lib/clock';
import { createMemoryStore } from './memory';
import { createRedisStore } from './redis';
import { type EphemeralStore, StoreUnavailableError } from './types';

const silent = pino({ level: 'silent' });

interface Subject {
  store: EphemeralStore;
  /** Lets time pass as the store sees it (fake clock for memory, real sleep for Redis). */
  elapse(ms: number): Promise<void>;
}

/** One contract, two implementations: the memory store must behave like Redis in every way we use. */
function contract(name: string, make: () => Promise<Subject>, skip = false) {
  describe.skipIf(skip)(`EphemeralStore contract: ${name}`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(() => subject.store.close());

    it('returns what was put, until the TTL passes', async () => {
      const { store } = subject;
      await store.put('a', 'value-a', 1);
      expect(await store.get('a')).toBe('value-a');
      await subject.elapse(1100);
      expect(await store.get('a')).toBeNull();
    });

    it('replaces a value put twice', async () => {
      await subject.store.put('b', 'one', 60);
      await subject.store.put('b', 'two', 60);
      expect(await subject.store.get('b')).toBe('two');
    });

    it('take returns the value once and deletes it', async () => {
      await subject.store.put('c', 'once', 60);
      expect(await subject.store.take('c')).toBe('once');
      expect(await subject.store.take('c')).toBeNull();
      expect(await subject.store.get('c')).toBeNull();
    });

    it('take of an expired key returns null', async () => {
      await subject.store.put('d', 'stale', 1);
      await subject.elapse(1100);
      expect(await subject.store.take('d')).toBeNull();
    });

    it('of 50 concurrent takes exactly one gets the value', async () => {
      await subject.store.put('e', 'prize', 60);
      const results = await Promise.all(Array.from({ length: 50 }, () => subject.store.take('e')));
      expect(results.filter((r) => r === 'prize')).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(49);
    });

    it('answers ping', async () => {
      await expect(subject.store.ping()).resolves.toBeUndefined();
    });
  });
}

contract('memory', async () => {
  const clock = createFakeClock();
  return {
    store: createMemoryStore(clock),
    elapse: async (ms) => clock.advance(ms),
  };
});

contract(
  'redis',
  async () => ({
    store: await createRedisStore({
      url: TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      keyPrefix: `test:${randomBytes(6).toString('hex')}:`,
      log: silent,
    }),
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }),
  TEST_REDIS_URL === undefined,
);

describe('redis store when Redis does not answer', () => {
  it('fails each call with StoreUnavailableError in about a second instead of hanging', async () => {
    const hole = await startBlackhole();
    const store = await createRedisStore({
      url: `redis://127.0.0.1:${hole.port}`,
      keyPrefix: 'test:',
      log: silent,
      connectWaitMs: 200,
    });
    try {
      const started = Date.now();
      await expect(store.take('anything')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      // A deadline, not a benchmark: without one these calls would wait for as long as the outage
      // (here: for ever). The bound is loose so a busy machine cannot fail it; the calls' own
      // deadline is about a second.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await store.close();
      await hole.close();
    }
  });

  it('fails fast when nothing listens at all', async () => {
    const store = await createRedisStore({
      url: 'redis://127.0.0.1:1',
      keyPrefix: 'test:',
      log: silent,
      connectWaitMs: 200,
    });
    try {
      await expect(store.put('k', 'v', 10)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
