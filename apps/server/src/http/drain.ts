import type { FastifyInstance } from 'fastify';

/**
 * Where a server is in its shutdown, as a load balancer should see it:
 * - `serving`: normal;
 * - `draining` (SIGTERM received): /ready answers 503 so the balancer takes us out of rotation,
 *   but every request is still served, answered with `Connection: close` so keep-alive clients
 *   reconnect (to another instance) instead of writing on a socket we are about to close;
 * - `refusing`: a short moment before the listener closes, new requests get 503 with
 *   `Connection: close` — connections still waiting in the listen backlog are accepted and
 *   answered rather than reset when the listener goes away.
 */
export type DrainPhase = 'serving' | 'draining' | 'refusing';

export interface Drain {
  readonly phase: DrainPhase;
  startDraining(): void;
  startRefusing(): void;
}

export function createDrain(): Drain {
  let phase: DrainPhase = 'serving';
  return {
    get phase() {
      return phase;
    },
    startDraining() {
      if (phase === 'serving') phase = 'draining';
    },
    startRefusing() {
      phase = 'refusing';
    },
  };
}

export function registerDrainHooks(app: FastifyInstance, drain: Drain) {
  // Closing directly (tests, or a stop without the delay) still tells clients to hang up, so
  // close() does not wait for their idle keep-alive sockets.
  app.addHook('preClose', async () => {
    drain.startDraining();
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (drain.phase !== 'refusing') return;
    return reply
      .code(503)
      .header('connection', 'close')
      .header('retry-after', '1')
      .send({ status: 'shutting down' });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (drain.phase !== 'serving') reply.header('connection', 'close');
    return payload;
  });
}
