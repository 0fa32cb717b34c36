import { describe, expect, it } from 'vitest';
import { createWorld } from './world';

type Phase = 'draining' | 'refusing';

/**
 * Holds each timed phase of a stop open until the test lets it go, so the test looks at a phase
 * while it is certainly in it, however slowly this process is scheduled. Records how long the
 * server meant each phase to last.
 */
function phaseGates() {
  const entered = new Map<Phase, Deferred<number>>();
  const left = new Map<Phase, Deferred<void>>();
  const get = <T>(map: Map<Phase, Deferred<T>>, phase: Phase) => {
    let gate = map.get(phase);
    if (!gate) {
      gate = deferred<T>();
      map.set(phase, gate);
    }
    return gate;
  };
  return {
    phaseWait(phase: Phase, ms: number) {
      get(entered, phase).resolve(ms);
      return get(left, phase).promise;
    },
    /** Resolves with the phase's planned length once stop() is in it. */
    entered: (phase: Phase) => get(entered, phase).promise,
    leave: (phase: Phase) => get(left, phase).resolve(),
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the phases of a stop with SHUTDOWN_DELAY_MS', () => {
  it('serves with /ready 503 during the delay, then refuses new requests with 503 before closing', async () => {
    const world = await createWorld({ env: { SHUTDOWN_DELAY_MS: '600' } });
    const gates = phaseGates();
    try {
      const { url, server } = await world.listen({ phaseWait: gates.phaseWait });
      const list = `${url}/trpc/product.list?input=${encodeURIComponent('{"json":{}}')}`;
      expect((await fetch(`${url}/ready`)).status).toBe(200);

      const stopped = server.stop();
      expect(await gates.entered('draining')).toBe(600); // SHUTDOWN_DELAY_MS
      // Draining: out of rotation, but still serving, and telling clients to reconnect elsewhere.
      expect((await fetch(`${url}/ready`)).status).toBe(503);
      const served = await fetch(list);
      expect(served.status).toBe(200);
      expect(served.headers.get('connection')).toBe('close');

      gates.leave('draining');
      expect(await gates.entered('refusing')).toBe(500); // capped by the delay, here 600
      // Refusing: the listener is still open (a backlog connection gets an answer, not a reset).
      const refused = await fetch(list);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('connection')).toBe('close');
      expect(refused.headers.get('retry-after')).toBe('1');

      gates.leave('refusing');
      await stopped;
      await expect(fetch(list)).rejects.toThrow();
    } finally {
      gates.leave('draining');
      gates.leave('refusing');
      await world.close();
    }
  });
});
