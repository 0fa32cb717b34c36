import { describe, expect, it } from 'vitest';
import { createWorld } from './world';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the phases of a stop with SHUTDOWN_DELAY_MS', () => {
  it('serves with /ready 503 during the delay, then refuses new requests with 503 before closing', async () => {
    const world = await createWorld({ env: { SHUTDOWN_DELAY_MS: '600' } });
    try {
      const { url, server } = await world.listen();
      const list = `${url}/trpc/product.list?input=${encodeURIComponent('{"json":{}}')}`;
      expect((await fetch(`${url}/ready`)).status).toBe(200);

      const stopped = server.stop();
      await sleep(100);
      // Draining: out of rotation, but still serving, and telling clients to reconnect elsewhere.
      expect((await fetch(`${url}/ready`)).status).toBe(503);
      const served = await fetch(list);
      expect(served.status).toBe(200);
      expect(served.headers.get('connection')).toBe('close');

      await sleep(650);
      // Refusing: the listener is still open (a backlog connection gets an answer, not a reset).
      const refused = await fetch(list);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('connection')).toBe('close');
      expect(refused.headers.get('retry-after')).toBe('1');

      await stopped;
      await expect(fetch(list)).rejects.toThrow();
    } finally {
      await world.close();
    }
  });
});
