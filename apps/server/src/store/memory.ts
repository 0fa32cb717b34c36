import type { Clock } from '../lib/clock';
import type { EphemeralStore } from './types';

/**
 * Single-process store for `pnpm dev` and tests. JavaScript runs one callback at a time, so a
 * synchronous read-and-delete is as atomic as Redis's GETDEL within this process — and useless
 * across processes, which is why production refuses to start without REDIS_URL.
 */
export function createMemoryStore(clock: Clock): EphemeralStore & { size(): number } {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let closed = false;

  const live = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock.now().getTime()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const sweep = () => {
    const now = clock.now().getTime();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();

  return {
    kind: 'memory',
    async put(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: clock.now().getTime() + ttlSeconds * 1000 });
    },
    async take(key) {
      const entry = live(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async ping() {
      if (closed) throw new Error('memory store is closed');
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      entries.clear();
    },
    size: () => entries.size,
  };
}
